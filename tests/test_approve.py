"""`approve`: digest and signature round trip, byte-for-byte preservation, refusal of broken files."""
from __future__ import annotations

import datetime as dt
import difflib

from generator.vetting.approve import approved_text
from generator.vetting.digest import digest
from generator.source.yamlload import parse
from conftest import DEMO, DEMO_KEY, demo_sign

JOB = "content/jobs/sg-2026-0101.yml"


def test_approve_writes_only_the_three_fields(tree, cli):
    path = tree / JOB
    before = path.read_text("utf-8").replace(f"  approved_by: {DEMO}\n", f"  approved_by: {DEMO}  # reviewer\n")
    before = "# A comment staff wrote\n" + before
    path.write_text(before, "utf-8")
    code, out, err = cli("--root", tree, "approve", path, "--by", "示例审核员（演示用）", "--key", DEMO_KEY,
                         "--today", "2026-11-20")
    assert code == 0, err
    after = path.read_text("utf-8")
    changed = [l for l in difflib.ndiff(before.splitlines(), after.splitlines()) if l[:1] in "+-"]
    assert all(any(f in l for f in ("approved_by", "approved_on", "digest", "signature")) for l in changed), changed
    assert f"  approved_by: {DEMO}  # reviewer" in after     # the name given resolves to the reviewer's id
    assert "  approved_on: 2026-11-20" in after
    assert after.startswith("# A comment staff wrote\n")
    data = parse(after, JOB).data
    assert data["filing"]["digest"] == digest(data)


def test_digest_covers_fields_and_status_but_closing_is_free(tree, cli):
    from generator.vetting.digest import accepted
    path = tree / JOB
    assert cli("--root", tree, "approve", path, "--by", DEMO, "--key", DEMO_KEY, "--today", "2026-11-20")[0] == 0
    data = parse(path.read_text("utf-8"), JOB).data
    stored = data["filing"]["digest"]
    assert digest({**data, "positions": data["positions"] + 1}) != stored
    assert digest({**data, "filing": {**data["filing"], "approved_by": "someone"}}) != stored
    assert digest({**data, "status": "closed"}) != stored
    assert stored in accepted({**data, "status": "closed"})        # approved open, closed later: holds
    closed = {**data, "status": "closed"}
    closed["filing"] = {**data["filing"], "digest": digest(closed)}
    assert digest({**closed, "status": "open"}) not in accepted({**closed, "status": "open"}) or \
        closed["filing"]["digest"] not in accepted({**closed, "status": "open"})   # approved closed: opening needs a reviewer


def test_approving_twice_is_stable(tree, cli):
    path = tree / JOB
    cli("--root", tree, "approve", path, "--by", DEMO, "--key", DEMO_KEY, "--today", "2026-11-20")
    once = path.read_text("utf-8")
    cli("--root", tree, "approve", path, "--by", DEMO, "--key", DEMO_KEY, "--today", "2026-11-20")
    assert path.read_text("utf-8") == once


def test_missing_fields_are_inserted_inside_filing(tree):
    text = (tree / JOB).read_text("utf-8")
    lines = [l for l in text.splitlines(keepends=True) if not l.startswith(("  approved_", "  digest", "  signature"))]
    doc = parse("".join(lines), JOB)
    new = approved_text(doc, DEMO, dt.date(2026, 11, 2), demo_sign)
    data = parse(new, JOB).data
    assert data["filing"]["approved_by"] == DEMO
    assert data["filing"]["signature"].startswith("U1NIU0lH")        # base64 of "SSHSIG"
    assert data["filing"]["approved_on"] == dt.date(2026, 11, 2)
    assert data["filing"]["digest"] == digest(data)


def test_refuses_a_broken_file_and_leaves_it_untouched(tree, cli):
    path = tree / JOB
    broken = path.read_text("utf-8").replace("positions: 30", "positions: [30")
    path.write_text(broken, "utf-8")
    code, _, err = cli("--root", tree, "approve", path, "--by", DEMO, "--key", DEMO_KEY, "--today", "2026-11-21")
    assert code == 1
    assert "方括号 [ 没有闭合" in err and "a bracket [ is not closed" in err
    assert path.read_text("utf-8") == broken
    assert not list(path.parent.glob(".*.tmp"))


def test_refuses_an_invalid_order(tree, cli):
    path = tree / JOB
    bad = path.read_text("utf-8").replace("agency: hanyang-intl", "agency: nobody")
    path.write_text(bad, "utf-8")
    code, _, err = cli("--root", tree, "approve", path, "--by", DEMO, "--key", DEMO_KEY, "--today", "2026-11-21")
    assert code == 1 and "[V-AGENCY-UNKNOWN] agency 'nobody' is not in content/agencies.yml" in err
    assert path.read_text("utf-8") == bad
