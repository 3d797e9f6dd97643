"""`approve FILE… --by NAME`: check each order, then record its filing approval by
editing three fields in place.

Only the values of filing.approved_by, filing.approved_on and filing.digest change; every
other byte of the file, comments included, stays as staff wrote it. The new text is
parsed and checked again before it replaces the file atomically.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from generator.problems import InputError, Problem, msg
from generator.source.models import Job
from generator.source.yamlload import Doc, load, parse
from generator.source.yamlwrite import scalar_text, write_atomically
from generator.vetting import rules, verdicts
from generator.vetting.check import check
from generator.vetting.digest import digest

FIELDS = ("approved_by", "approved_on", "digest")


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


def approve_files(root: Path, files: list[Path], by: str, today: dt.date) -> int:
    by = by.strip()
    problems: list[Problem] = []
    if not by:
        problems.append(Problem("--by", 0, "", *msg("审核人姓名不能为空", "请写 --by 姓名",
                                                     "the approver's name is empty", "give --by NAME")))
    # The whole tree must be valid: an order is approved against the agencies, countries
    # and courses it names, not on its own.
    try:
        result = check(root, today)
    except InputError as exc:
        result, problems = None, problems + exc.problems
    texts = {}
    for file in files:
        path = (file if file.is_absolute() else Path.cwd() / file).resolve()
        try:
            shown = path.relative_to(root).as_posix()
        except ValueError:
            shown = str(file)
        if path.parent != root / "content" / "jobs" or path.suffix != ".yml":
            problems.append(Problem(shown, 0, "", *msg("只能审核 content/jobs/ 下的招聘文件", "请检查文件路径",
                                                        "only job orders in content/jobs/ can be approved",
                                                        "check the file path")))
            continue
        doc = load(path, shown)
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        if result is not None and path.stem not in result.tree.jobs:
            continue  # its problems are already in the list from check()
        text = approved_text(doc, by, today)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        refusals = _vet_approved(result, path.stem, parse(text, shown), today)
        if refusals:
            problems.extend(refusals)       # staff cannot approve an unlawful advertisement
        else:
            texts[path] = (shown, text)
    if problems:
        raise InputError(problems)       # nothing is written unless every file is fine
    for path, (shown, text) in texts.items():
        write_atomically(path, text)
        print(f"已审核 / Approved: {shown} ({by}, {today.isoformat()})")
    return 0


def _vet_approved(result, job_id: str, doc, today: dt.date) -> list[Problem]:
    """Vet the order as it would be once approved."""
    tree = result.tree
    tree.raw_jobs[job_id], tree.jobs[job_id] = doc, Job.model_validate(doc.data)
    ctx = verdicts.context(tree, today)
    refusals = verdicts.vet_job(tree.jobs[job_id], ctx, rules.CONTENT_RULES + rules.CURRENT_RULES)
    return verdicts.problems(tree, {job_id: verdicts.Verdict(job_id, "refused", refusals)})
