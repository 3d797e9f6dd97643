"""Slips of a Chinese keyboard in YAML, found on the line where they were typed.

A Chinese input method types a full-width colon `：`, a full-width space `　` and full-width
commas and quotes, and staff forget the space after `:`. YAML reads `zh：船厂电焊工` as
plain text, so the parser complains a line or three later ("mapping values are not allowed",
"did not find expected key"), or not at all, and the value then fails validation under
another name. We look for these slips in the text itself: `find` lists the candidates, and
the loader names one only when the parser failed at or after it (`cause_of_failure`) or
when the text the slip left behind ended up in a value (`confirmed`). Full-width
punctuation inside Chinese prose, quoted text and block text (`|`, `>`) is never a slip.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from generator.problems import msg

IDEO = "\u3000"
# Field names are ASCII in every format we read; \w stays ASCII (re.A).
_KEY = r"[A-Za-z_][\w.-]*"
_ITEM = r"^[ ]*(?:-[ ]+)*"                      # indentation and list dashes before a field
_AFTER_KEY = re.compile(_ITEM + rf"(?P<key>{_KEY})(?P<slip>[ ]*：|:{IDEO}|:(?=[^\s/:]))", re.A)
_LEAD_IDEO = re.compile(rf"^[ -]*{IDEO}")
_FLOW_KEY = re.compile(rf"[{{,][ ]*(?P<key>{_KEY})(?P<slip>[ ]*：|:(?=[^\s/:]))", re.A)
_BLOCK_START = re.compile(r"(?:^|[ :-])[|>][-+0-9]*[ ]*(?:#.*)?$")
_QUOTED = re.compile(r"'[^'\n]*'|\"(?:\\.|[^\"\\\n])*\"")
_SPLITS = re.compile(r"[“‘][^”’]*?(?:[,\[\]{}#]|: )[^”’]*?[”’]")


@dataclass(frozen=True)
class Slip:
    line: int          # 1-based
    kind: str          # colon | space | ideo_space | indent | comma | quote | bracket
    key: str           # the field name typed before it, "" if none
    evidence: str      # what a value holds if the parser took the slip as text


def find(text: str) -> list[Slip]:
    """Every line that looks typed on a Chinese keyboard, outside quotes and block text."""
    found: list[Slip] = []
    block_above = None         # indentation of the line that opened a | or > text
    for n, line in enumerate(text.splitlines(), 1):
        spaces = len(line) - len(line.lstrip(" "))
        if block_above is not None:
            if not line.strip() or spaces > block_above:
                continue
            block_above = None
        code = _code(line)
        if _BLOCK_START.search(code):
            block_above = spaces
        found.extend(_slips_on(n, code))
    return found


def _code(line: str) -> str:
    """The line with quoted text blanked (its length kept) and any comment cut off."""
    code = _QUOTED.sub(lambda m: m.group()[0] + "x" * (len(m.group()) - 2) + m.group()[-1], line)
    hash_at = re.search(r"(?:^|[ \t])#", code)
    return code[:hash_at.start()] if hash_at else code


def _slips_on(n: int, code: str) -> list[Slip]:
    if _LEAD_IDEO.match(code):
        return [Slip(n, "indent", "", IDEO)]
    out = []
    m = _AFTER_KEY.match(code)
    if m:
        out.append(_key_slip(n, m))
    value = code[m.end():] if m else code
    if not m:
        m2 = re.match(rf"{_ITEM}(?P<key>{_KEY}):[ ]", code, re.A)
        value = code[m2.end():] if m2 else re.sub(r"^[ ]*(?:-[ ]+)*", "", code)
    flow = value.lstrip()
    if flow[:1] in ("［", "｛"):
        out.append(Slip(n, "bracket", "", flow[:1]))
    elif flow[:1] in ("[", "{"):
        out.extend(_key_slip(n, k) for k in _FLOW_KEY.finditer(flow))
        # A full-width comma between ASCII items: [20，45], [overseas，domestic]. Between
        # Chinese words it is prose ({zh: 清河县，人民路}).
        if flow.startswith("[") and re.search(r"[\w\"']\s*，\s*[\w\"']", flow, re.A):
            out.append(Slip(n, "comma", "", "，"))
        raw_quote = _SPLITS.search(flow)
        if raw_quote:
            out.append(Slip(n, "quote", "", raw_quote.group()[0]))
    return out


def _key_slip(n: int, m: re.Match) -> Slip:
    slip = m.group("slip")
    kind = "colon" if "：" in slip else "ideo_space" if IDEO in slip else "space"
    return Slip(n, kind, m.group("key"), m.group("key") + slip)


_SUSPECT = re.compile(rf"^(?:{_KEY}[ ]*：|{_KEY}:(?:[^\s/:]|{IDEO})|[{IDEO}［｛])|:{IDEO}", re.A)
_SUSPECT_IN_FLOW = re.compile(r"[，“”‘’]")


def suspect(root) -> bool:
    """Whether a parsed file holds a value a slip could have left (`zh：…`, `　en`, `20，45`
    inside [ ]): only then is the text searched line by line, so a good file costs one walk.
    A slip stands at the start of a line, so a value written after its key on the same line
    (`digest: sha256:…`) is not one."""
    stack = [(root, False, False)]
    while stack:
        node, in_flow, after_key = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if not node.style and ((not after_key and _SUSPECT.search(node.value))
                                   or (in_flow and _SUSPECT_IN_FLOW.search(node.value))):
                return True
        elif isinstance(node, yaml.MappingNode):
            flow = bool(node.flow_style)
            for key, value in node.value:
                stack.append((key, flow, False))
                stack.append((value, flow, flow or value.start_mark.line == key.start_mark.line))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, bool(node.flow_style), bool(node.flow_style)) for item in node.value)
    return False


def cause_of_failure(slips: list[Slip], failed_line: int) -> Slip | None:
    """The slip that made the parser fail at `failed_line`: the nearest one at or before it."""
    before = [s for s in slips if s.line <= failed_line]
    return before[-1] if before else None


def confirmed(slips: list[Slip], scalars: list[tuple[int, int, str]]) -> list[Slip]:
    """The slips whose text ended up inside a plain value (first line, last line, text):
    the parser accepted them, and validation would blame the wrong thing."""
    return [s for s in slips
            if any(first <= s.line <= last and s.evidence in value for first, last, value in scalars)]


def text(slip: Slip) -> tuple[str, str]:
    """What is wrong — how to fix it, in both languages."""
    key = slip.key or "zh"
    example = f"{key}: …"
    if slip.kind == "colon":
        return msg(f"“{key}”后面用了全角冒号“：”", f"全角冒号 ：应改为半角冒号 : 后加一个空格，例如 {example}"
                   "（输入法切换到半角/英文标点）",
                   f"a full-width colon '：' follows '{key}'",
                   f"type an ASCII colon and a space instead, e.g. {example} (switch the input method "
                   "to half-width/English punctuation)")
    if slip.kind == "space":
        return msg(f"“{key}”的冒号后缺少空格", f"在冒号 : 后加一个半角空格，例如 {example}",
                   f"no space after the colon of '{key}'", f"add a space after the colon, e.g. {example}")
    if slip.kind == "ideo_space":
        return msg(f"“{key}”的冒号后是全角空格", f"请改为半角空格，例如 {example}",
                   f"a full-width space follows the colon of '{key}'",
                   f"type an ordinary (half-width) space instead, e.g. {example}")
    if slip.kind == "indent":
        return msg("这一行用了全角空格“　”缩进", "全角空格不能用于缩进：请删除它，改用半角空格，与同一层的字段对齐",
                   "this line is indented with a full-width space '　'",
                   "a full-width space cannot indent YAML: delete it and indent with ordinary (half-width) "
                   "spaces, in line with the fields of the same level")
    if slip.kind == "comma":
        return msg("方括号 [ ] 里用了全角逗号“，”", "列表项之间请用半角逗号 , 分隔，例如 [20, 45]",
                   "a full-width comma '，' inside [ ]", "separate the items with an ASCII comma, e.g. [20, 45]")
    if slip.kind == "quote":
        return msg("全角引号“ ”不能当作 YAML 的引号，里面的逗号或冒号把文字拆开了",
                   "请改用半角引号 \"…\" 把整段文字括起来",
                   "full-width quotation marks “ ” do not quote text in YAML: the comma or colon inside "
                   "splits it", "put the text in ASCII quotes \"…\"")
    return msg("用了全角括号“［ ］”或“｛ ｝”", "请改用半角括号 [ ] 或 { }",
               "full-width brackets ［ ］ or ｛ ｝", "type ASCII brackets [ ] or { }")
