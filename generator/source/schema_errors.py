"""Turn pydantic's validation errors into bilingual Problems with file and line.

One mistake, one message, one fix: pydantic may report a field several times (`1800新元`
fails both int and float; `age: []` misses two items; an empty text misses both
languages); we keep one message per field, say "empty" for an empty field, give the
field's own example (never 1800 hours a week), and for a field that names another file's
entry (trade, agency, visa…) list the choices by the names staff know (source/choices.py).
"""
from __future__ import annotations

import re
import types
import typing

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.library_messages import validation_fallback
from generator.problems import Problem, msg
from generator.source import choices as ch
from generator.source.yamlload import Doc

_EMPTY_KINDS = {"missing", "string_too_short", "too_short"}
_INT_KINDS = {"int_type", "int_parsing", "int_from_float"}
_FLOAT_KINDS = {"float_type", "float_parsing", "int_parsing_size"}


def _field_path(doc: Doc, loc: tuple) -> tuple[tuple, str]:
    """Drop the parts of pydantic's loc that are not in the data (union tags), and
    return the data path with its dotted display form."""
    data, path = doc.data, []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            path.append(part)          # a missing key: name it, stop descending
            data = None
            continue
        else:
            continue                   # a tag such as 'single' or 'function-after[...]'
        path.append(part)
    shown = ""
    for part in path:
        shown += f"[{part}]" if isinstance(part, int) else (f".{part}" if shown else str(part))
    return tuple(path), shown


def _allowed(model, loc: tuple) -> list[str]:
    """The field names a model accepts at `loc`, to suggest the right spelling."""
    fields = getattr(model, "model_fields", None)
    for part in loc[:-1]:
        if fields is None or part not in fields:
            return []
        ann = fields[part].annotation
        inner = [a for a in getattr(ann, "__args__", (ann,)) if isinstance(a, type) and issubclass(a, BaseModel)]
        fields = inner[0].model_fields if inner else None
    return sorted(fields) if fields else []


def _field(model, path: tuple):
    """The pydantic FieldInfo of `path` (list indexes skipped), for its example and bounds."""
    ann = getattr(model, "_type", model) if isinstance(model, TypeAdapter) else model
    info = None
    for part in path:
        while typing.get_origin(ann) in (typing.Annotated, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(ann) if a is not type(None)]
            ann = args[0] if typing.get_origin(ann) is typing.Annotated or len(args) == 1 else ann
            if typing.get_origin(ann) in (typing.Union, types.UnionType):
                break
        if isinstance(part, int):
            args = typing.get_args(ann)
            if typing.get_origin(ann) not in (list, tuple) or not args:
                return None
            ann = args[0]
        elif isinstance(ann, type) and issubclass(ann, BaseModel) and part in ann.model_fields:
            info = ann.model_fields[part]
            ann = info.annotation
        else:
            return None
    return info


def _example(info) -> str:
    """The field's own example (models give `examples=`), as staff would write it."""
    examples = getattr(info, "examples", None) if info else None
    if not examples:
        return ""
    value = examples[0]
    return f"[{', '.join(str(v) for v in value)}]" if isinstance(value, (list, tuple)) else str(value)


def _bounds(info) -> tuple[str, str]:
    """The field's range in words, e.g. ("0 到 31 之间的", " from 0 to 31"); ("", "") if open."""
    low = high = None
    for meta in getattr(info, "metadata", []) if info else []:
        if getattr(meta, "ge", None) is not None:
            low = ("", meta.ge)
        if getattr(meta, "gt", None) is not None:
            low = ("more than ", meta.gt)
        high = next((getattr(meta, k) for k in ("le", "lt") if getattr(meta, k, None) is not None), high)
    if low is not None and high is not None:
        return f"{'大于 ' if low[0] else ''}{low[1]} 到 {high} 之间的", f" {low[0] or 'from '}{low[1]} to {high}"
    return "", ""


def _number_fix(info, whole: bool, value) -> tuple[str, str]:
    """How to write this number: `1800新元` → 1800 alone; else the field's example or range."""
    kind_zh, kind_en = ("整数", "whole number") if whole else ("数字", "number")
    digits = re.match(r"^\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*\S", value) if isinstance(value, str) else None
    if digits:
        number = re.sub(r"[,，]", "", digits.group(1))
        return (f"只写数字 {number}，不要带单位、币种或逗号",
                f"write the number alone: {number}, without a unit, currency or commas")
    example = _example(info)
    if example:
        return f"请填写{kind_zh}，例如 {example}", f"write a {kind_en} such as {example}"
    range_zh, range_en = _bounds(info)
    return f"请填写{range_zh}{kind_zh}", f"write a {kind_en}{range_en}"


def _like(example: str) -> tuple[str, str]:
    return f"请按此格式填写：{example}", f"write it like {example}"


