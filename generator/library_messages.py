"""What libraries and the operating system say, in our words.

PyYAML, pydantic, MkDocs, Pagefind and the OS word their errors in English, and the
wording changes between releases (PyYAML 6.0.4 began refusing deep nesting itself, in
its own text). Staff see our bilingual `what — fix`; the library's words survive only as
a detail at the end of the English line, for whoever maintains the site. Matching is on
the meaning of a message (a few words that both libyaml and pure-Python PyYAML use), so
a rewording upstream falls back to the general message, never to raw English in Chinese.
"""
from __future__ import annotations

import errno
import re

from generator.problems import msg

# (name, pattern on the library's problem and context text (first match wins), Chinese what, Chinese fix, English what, English fix,
#  whether the place to fix is where the construct began rather than where it broke)
_YAML = [
    ("nesting", r"nesting depth|recursion", "嵌套层数过深", "请检查缩进和括号",
     "nesting is too deep", "check indentation and brackets", False),
    ("tab", r"\btab\b|'\\t'", "用了 Tab 键缩进", "YAML 只能用空格缩进，请把 Tab 换成空格",
     "a line is indented with a tab", "YAML cannot be indented with tabs; use spaces", False),
    ("colon", r"mapping values are not allowed", "这一行多了一个冒号“: ”，或者缩进不对",
     "文字里有“: ”时请给整段文字加引号；并检查这一行和上一行的缩进",
     "an unexpected colon ': ', or the indentation is off",
     "put a text that contains ': ' in quotes, and check the indentation of this line and the one before", False),
    ("no_colon", r"could not find expected ':'", "这一行缺少冒号", "字段名后面要写半角冒号和一个空格，例如 positions: 40",
     "this line has no colon", "write a colon and a space after the field name, e.g. positions: 40", True),
    ("indent", r"expected key|expected <block end>", "缩进没有对齐", "同一层的字段必须从同一列开始，用相同个数的空格缩进",
     "the indentation does not line up", "start fields of the same level in the same column, with spaces", False),
    ("list_indent", r"expected '-' indicator", "列表项没有对齐", "每一项“- ”都要从同一列开始",
     "the list items do not line up", "start every '- ' item in the same column", False),
    ("list_inline", r"sequence entries are not allowed", "“- ”列表项不能写在字段的同一行",
     "把列表项写到下一行，并缩进两个空格", "a '- ' list item cannot stand on the same line as a field",
     "put the items on the next lines, indented by two spaces", False),
    ("bracket", r"expected ',' or '\]'", "方括号 [ 没有闭合", "请补上 ]，并检查其中的逗号和引号",
     "a bracket [ is not closed", "add the ] and check the commas and quotes inside it", True),
    ("brace", r"expected ',' or '\}'", "花括号 { 没有闭合", "请补上 }；文字里有逗号或冒号时给文字加引号",
     "a brace { is not closed", "add the }; quote a text that contains a comma or a colon", True),
    ("quote", r"end of stream|unexpected end", "引号没有闭合", "请在文字末尾补上相同的引号",
     "a quotation mark is not closed", "close the text with the same quotation mark", True),
    ("escape", r"escape", "双引号里的反斜杠 \\ 后面是无法识别的字符", "请改用单引号，或把 \\ 写成 \\\\",
     "a backslash inside double quotes starts an unknown escape", "use single quotes, or write \\\\", False),
    ("doc_indicator", r"document indicator", "引号里的文字有一行以 --- 或 ... 开头", "请改用分行写法（| 后换行），或改写这一行",
     "a quoted text has a line starting with --- or ...", "write it in block style (| and a new line)", False),
    ("block_indicator", r"block scalar|indentation indicator|chomping", "“|”或“>”后面不能在同一行接文字", "在 | 之后换行，再缩进写正文",
     "text follows | or > on the same line", "start the text on the next line, indented", False),
    ("after_quote", r"comment or line break", "引号后面还有文字", "请把整段文字都放进引号里",
     "text follows a closing quotation mark", "put the whole text inside the quotes", False),
    ("special_start", r"alphabetic or numeric", "以 & * ! 开头的文字在 YAML 中有特殊含义", "请给这段文字加引号",
     "a text starting with &, * or ! has a special meaning in YAML", "put the text in quotes", False),
    ("reserved_start", r"cannot start any token", "这段文字以 YAML 保留的字符开头（如 @ ` % | >）", "请给这段文字加引号",
     "the text starts with a character YAML reserves (such as @ ` % | >)", "put the text in quotes", False),
    ("documents", r"document start|another document|single document", "文件里有多余的 --- 分隔行，或多于一份内容",
     "一个文件只写一份内容：删除多余的 ---", "the file holds more than one document (a stray --- line)",
     "keep one document per file: delete the extra ---", False),
    ("missing_value", r"node content", "这里缺少内容", "请检查这一行的括号、逗号和冒号",
     "a value is missing here", "check the brackets, commas and colons on this line", False),
    ("aliases", r"alias|anchor", "不允许使用 YAML 锚点和别名（*name）", "请把内容直接写出来",
     "YAML anchors and aliases (*name) are not allowed", "write the content out in full", False),
    ("tags", r"\btag\b|tag handle", "不允许使用 YAML 标签（以 ! 开头）", "请删除以 ! 开头的标签",
     "YAML tags (starting with !) are not allowed", "remove the tag that starts with !", False),
    ("complex_key", r"unhashable|complex key", "字段名必须是简单文字", "请检查这一行的写法",
     "a field name must be plain text", "check how this line is written", False),
    ("control", r"control|special characters|octet|surrogate|unacceptable|invalid .*character",
     "文件含有无法识别的控制字符", "请删除这些字符，并用 UTF-8 编码保存",
     "the file has control characters YAML cannot read", "remove them and save the file as UTF-8", False),
]
_GENERAL = ("YAML 格式错误", "请检查缩进、冒号和引号", "YAML syntax error", "check indentation, colons and quotes")

