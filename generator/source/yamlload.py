"""Load one YAML file, keeping the line of every field.

PyYAML's composer gives nodes with positions; we build plain Python values from them
ourselves so that we can (a) record where each field was written, (b) refuse duplicate
keys, which PyYAML silently lets the last one win, and (c) refuse anchors and aliases,
which staff never need and which make "billion laughs" bombs possible.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.library_messages import os_error, yaml_error, yaml_text
from generator.problems import Problem, msg
from generator.source import keyboard

MAX_BYTES = 2_000_000     # a job order is a few KB; anything this large is a mistake
MAX_DEPTH = 40            # our formats nest five levels at most

Loc = tuple  # a path of keys and list indexes, e.g. ("wage", "amount")


@dataclass
class Doc:
    path: str                 # as shown to staff
    text: str
    data: object
    lines: dict               # Loc -> 1-based line of the field
    root: yaml.Node | None

    def line(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest written ancestor."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


class _Refused(Exception):
    def __init__(self, line: int, text: tuple[str, str], field: str = ""):
        super().__init__(text[1])
        self.line, self.text, self.field = line, text, field


# libyaml (C) does the parsing: ten times faster than pure Python on a province's files.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _screen(text: str) -> None:
    """Refuse aliases and deep nesting from the event stream, which is read without
    recursion, before anything is composed: a "billion laughs" bomb is never expanded and
    a thousand brackets never reach a recursive composer."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark.line + 1, yaml_text("aliases"))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(event.start_mark.line + 1, yaml_text("nesting"))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _fmt_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _build(loader: _Loader, node: yaml.Node, loc: Loc, lines: dict, depth: int):
    if depth > MAX_DEPTH:
        raise _Refused(node.start_mark.line + 1, yaml_text("nesting"), _fmt_loc(loc))
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in (
            "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        raise _Refused(node.start_mark.line + 1, yaml_text("tags", node.tag), _fmt_loc(loc))
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node.start_mark.line + 1, msg(
                    "字段名必须是简单文字", "请检查这一行的写法",
                    "a field name must be plain text", "check how this line is written"), _fmt_loc(loc))
            key = loader.construct_scalar(key_node)
            if key in out:
                raise _Refused(key_node.start_mark.line + 1, msg(
                    f"字段“{key}”重复出现（第 {lines[loc + (key,)]} 行已有）", "删除其中一个",
                    f"field '{key}' appears twice (already on line {lines[loc + (key,)]})",
                    "delete one of them"), _fmt_loc(loc + (key,)))
            lines[loc + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(loader, value_node, loc + (key,), lines, depth + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            lines[loc + (i,)] = item.start_mark.line + 1
            items.append(_build(loader, item, loc + (i,), lines, depth + 1))
        return items
    try:
        return loader.construct_object(node)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError) as exc:
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in str(exc):
            text = yaml_text("tags", node.tag)
        elif node.tag.endswith(":timestamp"):
            text = msg(f"“{node.value}”不是有效日期", "请写成 YYYY-MM-DD，例如 2026-02-28",
                       f"'{node.value}' is not a valid date", "write it as YYYY-MM-DD, e.g. 2026-02-28")
        else:
            text = msg(f"无法读取“{node.value[:40]}”", "请检查写法",
                       f"cannot read '{node.value[:40]}' [YAML: {' '.join(str(exc).split())}]", "check how it is written")
        raise _Refused(node.start_mark.line + 1, text, _fmt_loc(loc)) from None


def _refusal(path: str, line: int, text: tuple[str, str], field: str = "") -> Problem:
    return Problem(path, line, field, text[0], text[1])


def parse(text: str, path: str) -> Doc | Problem:
    """Parse YAML text into a Doc, or return the one Problem that stops it."""
    loader = None
    try:
        _screen(text)
        loader = _Loader(text)     # the reader already refuses control characters here
        root = loader.get_single_node()
        lines: dict = {(): 1}
        data = _build(loader, root, (), lines, 0) if root is not None else None
    except _Refused as r:
        return _refusal(path, r.line, r.text, r.field)
    except yaml.MarkedYAMLError as exc:
        return _syntax_problem(exc, text, path, keyboard.find(text))
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else 1
        return _refusal(path, line, yaml_text("control", str(exc).replace("\n", " ")))
    except RecursionError:
        return _refusal(path, 1, yaml_text("nesting"))
    finally:
        if loader is not None:
            loader.dispose()
    suspect = root is not None and keyboard.suspect(root)
    accepted = keyboard.confirmed(keyboard.find(text), _plain_scalars(root)) if suspect else []
    if accepted:    # `title:\n  zh：…` parses as the text "zh：…": name the slip, not the value
        return _refusal(path, accepted[0].line, keyboard.text(accepted[0]))
    return Doc(path, text, data, lines, root)


def _plain_scalars(root: yaml.Node) -> list[tuple[int, int, str]]:
    """(first line, last line, text) of every unquoted scalar, keys included."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if not node.style:
                out.append((node.start_mark.line + 1, node.end_mark.line + 1, node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        else:
            stack.extend(node.value)
    return out


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str, slips=()) -> Problem:
    """Our message for what the parser found, at the line where it can be fixed: an
    unclosed bracket or quote is noticed lines later, so name the line where it began;
    a slip of a Chinese keyboard is noticed lines later too, so name the slip."""
    source_lines = text.splitlines() or [""]
    mark = exc.problem_mark or exc.context_mark
    line = min(mark.line + 1, len(source_lines)) if mark else 1
    slip = keyboard.cause_of_failure(list(slips), line)
    if slip:
        return _refusal(path, slip.line, keyboard.text(slip))
    began = exc.context_mark.line + 1 if exc.context_mark else line
    here = source_lines[line - 1]
    problem = exc.problem or ""
    if "\t" in here:
        # libyaml says only "found character that cannot start any token"
        return _refusal(path, line, yaml_text("tab", problem))
    if mark and re.search(r"expected key|block end", problem) and here[:mark.column].rstrip().endswith(("'", '"')):
        return _refusal(path, line, yaml_text("after_quote", problem))
    if "node content" in problem and not text[mark.index:].strip():
        opener = _unclosed(text)          # the file ends inside [ or {
        if opener:
            return _refusal(path, opener[1], yaml_text("bracket" if opener[0] == "[" else "brace", problem))
    at_start, text_pair = yaml_error(problem, exc.context or "")
    return _refusal(path, began if at_start else line, text_pair)


def _unclosed(text: str) -> tuple[str, int] | None:
    """The last [ or { left open, with its line; quoted text is skipped."""
    stack = []
    for m in re.finditer(r"'[^'\n]*'|\"(?:\\.|[^\"\\\n])*\"|#[^\n]*|[\[\]{}]", text):
        token = m.group()
        if token in "[{":
            stack.append((token, text.count("\n", 0, m.start()) + 1))
        elif token in "]}" and stack:
            stack.pop()
    return stack[-1] if stack else None


def strings(value, loc: Loc = ()):
    """Every string in parsed YAML data, with its location (the keys and indexes to it)."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, loc + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings(v, loc + (i,))


def read_text(file: Path, shown: str) -> str | Problem:
    """The file as text, or a Problem if it is too large or not UTF-8."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return _refusal(shown, 0, os_error(exc, "无法读取文件", "cannot read the file"))
    if len(raw) > MAX_BYTES:
        return _refusal(shown, 0, msg(f"文件太大（{len(raw)} 字节）", "请检查是否粘贴了错误内容",
                                      f"the file is too large ({len(raw)} bytes)", "check what was pasted into it"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return _refusal(shown, line, msg("文件不是 UTF-8 编码", "请用 UTF-8 编码另存该文件",
                                         "the file is not UTF-8 text", "save it again with UTF-8 encoding"))


def load(file: Path, shown: str) -> Doc | Problem:
    text = read_text(file, shown)
    return text if isinstance(text, Problem) else parse(text, shown)