_PATTERN_FIXES = {r"^\d{4}-(0[1-9]|1[0-2])$": _like("2027-03"), r"^[A-Z]{3}$": _like("SGD"),
                  r"^https?://\S+$": _like("https://…"), r"^https?://\S+/$": _like("https://example.org/"),
                  r"^[a-z0-9][a-z0-9_-]*$": ("只能用小写英文字母、数字、- 和 _，例如 sg-2026-0104",
                                             "use lower-case letters, digits, - and _ only, e.g. sg-2026-0104")}


def _format_fix(kind: str, ctx: dict) -> tuple[str, str] | None:
    """How to write a value of this kind: the fix, whether the value is wrong or empty."""
    if kind.startswith("date") or kind.startswith("datetime"):
        return "请写成 YYYY-MM-DD，例如 2026-11-02", "write it as YYYY-MM-DD, e.g. 2026-11-02"
    if kind in ("bool_type", "bool_parsing"):
        return "请填写 true 或 false", "write true or false"
    if kind == "string_type":
        return "请填写文字；数字或日期请加引号", "write text; quote numbers and dates"
    if kind == "string_pattern_mismatch":
        return _PATTERN_FIXES.get(ctx.get("pattern", ""), ("请按说明中的格式填写", "write it in the format described"))
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        return f"请从这些值中选一个：{expected}", f"choose one of {expected}"
    return None


def _choices_at(choices: dict | None, path: tuple):
    if not choices:
        return None
    return choices.get(tuple(ch.ANY_INDEX if isinstance(p, int) else p for p in path))


def _text(err: dict, model, loc: tuple, value, choices: dict | None = None) -> tuple[str, str]:
    kind, ctx = err["type"], err.get("ctx", {})
    got = repr(err.get("input"))[:60]
    empty = err.get("input") is None or (isinstance(err.get("input"), str) and not err["input"].strip())
    info = _field(model, loc)
    if kind == "bilingual":
        return ctx["zh"], ctx["en"]
    if kind == "both_languages_empty":
        return msg("中文和英文都没有填写", "请填写 zh: … 和 en: …", "neither the Chinese nor the English text is filled in",
                   "fill in zh: … and en: …")
    if kind == "too_few_items":
        have = len(value) if isinstance(value, list) else 0
        example = _example(info)
        return msg(f"只有 {have} 项，应有 {ctx['needed']} 项", f"请写成 {example}" if example else "请补全",
                   f"has {have} item{'s' if have != 1 else ''}, needs {ctx['needed']}",
                   f"write it like {example}" if example else "complete it")
    chosen = _choices_at(choices, loc)
    if chosen and (kind == "string_pattern_mismatch" or (empty and kind in _EMPTY_KINDS | {"string_type"})):
        return ch.unknown(chosen, err.get("input"))
    if empty and kind in _INT_KINDS | _FLOAT_KINDS:
        fix = _number_fix(info, kind in _INT_KINDS, None)
        return msg("是空的", fix[0], "is empty", fix[1])
    if kind == "missing":
        name = loc[-1] if loc else ""
        if name in ("zh", "en"):
            lang_zh, lang_en = ("中文", "Chinese") if name == "zh" else ("英文", "English")
            return msg(f"缺少{lang_zh}译文", f"请添加 {name}: …", f"the {lang_en} text is missing",
                       f"add {name}: …")
        return msg("缺少必填字段", "请添加这个字段", "a required field is missing", "add this field")
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        if value is None and " " in name:
            return msg(f"“{name}”被当成了字段名：花括号 {{…}} 里的逗号会把文字拆开",
                       "请给这段文字加上引号，或改用分行写法",
                       f"'{name}' was read as a field name: a comma inside {{…}} splits the text",
                       "put the text in quotes, or write it in block style")
        allowed = _allowed(model, loc)
        hint = f"（允许的字段：{', '.join(allowed)}）" if allowed else ""
        hint_en = f" (allowed: {', '.join(allowed)})" if allowed else ""
        return msg(f"未知字段“{name}”", f"检查拼写或删除它{hint}",
                   f"unknown field '{name}'", f"check the spelling or remove it{hint_en}")
    if kind in _INT_KINDS:
        fix = _number_fix(info, True, err.get("input"))
        return msg(f"应为整数，现在是 {got}", fix[0], f"must be a whole number, not {got}", fix[1])
    if kind in _FLOAT_KINDS:
        fix = _number_fix(info, False, err.get("input"))
        return msg(f"应为数字，现在是 {got}", fix[0], f"must be a number, not {got}", fix[1])
    fix = _format_fix(kind, ctx)
    if empty and fix:
        return msg("是空的", fix[0], "is empty", fix[1])
    if kind.startswith("date") or kind.startswith("datetime"):
        return msg(f"应为日期，现在是 {got}", fix[0], f"must be a date, not {got}", fix[1])
    if kind in ("bool_type", "bool_parsing"):
        return msg(f"应为 true 或 false，现在是 {got}", fix[0], f"must be true or false, not {got}", fix[1])
    if kind == "string_type":
        return msg(f"应为文字，现在是 {got}", fix[0], f"must be text, not {got}", fix[1])
    if kind in ("string_too_short", "too_short"):
        return msg("不能为空", "请填写内容", "must not be empty", "fill it in")
    if kind == "too_long":
        return msg("条目太多", "请检查格式", "has too many items", "check the format")
    if kind == "string_pattern_mismatch":
        return msg(f"格式不对：{got}", fix[0], f"wrong format: {got}", fix[1])
    if kind in ("literal_error", "enum"):
        return msg(f"不是允许的值：{got}", fix[0], f"not an allowed value: {got}", fix[1])
    if kind == "union_tag_invalid":
        return msg(f"题型 {got} 不存在", "请用 single、multiple 或 truefalse",
                   f"unknown question type {got}", "use single, multiple or truefalse")
    if kind in ("dict_type", "model_type") and not loc and value is None:
        return msg("文件是空的", "请填写内容（可用 python -m generator new job ID 生成模板）",
                   "the file is empty", "fill it in (python -m generator new job ID writes a template)")
    if kind in ("dict_type", "model_type", "model_attributes_type", "union_tag_not_found"):
        return msg(f"应为一组“字段: 值”，现在是 {got}", "请检查缩进和格式",
                   f"must be a mapping of field: value, not {got}", "check the indentation and format")
    if kind in ("list_type", "tuple_type"):
        return msg(f"应为列表，现在是 {got}", "请写成 [a, b] 或用 - 分行",
                   f"must be a list, not {got}", "write [a, b] or one '- item' per line")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {"greater_than": ("大于", "greater than"), "greater_than_equal": ("不小于", "at least"),
                 "less_than": ("小于", "less than"), "less_than_equal": ("不大于", "at most")}[kind]
        limit = next(iter(ctx.values()), "")
        return msg(f"应{bound[0]} {limit}，现在是 {got}", "请改正数值",
                   f"must be {bound[1]} {limit}, not {got}", "correct the number")
    if kind == "string_too_long":
        return msg(f"太长了（最多 {ctx.get('max_length')} 个字符）", "请缩短", f"is too long (at most "
                   f"{ctx.get('max_length')} characters)", "shorten it")
    return validation_fallback(f"{kind}: {err['msg']}")


