"""Vetting: for every rule, an order that breaks only that rule, and the code expected.

Each case edits a copy of the sample tree (one job order, or the one country or config
value the rule reads), approves the edited order again unless approval is what the case
breaks, and checks that exactly the expected codes refuse it.
"""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.vetting.approve import approved_text
from generator.vetting.check import check
from generator.source.yamlload import parse
from conftest import DEMO, DEMO_KEY, demo_sign, with_value

TODAY = dt.date(2026, 11, 21)
SG = "content/jobs/sg-2026-0101.yml"
JP = "content/jobs/jp-2026-0202.yml"


def sub(root, rel, old, new):
    path = root / rel
    text = path.read_text("utf-8")
    assert re.search(old, text, re.M), f"{old!r} not in {rel}"
    path.write_text(re.sub(old, new, text, count=1, flags=re.M), "utf-8")


def reapprove(root, rel, on=dt.date(2026, 11, 20)):
    path = root / rel
    doc = parse(path.read_text("utf-8"), rel)
    text = approved_text(doc, DEMO, on, demo_sign)
    assert isinstance(text, str), text
    path.write_text(text, "utf-8")


# (code, file edited, regex, replacement, re-approve?, other edits [(file, regex, repl)])
CASES = [
    ("V-FILING-NUMBER", SG, r'^  number: .*\n', "", True, []),
    ("V-FILING-DUPLICATE", SG, r'^  number: .*$', '  number: "wp-2026-0102 "', True, []),
    ("V-FILING-APPROVAL", SG, r'^  approved_by: .*\n', "", False, []),
    ("V-FILING-FUTURE", SG, r"^positions: 30", "positions: 30", "future", []),
    ("V-FILING-DIGEST", SG, r"^positions: 30", "positions: 31", False, []),
    ("V-AGENCY-UNKNOWN", SG, r"^agency: .*$", "agency: no-such-agency", True, []),
    ("V-AGENCY-LICENCE-EXPIRED", SG, r"^agency: .*$", "agency: dongsheng-labour", True, []),
    ("V-AGENCY-SCOPE", SG, r"^agency: .*$", "agency: qihang-hr", True, []),
    ("V-AGENCY-24H", SG, r"^positions:", "positions:", True,
     [("content/agencies.yml", r"^  phone_24h: .*\n", "")]),
    ("V-DATES-POSTED-FUTURE", SG, r"^posted_on: .*$", "posted_on: 2026-11-25", True, []),
    ("V-DATES-APPLY-BY", SG, r"^apply_by: .*$", "apply_by: 2026-11-01", True, []),
    ("V-VISA", SG, r"^visa: .*$", "visa: tourist", True, []),
    ("V-WAGE-POSITIVE", SG, r"^  amount: 1650", "  amount: 0", True, []),
    ("V-WAGE-MINIMUM", JP, r"^  amount: 1350", "  amount: 1000", True, []),
    ("V-WAGE-RATE", JP, r"^positions:", "positions:", True,
     [("content/countries/JP.yml", r"^(    amount: 1038\n    per: hour\n)    currency: JPY", r"\1    currency: KRW")]),
    ("V-HOURS-WEEK", SG, r"^  hours_per_week: 44", "  hours_per_week: 48", True, []),
    ("V-HOURS-REST", SG, r"^  rest_days_per_month: 4", "  rest_days_per_month: 2", True, []),
    ("V-FEE-LIMIT", SG, r"^    amount: 0$", "    amount: 40000", True, []),
    ("V-FEE-LIMIT", SG, r"^    amount: 0$", "    amount: 100", True,
     [("site_config.yml", r"^  max_service_fee_share: .*$", "  max_service_fee_share: 0")]),
    ("V-FEE-DEPOSIT", SG, r"^      zh: 钢筋工技能考核费", "      zh: 技能考核押 金", True, []),
    ("V-FEE-DEPOSIT", SG, r"^      en: Rebar skills test fee", "      en: Skills test BOND", True, []),
    ("V-INSURANCE", SG, r"^  insurance: true", "  insurance: false", True, []),
    ("V-AGE", SG, r"^  age: .*$", "  age: [16, 45]", True, []),
    ("V-WORDING", SG, r"^  zh: 建筑钢筋工", "  zh: 建筑钢筋工（保 证 出 国）", True, []),
    ("V-WORDING", SG, r"^  en: Construction rebar worker", "  en: Construction rebar worker, ＧＵＡＲＡＮＴＥＥＤ visa",
     True, []),
    ("V-TRAINING-UNKNOWN", SG, r"^  - construction-safety", "  - construction-safety\n  - welding-101", True, []),
    ("V-TRAINING-REQUIRED", SG, r"^  - destination-singapore\n", "", True, []),
    ("V-COMPLETE-SERVICE-FEE", SG, r"^  - kind: service_fee\n(    .*\n)+", "", True, []),
    ("V-ADVISORY", SG, r"^positions:", "positions:", True,
     [("content/countries/SG.yml", r"^course:", "advisory:\n  level: do_not_travel\n  text: {zh: 暂勿前往, en: Do not travel}\n"
       "  issued_on: 2026-11-01\n  source: https://cs.mfa.gov.cn/\ncourse:")]),
]


