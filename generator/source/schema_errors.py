"""Turn pydantic's validation errors into bilingual Problems with file and line."""
from __future__ import annotations

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.library_messages import validation_fallback
from generator.problems import Problem, msg
from generator.source.yamlload import Doc


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


def _text(err: dict, model, loc: tuple, value) -> tuple[str, str]:
    kind, ctx = err["type"], err.get("ctx", {})
    got = repr(err.get("input"))[:60]
    if kind == "bilingual":
        return ctx["zh"], ctx["en"]
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
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return msg(f"应为整数，现在是 {got}", "请填写整数，例如 40", f"must be a whole number, not {got}",
                   "write a whole number such as 40")
    if kind in ("float_type", "float_parsing", "int_parsing_size"):
        return msg(f"应为数字，现在是 {got}", "请填写数字，例如 1800", f"must be a number, not {got}",
                   "write a number such as 1800")
    if kind.startswith("date") or kind.startswith("datetime"):
        return msg(f"应为日期，现在是 {got}", "请写成 YYYY-MM-DD，例如 2026-11-02",
                   f"must be a date, not {got}", "write it as YYYY-MM-DD, e.g. 2026-11-02")
    if kind in ("bool_type", "bool_parsing"):
        return msg(f"应为 true 或 false，现在是 {got}", "请填写 true 或 false",
                   f"must be true or false, not {got}", "write true or false")
    if kind == "string_type":
        return msg(f"应为文字，现在是 {got}", "请填写文字；数字或日期请加引号",
                   f"must be text, not {got}", "write text; quote numbers and dates")
    if kind in ("string_too_short", "too_short"):
        return msg("不能为空", "请填写内容", "must not be empty", "fill it in")
    if kind == "too_long":
        return msg("条目太多", "请检查格式", "has too many items", "check the format")
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        examples = {r"^\d{4}-(0[1-9]|1[0-2])$": "2027-03", r"^[A-Z]{3}$": "SGD",
                    r"^https?://\S+$": "https://…", r"^https?://\S+/$": "https://example.org/"}
        ex = examples.get(pattern, "a-z, 0-9, -")
        return msg(f"格式不对：{got}", f"请按此格式填写：{ex}", f"wrong format: {got}", f"write it like {ex}")
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        return msg(f"不是允许的值：{got}", f"请从这些值中选一个：{expected}", f"not an allowed value: {got}",
                   f"choose one of {expected}")
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


def check(doc: Doc, model, data=None) -> tuple[object | None, list[Problem]]:
    """Validate `data` (default: the whole doc) against a model class or type."""
    adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
    try:
        return adapter.validate_python(doc.data if data is None else data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            path, shown = _field_path(doc, err["loc"])
            value = _lookup(doc.data, path)
            text = _text(err, model, path, value)
            problems.append(Problem(doc.path, doc.line(path), shown, text[0], text[1]))
        return None, problems


def _lookup(data, path):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