def check(doc: Doc, model, data=None, choices: dict | None = None) -> tuple[object | None, list[Problem]]:
    """Validate `data` (default: the whole doc) against a model class or type. `choices`:
    field path → source/choices.Choices, for fields that name another file's entry."""
    adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
    try:
        return adapter.validate_python(doc.data if data is None else data), []
    except ValidationError as exc:
        problems = []
        for path, err in _one_per_field(doc, exc.errors(include_url=False)):
            text = _text(err, model, path, _lookup(doc.data, path), choices)
            problems.append(Problem(doc.path, doc.line(path), _shown(path), text[0], text[1]))
        return None, problems


def _one_per_field(doc: Doc, errors: list[dict]) -> list[tuple[tuple, dict]]:
    """pydantic's errors, one per field: a number that fails int and float is one number;
    two missing items of [low, high] are one short list; a text empty in both languages
    is one text to fill in."""
    by_path: dict[tuple, list[dict]] = {}
    for err in errors:
        path, _ = _field_path(doc, err["loc"])
        if err["type"] == "missing" and err["loc"] and isinstance(err["loc"][-1], int) \
                and isinstance(_lookup(doc.data, path), list):
            prior = [e["ctx"]["needed"] for e in by_path.get(path, []) if e["type"] == "too_few_items"]
            needed = max([err["loc"][-1] + 1] + prior)
            err = dict(err, type="too_few_items", ctx={"needed": needed})
            by_path[path] = [e for e in by_path.get(path, []) if e["type"] != "too_few_items"]
        by_path.setdefault(path, []).append(err)
    chosen = {}
    for path, errs in by_path.items():
        if any(e["type"] in _FLOAT_KINDS for e in errs):       # int | float: a number will do
            errs = [e for e in errs if e["type"] not in _INT_KINDS]
        chosen[path] = errs[0]
    for path in [p for p in chosen if p and p[-1] == "zh"]:
        sibling = path[:-1] + ("en",)
        if sibling in chosen and _is_empty(chosen[path]) and _is_empty(chosen[sibling]):
            del chosen[sibling]
            chosen[path] = dict(chosen.pop(path), type="both_languages_empty")
            chosen[path[:-1]] = chosen.pop(path)
    return sorted(chosen.items(), key=lambda item: doc.line(item[0]))


def _is_empty(err: dict) -> bool:
    value = err.get("input")
    return err["type"] in _EMPTY_KINDS or (err["type"] == "string_type" and value is None)


def _shown(path: tuple) -> str:
    shown = ""
    for part in path:
        shown += f"[{part}]" if isinstance(part, int) else (f".{part}" if shown else str(part))
    return shown


def _lookup(data, path):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
