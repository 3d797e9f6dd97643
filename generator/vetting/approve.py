"""`approve FILE… --by REVIEWER`: check each order, sign its digest with the reviewer's
key, and record the approval by editing four fields in place.

Only the values of filing.approved_by, .approved_on, .digest and .signature change; every
other byte of the file, comments included, stays as staff wrote it. The reviewer must be
listed in content/reviewers.yml and authorised today; the key must be theirs (found in
ssh-agent or ~/.ssh, or given with --key). The new text is parsed, its signature checked
with ssh-keygen, and the order vetted as the build will vet it, before it replaces the file
atomically. Nothing is written unless every file is fine.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Callable

import yaml

from generator.problems import InputError, Problem, msg, report
from generator.source.models import Job
from generator.source.yamlload import Doc, load, parse
from generator.source.yamlwrite import scalar_text, write_atomically
from generator.vetting import publishable, rules, signatures, verdicts
from generator.vetting.check import check
from generator.vetting.digest import digest

FIELDS = ("approved_by", "approved_on", "digest", "signature")


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


def approved_text(doc: Doc, by: str, on: dt.date, sign: Callable[[str], str]) -> str | Problem:
    """Set reviewer and date, then the digest of the result (both fields are covered) and
    the signature over it. `sign` returns the one-line signature of a message."""
    data = _with_filing(doc.data, by, on)
    covered = digest(data)
    first = edit(doc, {"approved_by": scalar_text(by), "approved_on": on.isoformat(),
                       "digest": scalar_text(covered), "signature": sign(covered)})
    if isinstance(first, Problem):
        return first
    check = parse(first, doc.path)
    if isinstance(check, Problem) or digest(check.data) != covered or check.data["filing"].get("digest") != covered:
        return Problem(doc.path, 0, "filing", *msg(
            "无法安全地写入审批信息", "请检查 filing 的写法后重试", "could not write the approval safely",
            "check how filing is written and try again"))
    return first


def _with_filing(data: dict, by: str, on: dt.date) -> dict:
    out = dict(data)
    out["filing"] = dict(out["filing"], approved_by=by, approved_on=on)
    return out


def _reviewer(tree, by: str):
    """The reviewer `by` names (an id, or a name if only one reviewer has it), or a Problem."""
    found = tree.reviewers.get(by) or \
        [r for r in tree.reviewers.values() if by in (r.name.zh, r.name.en)]
    if isinstance(found, list) and len(found) == 1:
        found = found[0]
    if not isinstance(found, list):
        return found
    listed = ", ".join(f"{r.id} ({r.name.zh})" for r in tree.reviewers.values()) or "—"
    return Problem("content/reviewers.yml", 0, "", *msg(
        f"“{by}”不是 content/reviewers.yml 中登记的审核人（{'重名，请用编号' if found else '登记的有：' + listed}）",
        "只有登记的审核人才能审核；请用 --by 审核人编号",
        f"'{by}' is not a reviewer listed in content/reviewers.yml "
        f"({'several have that name: give the id' if found else 'listed: ' + listed})",
        "only a listed reviewer can approve: give --by REVIEWER_ID"), code="V-FILING-SIGNATURE-KEY")


def _signer(reviewer, key: Path | None, today: dt.date) -> Callable[[str], str] | Problem:
    """A function that signs with the reviewer's key and refuses any other key."""
    if not reviewer.covers(today):
        until = reviewer.valid_until.isoformat() if reviewer.valid_until else "—"
        return Problem("content/reviewers.yml", 0, reviewer.id, *msg(
            f"“{reviewer.id}”的审核授权为 {reviewer.valid_from} 至 {until}，{today} 不能审核",
            "请由当前有授权的审核人审核；延长授权要由中心负责人修改 content/reviewers.yml",
            f"'{reviewer.id}' is authorised to approve from {reviewer.valid_from} to {until}, not on {today}",
            "a reviewer authorised today approves it; only the head can extend an authority in "
            "content/reviewers.yml"), code="V-FILING-SIGNATURE-DATES")
    use = key or signatures.find_key(reviewer)
    if use is None:
        return Problem("--key", 0, "", *msg(
            f"找不到“{reviewer.id}”的私钥（登记的公钥是 {reviewer.fingerprint}），无法签名：没有密钥就不能审核",
            "在 ssh-agent 中加入审核人的私钥（ssh-add），或用 --key 给出私钥文件",
            f"no private key of '{reviewer.id}' found (the listed key is {reviewer.fingerprint}), so nothing "
            "can be signed: without the key there is no approval",
            "add the reviewer's key to ssh-agent (ssh-add), or give the private key file with --key"),
            code="V-FILING-SIGNATURE-MISSING")

    def sign(message: str) -> str:
        one_line = signatures.sign(use, message)
        fp = signatures.signer_fingerprint(one_line)
        if fp != reviewer.fingerprint:
            raise signatures.SigningFailed((
                f"这把密钥（{fp}）不是“{reviewer.id}”在 content/reviewers.yml 中登记的密钥（{reviewer.fingerprint}）",
                f"the key ({fp}) is not the key listed for '{reviewer.id}' in content/reviewers.yml "
                f"({reviewer.fingerprint})"), code="V-FILING-SIGNATURE-KEY")
        return one_line
    return sign


