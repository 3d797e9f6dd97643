"""Whether an order's approval holds: made by an authorised reviewer, with their own key,
within their dates, over this very content; and whether a second person checked it.

For each order the first failure is the one reported, so staff read one reason:
  approved_by or approved_on missing, dated ahead, digest of other content → rules.py
  no signature                      V-FILING-SIGNATURE-MISSING (W-FILING-UNSIGNED if the policy allows)
  not a listed reviewer's key, or not approved_by's   V-FILING-SIGNATURE-KEY
  dated outside the reviewer's authority              V-FILING-SIGNATURE-DATES
  ssh-keygen does not accept it over this digest      V-FILING-SIGNATURE-INVALID
Findings are (code, loc, (zh, en), warning); rules.py turns them into refusals.
"""
from __future__ import annotations

import datetime as dt

from generator.problems import Problem, msg
from generator.source.yamlload import Doc
from generator.vetting import signatures
from generator.vetting.authorship import Authorship, is_reviewer
from generator.vetting.digest import accepted

SIG = ("filing", "signature")
FIX = "python -m generator approve FILE --by REVIEWER"


def _finding(code: str, loc: tuple, text: tuple[str, str], warning: bool = False):
    return code, loc, text, warning


def _owner(tree, fp: str | None):
    return next((r for r in tree.reviewers.values() if r.fingerprint == fp), None) if fp else None


class _Filing:
    """The approval fields of an order's data (a file as read, or a version from git)."""

    def __init__(self, data: dict):
        f = data.get("filing") if isinstance(data.get("filing"), dict) else {}
        self.approved_by, self.approved_on = f.get("approved_by"), f.get("approved_on")
        self.digest, self.signature = f.get("digest"), f.get("signature")
        if not isinstance(self.approved_on, dt.date) or not all(
                isinstance(v, str) for v in (self.approved_by, self.digest)):
            self.approved_by = None
        if not isinstance(self.signature, str):
            self.signature = None


def claim_or_finding(data: dict, tree):
    """A Claim for ssh-keygen to check, a finding that refuses (or warns about) the
    approval without it, or None when the approval is not complete enough to judge (other
    rules say why)."""
    f = _Filing(data)
    try:
        if not (f.approved_by and f.approved_on and f.digest) or f.digest not in accepted(data):
            return None
    except TypeError:       # a value no digest can be made of (only in old versions from git)
        return None
    reviewer = tree.reviewers.get(f.approved_by)
    who = f.approved_by
    if not f.signature:
        if tree.site.policy.allow_unsigned_approvals and reviewer is not None:
            return _finding("W-FILING-UNSIGNED", SIG, msg(
                f"“{who}”的审核没有签名，只因 site_config.yml 允许才被接受", "请审核人用自己的密钥重新审核",
                f"the approval by '{who}' is not signed, accepted only because site_config.yml allows it",
                f"have the reviewer approve it again with their key: {FIX}"), warning=True)
        listed = "" if reviewer is not None else \
            ("；而且 content/reviewers.yml 中没有这位审核人", "; and content/reviewers.yml lists no such reviewer")
        return _finding("V-FILING-SIGNATURE-MISSING", ("filing", "approved_by"), msg(
            f"审核人写的是“{who}”，但没有签名：手写的姓名不能证明是谁审核的{listed[0] if listed else ''}",
            "请由 content/reviewers.yml 中的审核人用自己的密钥审核",
            f"approved_by says '{who}' but there is no signature: a typed name proves nothing"
            f"{listed[1] if listed else ''}",
            f"a reviewer listed in content/reviewers.yml approves it with their own key: {FIX}"))
    fp = signatures.signer_fingerprint(f.signature)
    if fp is None:
        return _finding("V-FILING-SIGNATURE-INVALID", SIG, msg(
            "签名已损坏，或不是 ssh-keygen 的签名", "不要手改 signature；请审核人重新审核",
            "the signature is damaged, or not one made by ssh-keygen",
            f"never edit the signature by hand; have the reviewer approve again: {FIX}"))
    owner = _owner(tree, fp)
    if reviewer is None:
        whose = (f"（签名用的是审核人“{owner.id}”的密钥）", f" (the signature was made with {owner.id}'s key)") \
            if owner else ("", "")
        return _finding("V-FILING-SIGNATURE-KEY", ("filing", "approved_by"), msg(
            f"content/reviewers.yml 中没有审核人“{who}”{whose[0]}", "只有名单上的审核人才能审核",
            f"there is no reviewer '{who}' in content/reviewers.yml{whose[1]}",
            f"only a listed reviewer can approve: {FIX}"))
    if fp != reviewer.fingerprint:
        whose = (f"这是审核人“{owner.id}”的密钥", f"that is {owner.id}'s key") if owner else \
            ("这把密钥不在 content/reviewers.yml 中", "that key is not in content/reviewers.yml")
        return _finding("V-FILING-SIGNATURE-KEY", SIG, msg(
            f"签名用的密钥是 {fp}，{whose[0]}，不是“{who}”登记的密钥 {reviewer.fingerprint}",
            f"请“{who}”用自己登记的密钥重新审核",
            f"signed with key {fp}: {whose[1]}, not the key listed for '{who}' ({reviewer.fingerprint})",
            f"'{who}' approves it again with their listed key: {FIX}"))
    if not reviewer.covers(f.approved_on):
        until = reviewer.valid_until.isoformat() if reviewer.valid_until else "—"
        return _finding("V-FILING-SIGNATURE-DATES", ("filing", "approved_on"), msg(
            f"“{who}”的审核授权为 {reviewer.valid_from} 至 {until}，审核日期 {f.approved_on} 不在其内",
            "请由当前有授权的审核人重新审核",
            f"'{who}' was authorised to approve from {reviewer.valid_from} to {until}; the approval is dated "
            f"{f.approved_on}, outside it", f"a reviewer authorised today approves it again: {FIX}"))
    return signatures.Claim(reviewer, f.approved_on, f.digest, f.signature)