@pytest.mark.parametrize("code,rel,old,new,approve,others", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_refuses_only_what_it_should(tree, cli, code, rel, old, new, approve, others):
    for other_rel, o_old, o_new in others:
        sub(tree, other_rel, o_old, o_new)
    sub(tree, rel, old, new)
    if approve == "future":
        reapprove(tree, rel, on=dt.date(2026, 12, 1))
    elif approve:
        reapprove(tree, rel)
    result = check(tree, TODAY)
    job_id = rel.split("/")[-1][:-4]
    verdict = result.verdicts[job_id]
    assert verdict.state == "refused"
    assert {r.code for r in verdict.refusals} == {code}, verdict.refusals

    # check exits 1 and prints file, line, field, code and both languages
    status, out, err = cli("--root", tree, "check", "--today", TODAY.isoformat())
    assert status == 1
    assert re.search(rf"^{re.escape(rel)}:\d+: \S.*\[{code}\] .+ — .+$", err, re.M), err



def test_build_publishes_the_rest_and_reports_the_refusal(tree, cli):
    sub(tree, SG, r"^  insurance: true", "  insurance: false")
    reapprove(tree, SG)
    site, reports = tree / "site", tree / "reports"
    status, out, err = cli("--root", tree, "build", "--out", site, "--today", TODAY.isoformat(),
                           "--report-dir", reports)
    assert status == 0, err
    assert "[V-INSURANCE]" in err and "sg-2026-0101     未发布 REFUSED" in out
    assert not (site / "jobs" / "sg-2026-0101").exists()
    assert (site / "jobs" / "sg-2026-0103" / "index.html").exists()
    assert "sg-2026-0101" not in (site / "jobs/index.html").read_text("utf-8")
    report = json.loads((reports / "vetting.json").read_text("utf-8"))
    row = next(r for r in report["orders"] if r["id"] == "sg-2026-0101")
    assert row["state"] == "refused" and [r["code"] for r in row["refusals"]] == ["V-INSURANCE"]
    assert "V-INSURANCE" in (reports / "vetting.html").read_text("utf-8")

    # --strict refuses to publish at all
    status, _, err = cli("--root", tree, "build", "--out", tree / "strict", "--today", TODAY.isoformat(), "--strict")
    assert status == 1 and "V-INSURANCE" in err and not (tree / "strict").exists()


def test_sample_orders_all_pass(cli):
    from conftest import ROOT
    result = check(ROOT, TODAY)
    assert {v.state for v in result.verdicts.values()} <= {"published", "closed"}
    assert sum(v.state == "published" for v in result.verdicts.values()) >= 8
    assert [v for v in result.verdicts.values() if v.refusals] == []


def test_expired_and_closed_orders_keep_a_page_but_are_not_advertised(tree, cli):
    later = "2026-12-25"      # after sg-2026-0101's apply_by, before the Japanese orders close
    status, out, err = cli("--root", tree, "build", "--out", tree / "site", "--today", later)
    assert status == 0, err
    page = (tree / "site/jobs/sg-2026-0101/index.html").read_text("utf-8")
    assert "报名已于" in page and "截止" in page
    listing = (tree / "site/jobs/index.html").read_text("utf-8")
    assert "sg-2026-0101" not in listing and "jp-2026-0202" in listing


def test_approve_refuses_an_unlawful_order(tree, cli):
    sub(tree, SG, r"^  insurance: true", "  insurance: false")
    before = (tree / SG).read_text("utf-8")
    status, _, err = cli("--root", tree, "approve", tree / SG, "--by", DEMO, "--key", DEMO_KEY,
                         "--today", TODAY.isoformat())
    assert status == 1 and "[V-INSURANCE]" in err
    assert (tree / SG).read_text("utf-8") == before


def test_stale_country_facts_are_a_warning(tree, cli):
    sub(tree, "content/countries/DZ.yml", r"^reviewed_on: .*$", "reviewed_on: 2025-01-01")
    status, out, err = cli("--root", tree, "check", "--today", TODAY.isoformat())
    assert status == 0
    assert re.search(r"^content/countries/DZ.yml:\d+: reviewed_on: \[W-COUNTRY-REVIEW\]", err, re.M)
    assert err.count("[W-COUNTRY-REVIEW]") == 2 and "0 errors" in err      # one warning, in both languages


# ---- properties ----------------------------------------------------------------------

def _covered_paths(data, loc=()):
    if isinstance(data, dict):
        for k, v in data.items():
            if loc + (k,) in {("filing", "digest"), ("filing", "signature")}:
                continue
            yield from _covered_paths(v, loc + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _covered_paths(v, loc + (i,))
    else:
        yield loc


def _sample_job():
    from conftest import ROOT
    return parse((ROOT / SG).read_text("utf-8"), SG)


SAMPLE = _sample_job()
PATHS = sorted(_covered_paths(SAMPLE.data), key=str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(PATHS), value=st.one_of(st.text(min_size=1, max_size=20), st.integers(0, 10**6)))
def test_any_edit_to_a_covered_field_is_caught(path, value):
    from generator.vetting.digest import digest
    data = with_value(SAMPLE.data, path, value)
    if data is None:
        return
    assert digest(data) != SAMPLE.data["filing"]["digest"]


@settings(max_examples=25, deadline=None)
@given(by=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
       .filter(lambda s: s.strip() == s and s),
       day=st.dates(dt.date(2026, 11, 4), dt.date(2026, 11, 21)))
def test_approve_then_vet_agrees(by, day):
    """Whatever reviewer id and date approve writes, the result is parsed back and its digest holds."""
    from generator.vetting.digest import digest
    text = approved_text(SAMPLE, by, day, demo_sign)
    assert isinstance(text, str)
    back = parse(text, SG)
    assert back.data["filing"]["approved_by"] == by
    assert back.data["filing"]["approved_on"] == day
    assert back.data["filing"]["digest"] == digest(back.data)