def approve_files(root: Path, files: list[Path], by: str, today: dt.date, key: Path | None = None) -> int:
    by = by.strip()
    problems: list[Problem] = []
    if not by:
        problems.append(Problem("--by", 0, "", *msg("审核人不能为空", "请写 --by 审核人编号",
                                                     "the reviewer is empty", "give --by REVIEWER_ID")))
    # The whole tree must be valid: an order is approved against the agencies, countries
    # and courses it names, not on its own.
    try:
        result = check(root, today)
    except InputError as exc:
        raise InputError(problems + exc.problems) from None
    if problems:
        raise InputError(problems)
    reviewer = _reviewer(result.tree, by)
    sign = reviewer if isinstance(reviewer, Problem) else _signer(reviewer, key.resolve() if key else None, today)
    if isinstance(sign, Problem):
        raise InputError([sign])
    texts, notes = {}, []
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
        if path.stem not in result.tree.jobs:
            continue  # its problems are already in the list from check()
        try:
            text = approved_text(doc, reviewer.id, today, sign)
        except signatures.SigningFailed as exc:
            raise InputError(problems + [_signing_problem(exc, key)]) from None
        if isinstance(text, Problem):
            problems.append(text)
            continue
        previous = result.verdicts.get(path.stem)
        first = not (doc.data.get("filing") or {}).get("approved_by")
        found = _vet_approved(result, path.stem, parse(text, shown), today, first)
        refusals = [p for p in found if not p.warning]
        if refusals:
            problems.extend(refusals)       # staff cannot approve an unlawful advertisement
            continue
        texts[path] = (shown, text)
        notes += [p for p in found if p.warning and (p.code.startswith("W-FILING-FOUR-EYES")
                                                     or p.code in publishable.CODES)]
        if previous and not first:
            notes += [Problem(p.path, p.line, p.field, "（已被本次审核取代）" + p.zh, "(replaced by this approval) " + p.en,
                              p.code, True) for p in verdicts.problems(result.tree, {path.stem: previous})
                      if p.code.startswith("V-FILING-")]
    if problems:
        raise InputError(problems)       # nothing is written unless every file is fine
    if notes:
        print(report(notes), file=sys.stderr)
    for path, (shown, text) in texts.items():
        write_atomically(path, text)
        print(f"已审核并签名 / Approved and signed: {shown} ({reviewer.id}, {today.isoformat()}, "
              f"{reviewer.fingerprint})")
    return 0


def _signing_problem(exc: signatures.SigningFailed, key: Path | None) -> Problem:
    zh, en = exc.text
    words = [w for w in exc.detail.split() if w.strip("@")]       # without ssh-keygen's @@@ banner
    detail = f" [ssh-keygen: {' '.join(words)}]" if words else ""
    fix = ("请用审核人自己登记的密钥", "use the reviewer's own listed key") if exc.code == "V-FILING-SIGNATURE-KEY" \
        else ("请检查密钥文件和密码", "check the key file and its passphrase")
    return Problem(str(key) if key else "--key", 0, "", f"{zh} — {fix[0]}", f"{en} — {fix[1]}{detail}", exc.code)


def _vet_approved(result, job_id: str, doc, today: dt.date, first: bool = False) -> list[Problem]:
    """Vet the order as it would be once approved: every rule, its signature checked by
    ssh-keygen, four eyes included; `first`: it had no approval before."""
    tree = result.tree
    tree.raw_jobs[job_id], tree.jobs[job_id] = doc, Job.model_validate(doc.data)
    ctx = verdicts.context(tree, today)
    found = verdicts.vet_job(tree.jobs[job_id], ctx, rules.CONTENT_RULES + publishable.RULES + rules.CURRENT_RULES
                             + (publishable.FIRST_APPROVAL_RULES if first else []))
    return verdicts.problems(tree, {job_id: verdicts.Verdict(job_id, "refused", [r for r in found if not r.warning],
                                                             [r for r in found if r.warning])})