_BY_NAME = {entry[0]: entry for entry in _YAML}


def yaml_text(name: str, detail: str = "") -> tuple[str, str]:
    """One of our YAML messages by name: for refusals our own screen makes (nesting,
    aliases) before any library sees the text, and for errors known by their kind."""
    zh_what, zh_fix, en_what, en_fix = _BY_NAME[name][2:6]
    return msg(zh_what, zh_fix, f"{en_what} [YAML: {detail}]" if detail else en_what, en_fix)


def yaml_error(problem: str, context: str = "") -> tuple[bool, tuple[str, str]]:
    """Our message for a PyYAML error: (is the place to fix where the construct began
    rather than where the parser noticed?, (zh, en))."""
    detail = "; ".join(p for p in (problem, context) if p)
    for name, pattern, *_ in _YAML:
        if re.search(pattern, detail, re.I):
            return _BY_NAME[name][6], yaml_text(name, detail)
    zh_what, zh_fix, en_what, en_fix = _GENERAL
    return False, msg(zh_what, zh_fix, f"{en_what} [YAML: {detail}]" if detail else en_what, en_fix)


_OS = {
    errno.ENOSPC: ("磁盘已满", "请清理磁盘空间后重试", "the disk is full", "free some space and try again"),
    errno.EDQUOT: ("磁盘配额已用完", "请清理磁盘空间后重试", "the disk quota is used up", "free some space and try again"),
    errno.EACCES: ("没有权限", "请检查文件夹的权限，或换一个输出文件夹", "permission denied",
                   "check the folder's permissions, or use another output folder"),
    errno.EPERM: ("没有权限", "请检查文件夹的权限，或换一个输出文件夹", "operation not permitted",
                  "check the folder's permissions, or use another output folder"),
    errno.EROFS: ("磁盘是只读的", "请换一个可写的输出文件夹", "the disk is read-only", "use a writable output folder"),
    errno.ENOENT: ("文件或文件夹不存在", "请检查路径是否正确", "no such file or folder", "check the path"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "请检查路径是否正确", "this is a folder, not a file", "check the path"),
}


def os_error(exc: OSError, zh_doing: str, en_doing: str) -> tuple[str, str]:
    """`无法写入：磁盘已满 — 请清理…` / `could not write: the disk is full — free… [OS: …]`."""
    zh_what, zh_fix, en_what, en_fix = _OS.get(exc.errno, ("系统错误", "请把详细信息交给网站维护人员",
                                                          "a system error", "send the details to whoever maintains the site"))
    detail = f" [OS: {exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}]"
    return msg(f"{zh_doing}：{zh_what}", zh_fix, f"{en_doing}: {en_what}{detail}", en_fix)


def tool_detail(output: str, keep: int = 20) -> str:
    """A tool's output without Python traceback frames (staff never see a traceback;
    the exception's own line stays), its last `keep` lines."""
    lines, in_frames = [], False
    for line in output.splitlines():
        if line.startswith("Traceback (most recent call last)"):
            in_frames = True
            continue
        if in_frames and (line.startswith(" ") or not line.strip()):
            continue
        in_frames = False
        if line.strip():
            lines.append(line.rstrip())
    return "\n".join(lines[-keep:])


def tool_failed(tool: str, lang: str) -> tuple[str, str]:
    """A program the build runs (MkDocs, Pagefind) failed; its output follows as detail."""
    zh_lang, en_lang = ("中文", "Chinese") if lang == "zh" else ("英文", "English")
    return msg(f"{tool} 未能生成{zh_lang}网站", "原来的网站保持不变；请把下面的输出交给网站维护人员",
               f"{tool} could not build the {en_lang} site",
               "the previous site is unchanged; send the output below to whoever maintains the site")


def validation_fallback(library_text: str) -> tuple[str, str]:
    """A pydantic error kind we have no message for yet."""
    return msg("这个值不符合格式要求", "请对照 docs/formats.md 改正",
               f"the value is not valid [pydantic: {library_text}]", "correct it as docs/formats.md describes")
