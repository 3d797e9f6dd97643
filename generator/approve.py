"""`approve`: record the filing approval of job orders by editing three fields in place.

Only the values of filing.approved_by, filing.approved_on and filing.digest change; every
other byte of the file, comments included, stays as staff wrote it. The new text is
parsed and checked again before it replaces the file atomically.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import yaml

from .digest import digest
from .problems import Problem, msg
from .yamlload import Doc, parse

FIELDS = ("approved_by", "approved_on", "digest")


def scalar_text(value: str) -> str:
    """Plain when YAML reads it back unchanged (王芳), else double-quoted: JSON strings
    are valid YAML double-quoted scalars and escape everything needed."""
    try:
        if "\n" not in value and yaml.safe_load(f"x: {value}") == {"x": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _filing_node(doc: Doc) -> yaml.MappingNode | None:
    for key, value in doc.root.value:
        if key.value == "filing" and isinstance(value, yaml.MappingNode) and not value.flow_style:
            return value
    return None


def edit(doc: Doc, values: dict[str, str]) -> str | Problem:
    """The file's text with the given filing fields set, everything else unchanged."""
    filing = _filing_node(doc) if isinstance(doc.data, dict) else None
    if filing is None or not filing.value:
        return Problem(doc.path, doc.line(("filing",)), "filing", *msg(
            "filing 必须是分行写的一组字段（至少有 number）", "请按样例写 filing: 再换行缩进写 number: …",
            "filing must be a block of fields (with at least number)",
            "write 'filing:' then the fields indented on the lines below, as in the samples"))
    edits = []           # (start, end, text), applied from the end of the file
    present = {k.value: v for k, v in filing.value}
    indent = filing.value[0][0].start_mark.column
    missing = []
    for name in FIELDS:
        node = present.get(name)
        if node is None:
            missing.append(name)
        elif isinstance(node, yaml.ScalarNode) and node.start_mark.line == node.end_mark.line:
            edits.append((node.start_mark.index, node.end_mark.index, values[name]))
        else:
            return Problem(doc.path, node.start_mark.line + 1, f"filing.{name}", *msg(
                "这个值应写在同一行", "请写成一行，例如 approved_by: 王芳",
                "this value must be on one line", "write it on one line, e.g. approved_by: Wang Fang"))
    if missing:
        last_value = filing.value[-1][1]
        # Insert after the line on which the filing block's last value ends.
        at = doc.text.find("\n", last_value.end_mark.index - (1 if last_value.end_mark.column == 0 else 0))
        at = len(doc.text) if at < 0 else at + 1
        newline = "" if doc.text[:at].endswith("\n") else "\n"
        block = "".join(f"{' ' * indent}{name}: {values[name]}\n" for name in missing)
        edits.append((at, at, newline + block))
    text = doc.text
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def approved_text(doc: Doc, by: str, on: dt.date) -> str | Problem:
    """Set approver and date, then the digest of the result (both fields are covered)."""
    data = _with_filing(doc.data, by, on)
    first = edit(doc, {"approved_by": scalar_text(by), "approved_on": on.isoformat(),
                       "digest": scalar_text(digest(data))})
    if isinstance(first, Problem):
        return first
    check = parse(first, doc.path)
    if isinstance(check, Problem) or digest(check.data) != digest(data) or \
            check.data["filing"].get("digest") != digest(data):
        return Problem(doc.path, 0, "filing", *msg(
            "无法安全地写入审批信息", "请检查 filing 的写法后重试", "could not write the approval safely",
            "check how filing is written and try again"))
    return first


def _with_filing(data: dict, by: str, on: dt.date) -> dict:
    out = dict(data)
    out["filing"] = dict(out["filing"], approved_by=by, approved_on=on)
    return out


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target, flush to disk, then swap: a crash leaves old or new, never half."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