INVALID = msg("签名与这条招聘信息不符：签名后内容、备案信息或 digest 被改过（例如手算了 digest），或签名是从别的招聘信息复制来的",
              "请审核人重新审核", "the signature does not match this order: its content, filing or digest was "
              "changed after signing (a digest computed by hand, say), or the signature was copied from another order",
              f"have the reviewer review it again: {FIX}")


def verify_all(tree) -> tuple[dict, dict[str, bool]]:
    """For every order: what claim_or_finding says (job id -> Claim, finding or None), and
    whether ssh-keygen accepted each Claim (job id -> bool), all checked in one parallel batch."""
    found = {jid: claim_or_finding(tree.raw_jobs[jid].data, tree) for jid in tree.jobs}
    claims = {jid: c for jid, c in found.items() if isinstance(c, signatures.Claim)}
    results = signatures.verify_many(list(claims.values()))
    return found, {jid: results[c] for jid, c in claims.items()}


def signature_findings(found, verified: bool):
    """What the rule V-FILING-SIGNATURE-… says, given claim_or_finding's answer."""
    if isinstance(found, signatures.Claim):
        if not verified:
            yield _finding("V-FILING-SIGNATURE-INVALID", SIG, INVALID)
    elif found is not None:
        yield found


def valid_approvals(datas: list[dict], tree) -> list[bool]:
    """For versions of orders (from git, say): whether each carries an approval that holds
    under today's reviewers file; all signatures checked in one batch."""
    found = [claim_or_finding(d, tree) if isinstance(d, dict) else None for d in datas]
    results = signatures.verify_many([c for c in found if isinstance(c, signatures.Claim)])
    return [results[c] if isinstance(c, signatures.Claim) else (c is not None and c[0] == "W-FILING-UNSIGNED")
            for c in found]


def holds(found, verified: bool) -> bool:
    """The approval is accepted: signed and checked, or unsigned where the policy allows."""
    if isinstance(found, signatures.Claim):
        return verified
    return found is not None and found[0] == "W-FILING-UNSIGNED"


def four_eyes_findings(job, tree, authorship: Authorship | None, held: bool):
    """The reviewer must not be the last author of the order's content."""
    if not held or authorship is None:
        return
    reviewer = tree.reviewers.get(job.filing.approved_by)
    author = authorship.authors.get(job.id)
    if reviewer is None or author is None or not is_reviewer(author, reviewer):
        return
    refuse = tree.site.policy.four_eyes == "refuse"
    where = (f"提交 {author.commit}（{author.on}）", f"commit {author.commit} ({author.on})") if author.commit else \
        ("尚未提交的修改", "a change not yet committed")
    yield _finding("V-FILING-FOUR-EYES" if refuse else "W-FILING-FOUR-EYES", ("filing", "approved_by"), msg(
        f"审核人“{reviewer.id}”也是这条招聘信息内容的最后修改人（{where[0]}）：没有第二个人核对过",
        "请由另一位审核人审核，或由别人修改内容后再审核",
        f"the reviewer '{reviewer.id}' also made the last change to this order's content ({where[1]}): no "
        "second person checked it", "have another reviewer approve it, or have someone else make the change"),
        warning=not refuse)


def tree_warnings(tree, authorship: Authorship | None) -> list[Problem]:
    """Warnings about approvals as a whole, printed at every check and build."""
    out = []
    doc = tree.site_doc
    if tree.site.policy.allow_unsigned_approvals:
        out.append(Problem(doc.path, doc.line(("policy", "allow_unsigned_approvals")), "policy.allow_unsigned_approvals",
                           *msg("允许未签名的审核：任何能提交的人都能以任何人的名义发布招聘信息",
                                "审核人都有密钥后，请删除这一行",
                                "unsigned approvals are allowed: anyone who can commit can publish an order in "
                                "anyone's name", "delete this line once every reviewer has a key"),
                           code="W-POLICY-UNSIGNED", warning=True))
    rdoc = tree.reviewers_doc
    for reviewer in tree.reviewers.values():
        if reviewer.fingerprint == signatures.DEMO_FINGERPRINT:
            i = next(i for i, e in enumerate(rdoc.data) if isinstance(e, dict) and e.get("id") == reviewer.id)
            out.append(Problem(rdoc.path, rdoc.line((i, "key")), f"[{i}].key", *msg(
                f"“{reviewer.id}”用的是随本项目公开的示例密钥：任何人都能以其名义签名",
                "真实的服务中心请删除示例审核人，登记自己的审核人（见 docs/staff-workflow.md）",
                f"'{reviewer.id}' has the demo key published with this project: anyone can sign as them",
                "a real centre removes the demo reviewer and lists its own (docs/staff-workflow.md)"),
                code="W-REVIEWER-DEMO", warning=True))
    if authorship is not None and authorship.why_not == "shallow" and tree.jobs:
        out.append(Problem("content/jobs", 0, "", *msg(
            "这是浅克隆（没有完整的 git 历史），无法做双人审核检查", "在 CI 中用 fetch-depth: 0 取完整历史",
            "this is a shallow clone (no full git history): the four-eyes check cannot be made",
            "fetch the whole history (fetch-depth: 0 in CI)"), code="W-FILING-FOUR-EYES-UNKNOWN", warning=True))
    return out
