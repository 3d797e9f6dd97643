"""An approval that publishes nothing, or not what the reviewer thinks, is said out loud:
`approve` and `check` warn (W-EXPIRED-ON-APPROVAL, W-POSTED-BEFORE-APPROVAL,
W-COPIED-OTHER-TRADE) on the line to change; `new job --like` does not copy the dates and
numbers it cannot know."""
from __future__ import annotations

import re

from conftest import DEMO, DEMO_KEY, ROOT, TODAY
from generator.source.yamlload import parse
from test_bad_input import edit, line_of

JOB = "content/jobs/sg-2026-0101.yml"
CODES = ("W-EXPIRED-ON-APPROVAL", "W-POSTED-BEFORE-APPROVAL", "W-COPIED-OTHER-TRADE")


def _warned(err: str, rel: str, line: int, code: str) -> list[str]:
    said = [l for l in err.splitlines() if l.startswith(f"{rel}:{line}: ") and f"[{code}]" in l]
    assert len(said) == 2, err          # Chinese and English
    return said


def test_the_sample_raises_none_of_these(cli):
    code, _, err = cli("--root", ROOT, "check", "--today", "sample")
    assert code == 0 and not any(c in err for c in CODES), err


def test_approving_after_apply_by_warns_in_approve_and_check(tree, cli):
    text = (tree / JOB).read_text("utf-8")
    late = "2026-12-21"                   # apply_by is 2026-12-20
    code, out, err = cli("--root", tree, "approve", tree / JOB, "--by", DEMO, "--key", DEMO_KEY, "--today", late)
    assert code == 0, err
    zh, en = _warned(err, JOB, line_of(text, r"^apply_by:"), "W-EXPIRED-ON-APPROVAL")
    assert "2026-12-20" in zh and "2026-12-20" in en and "closed" in en
    code, out, err = cli("--root", tree, "check", "--today", late)
    _warned(err, JOB, line_of(text, r"^apply_by:"), "W-EXPIRED-ON-APPROVAL")


def _unapproved(tree, rel: str) -> str:
    """The order as it was before its first approval."""
    text = edit(tree, rel, r"^  (approved_by|approved_on|digest|signature): .*\n", "", count=4)
    assert "approved_by" not in text
    return text


def test_first_approval_of_an_order_posted_before_it_warns(tree, cli):
    _unapproved(tree, JOB)
    edit(tree, JOB, r"^posted_on: .*$", "posted_on: 2026-10-01")
    code, _, err = cli("--root", tree, "approve", tree / JOB, "--by", DEMO, "--key", DEMO_KEY, "--today", TODAY)
    assert code == 0, err
    approved = (tree / JOB).read_text("utf-8")          # approve has added the filing lines
    zh, en = _warned(err, JOB, line_of(approved, r"^posted_on:"), "W-POSTED-BEFORE-APPROVAL")
    assert "2026-10-01" in zh and TODAY in en
    assert "W-EXPIRED-ON-APPROVAL" not in err


def test_approving_again_after_a_correction_keeps_the_first_posting_date_quietly(tree, cli):
    """posted_on 2026-11-04 is older than a new approval on TODAY: the order was posted then."""
    edit(tree, JOB, r"^positions: 30$", "positions: 28")
    code, _, err = cli("--root", tree, "approve", tree / JOB, "--by", DEMO, "--key", DEMO_KEY, "--today", TODAY)
    assert code == 0 and "W-POSTED-BEFORE-APPROVAL" not in err, err
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 0 and "W-POSTED-BEFORE-APPROVAL" not in err, err


def _fill_copy(path, trade: str) -> str:
    text = path.read_text("utf-8")
    for old, new in [(r"(?m)^posted_on:$", f"posted_on: {TODAY}"), (r"(?m)^apply_by:$", "apply_by: 2027-01-31"),
                     (r'(?m)^starts: ""$', "starts: 2027-04"), (r"(?m)^positions:$", "positions: 12"),
                     (r"(?m)^  date:$", "  date: 2027-02-10"), (r"(?m)^  number: null$", '  number: "WP-2026-0199"'),
                     (r"(?m)^trade: .*$", f"trade: {trade}")]:
        text, n = re.subn(old, new, text)
        assert n == 1, old
    path.write_text(text, "utf-8")
    return text


def test_like_clears_the_dates_and_numbers_it_cannot_know(tree, cli):
    assert cli("--root", tree, "new", "job", "sg-2026-0199", "--like", "sg-2026-0101")[0] == 0
    data = parse((tree / "content/jobs/sg-2026-0199.yml").read_text("utf-8"), "x").data
    assert data["posted_on"] is None and data["apply_by"] is None and data["selection"]["date"] is None
    assert data["positions"] is None and data["starts"] == ""
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 1
    for field in ("posted_on", "apply_by"):
        assert re.search(rf"sg-2026-0199\.yml:\d+: {field}: is empty", err), err


def test_copy_for_another_trade_warns_of_what_it_kept(tree, cli):
    rel = "content/jobs/sg-2026-0199.yml"
    assert cli("--root", tree, "new", "job", "sg-2026-0199", "--like", "sg-2026-0101")[0] == 0
    text = _fill_copy(tree / rel, "sewing")
    code, _, err = cli("--root", tree, "approve", tree / rel, "--by", DEMO, "--key", DEMO_KEY, "--today", TODAY)
    assert code == 0, err
    zh, en = _warned(err, rel, line_of(text, r"^  skills:"), "W-COPIED-OTHER-TRADE")
    assert "sg-2026-0101" in zh and "服装缝纫" in zh and "sewing" in en and "construction" in en
    zh, en = _warned(err, rel, line_of(text, r"^  - construction-safety"), "W-COPIED-OTHER-TRADE")
    assert "construction-safety" in en
    # Destination and core courses are for every trade: no warning on them.
    assert not [l for l in err.splitlines() if "W-COPIED" in l and "destination-singapore" in l]
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    _warned(err, rel, line_of(text, r"^  skills:"), "W-COPIED-OTHER-TRADE")


def test_copy_for_the_same_trade_is_not_warned(tree, cli):
    rel = "content/jobs/sg-2026-0199.yml"
    assert cli("--root", tree, "new", "job", "sg-2026-0199", "--like", "sg-2026-0101")[0] == 0
    _fill_copy(tree / rel, "construction")
    code, _, err = cli("--root", tree, "approve", tree / rel, "--by", DEMO, "--key", DEMO_KEY, "--today", TODAY)
    assert code == 0 and not any(c in err for c in CODES), err
