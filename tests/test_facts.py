"""Facts a worker relies on (issue 16): minimum wages by region and date, one place per
fact, every fact sourced and dated, the review list; and one readable source list per
lesson (issue 17, item 9)."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import TODAY
from generator.vetting.check import check
from generator.problems import InputError
from test_vet import reapprove, sub

DAY = dt.date.fromisoformat(TODAY)
GIFU = "content/jobs/jp-2026-0201.yml"        # Gifu: ¥1,065 an hour from 2025-10-18
MIYAGI = "content/jobs/jp-2026-0202.yml"      # Miyagi: ¥1,038 an hour from 2025-10-04


def _verdict(tree, rel):
    result = check(tree, DAY)
    return result.verdicts[rel.split("/")[-1][:-4]], result


def _problems(tree) -> list:
    with pytest.raises(InputError) as caught:
        check(tree, DAY)
    return caught.value.problems


# ---- minimum wages by region and date ---------------------------------------------------

def test_japanese_order_is_held_to_its_own_prefecture(tree):
    # ¥1,050 an hour is lawful in Miyagi (¥1,038) but far below Tokyo (¥1,226): a rule that
    # used Tokyo's, or the national average (¥1,121), for every prefecture would refuse it.
    sub(tree, MIYAGI, r"^  amount: 1350", "  amount: 1050")
    reapprove(tree, MIYAGI)
    verdict, _ = _verdict(tree, MIYAGI)
    assert verdict.state == "published", verdict.refusals

    # ¥1,030 is below Miyagi's rate: refused, and the message names the rate it used.
    sub(tree, MIYAGI, r"^  amount: 1050", "  amount: 1030")
    reapprove(tree, MIYAGI)
    verdict, _ = _verdict(tree, MIYAGI)
    assert [r.code for r in verdict.refusals] == ["V-WAGE-MINIMUM"]
    r = verdict.refusals[0]
    assert "Miyagi" in r.en and "1,038" in r.en and "2025-10-04" in r.en
    assert "宫城县" in r.zh and "Tokyo" not in r.en


def test_the_rate_in_force_on_the_start_date_is_used(tree):
    # A new Miyagi rate that starts after the order has started does not apply to it…
    sub(tree, "content/countries/JP.yml", r"^  - regions: \[miyagi\]\n",
        "  - regions: [miyagi]\n    region_name: {zh: 宫城县, en: Miyagi}\n    amount: 1500\n    per: hour\n"
        "    currency: JPY\n    effective_from: 2027-10-01\n    source: https://example.org/\n"
        "    reviewed_on: 2026-12-02\n  - regions: [miyagi]\n")
    verdict, _ = _verdict(tree, MIYAGI)
    assert verdict.state == "published", verdict.refusals
    # …one in force on the first day of the start month does.
    sub(tree, "content/countries/JP.yml", r"effective_from: 2027-10-01", "effective_from: 2027-03-01")
    verdict, _ = _verdict(tree, MIYAGI)
    assert [r.code for r in verdict.refusals] == ["V-WAGE-MINIMUM"]
    assert "1,500" in verdict.refusals[0].en and "2027-03-01" in verdict.refusals[0].en


def test_a_rate_a_revision_cycle_old_is_flagged(tree):
    # Japan revises every year; the FY2025 rates on file are more than 12 months older than a
    # March 2027 start, so the sample's Japanese orders say a newer rate is probably missing.
    verdict, _ = _verdict(tree, MIYAGI)
    assert verdict.state == "published" and [w.code for w in verdict.warnings] == ["W-WAGE-OUTDATED"]
    assert "Miyagi" in verdict.warnings[0].en and "2025-10-04" in verdict.warnings[0].en
    # Entering the next year's rate (dated, sourced) clears it.
    sub(tree, "content/countries/JP.yml", r"^  - regions: \[miyagi\]\n",
        "  - regions: [miyagi]\n    region_name: {zh: 宫城县, en: Miyagi}\n    amount: 1100\n    per: hour\n"
        "    currency: JPY\n    effective_from: 2026-10-01\n    source: https://example.org/\n"
        "    reviewed_on: 2026-12-02\n  - regions: [miyagi]\n")
    verdict, _ = _verdict(tree, MIYAGI)
    assert verdict.state == "published" and verdict.warnings == []


@pytest.mark.parametrize("edit,expected", [
    ((r"^  region: gifu\n", ""), "names none"),                     # no region: not a silent pass
    ((r"^  region: gifu", "  region: aichi"), "'aichi'"),            # a prefecture the file lacks
])
def test_an_order_whose_wage_cannot_be_checked_gets_a_warning(tree, cli, edit, expected):
    sub(tree, GIFU, *edit)
    reapprove(tree, GIFU)
    verdict, _ = _verdict(tree, GIFU)
    assert verdict.state == "published"
    assert [w.code for w in verdict.warnings] == ["W-WAGE-REGION"] and expected in verdict.warnings[0].en
    status, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert status == 0 and re.search(rf"^{GIFU}:\d+: employer\.\S+: \[W-WAGE-REGION\]", err, re.M)


def test_a_destination_must_state_its_minimum_wage_or_that_there_is_none(tree):
    sub(tree, "content/countries/SG.yml", r"^no_minimum_wage:\n(  .*\n)+", "")
    problems = _problems(tree)
    assert any(p.path == "content/countries/SG.yml" and "no_minimum_wage" in p.en for p in problems), problems


# ---- every fact sourced, one place per fact ------------------------------------------------

def test_a_fact_without_a_source_is_refused(tree):
    sub(tree, "content/countries/SG.yml", r"^(  penalty_no_pass:\n(?:    .*\n)*?)    source: .*\n", r"\1")
    problems = _problems(tree)
    assert any(p.path == "content/countries/SG.yml" and "source" in p.field for p in problems), problems


def test_a_lesson_without_a_source_is_refused(tree):
    sub(tree, "courses/destination-singapore/course.yml",
        r"^    sources:\n(      .*\n)+(?=  - id: emergency-and-embassy)", "")
    problems = _problems(tree)
    assert any(p.path == "courses/destination-singapore/course.yml" and "sources" in p.field for p in problems)


@pytest.mark.parametrize("old, new, meaning", [
    ("finds: '(?:", "finds: '((?:", "regular expression"),     # a bracket left open
    ("(\\d+)", "\\d+", "group"),                                # nothing captures the number
])
def test_a_broken_finds_pattern_is_reported_on_its_line(tree, old, new, meaning):
    rel = "content/countries/SG.yml"
    text = (tree / rel).read_text("utf-8")
    at = text.index("finds:", text.index("heat_high_band:"))
    line = text[:at].count("\n") + 1
    end = text.index("\n", at)
    assert old in text[at:end]
    (tree / rel).write_text(text[:at] + text[at:end].replace(old, new, 1) + text[end:], "utf-8")
    hit = [p for p in _problems(tree) if p.path == rel]
    assert [p.line for p in hit] == [line] and hit[0].field.endswith("finds") and meaning in hit[0].en, hit


def test_an_unknown_fact_key_is_refused_with_its_line(tree):
    rel = "courses/destination-singapore/lessons/laws-and-customs.en.md"
    text = (tree / rel).read_text("utf-8")
    line = text[:text.index("{{ fact('SG.penalty_no_pass') }}")].count("\n") + 1
    (tree / rel).write_text(text.replace("SG.penalty_no_pass", "SG.penalty_no_permit", 1), "utf-8")
    problems = _problems(tree)
    hit = [p for p in problems if p.path == rel]
    assert [p.line for p in hit] == [line] and "SG.penalty_no_permit" in hit[0].en
    assert "SG.penalty_no_pass" in hit[0].en and "SG.penalty_no_permit" in hit[0].zh   # the fix lists the keys


def test_one_correction_reaches_every_page_in_both_languages(tree, cli):
    sub(tree, "content/countries/SG.yml", r"^    zh: WBGT 31摄氏度", "    zh: WBGT 30.5摄氏度")
    sub(tree, "content/countries/SG.yml", r'^    en: "a WBGT of 31 °C"', '    en: "a WBGT of 30.5 °C"')
    sub(tree, "content/countries/SG.yml", r"^    number: 31", "    number: 30.5")
    status, _, err = cli("--root", tree, "build", "--out", tree / "site", "--today", TODAY)
    assert status == 0, err
    pages = ["courses/destination-singapore/laws-and-customs", "courses/pre-departure-core/health-and-safety",
             "courses/construction-safety/heat-and-site-safety"]
    for page in pages:
        zh = (tree / "site" / page / "index.html").read_text("utf-8")
        en = (tree / "site/en" / page / "index.html").read_text("utf-8")
        assert "WBGT 30.5摄氏度" in zh and "a WBGT of 30.5 °C" in en, page
        assert "fact(" not in zh and "fact(" not in en


@pytest.mark.parametrize("rel,old,new", [
    ("courses/pre-departure-core/lessons/your-contract.zh.md", "{{ fact('CN.hours_week') }}", "每周44小时"),
    ("courses/pre-departure-core/lessons/your-contract.en.md", "{{ fact('CN.hours_week') }}", "44 hours a week"),
    ("courses/construction-safety/lessons/heat-and-site-safety.en.md", "{{ fact('SG.heat_high_band') }}",
     "a WBGT of 32 °C"),
    ("courses/construction-safety/quizzes/heat-and-site-safety.yml", "{{ fact('SG.heat_high_band') }}",
     "WBGT 32摄氏度"),
])
def test_a_lesson_that_states_another_number_than_the_file_is_refused(tree, rel, old, new):
    text = (tree / rel).read_text("utf-8")
    assert old in text
    (tree / rel).write_text(text.replace(old, new, 1), "utf-8")
    hit = [p for p in _problems(tree) if p.code == "V-FACT-NUMBER"]
    assert [p.path for p in hit] == [rel] and hit[0].line > 0
    said = re.search(r"\d+", new).group(0)
    assert f"this says {said}" in hit[0].en and ("40" in hit[0].en or "31" in hit[0].en)


def test_the_sample_states_no_retired_figure():
    """The eight corrections of issue 16 stay made: none of the old figures is back."""
    from conftest import ROOT
    retired = ["S$15,000", "1.5万新元", "S$5,000", "5000新元", "每周44小时", "44 hours a week",
               "32摄氏度或", "32 °C or more", "Algeria, you may carry at most DZD 10,000", "最多只能带1万第纳尔", "lawful in every prefecture",
               "from a 2019 source", "2019年的资料"]
    texts = [p for p in ROOT.glob("courses/*/lessons/*.md")] + [p for p in ROOT.glob("courses/*/quizzes/*.yml")] \
        + [p for p in ROOT.glob("content/countries/*.yml")]
    found = [(p.name, r) for p in texts for r in retired if r in p.read_text("utf-8")]
    assert found == []


# ---- review: dated, listed, warned ---------------------------------------------------------

def test_a_stale_lesson_is_a_warning_and_review_lists_it_first(tree, cli):
    sub(tree, "courses/destination-uae/course.yml", r"^    reviewed_on: .*$", "    reviewed_on: 2025-01-15")
    status, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert status == 0
    assert re.search(r"^courses/destination-uae/course.yml:\d+: lessons\[0\]\.reviewed_on: \[W-LESSON-REVIEW\]",
                     err, re.M)
    status, out, _ = cli("--root", tree, "review", "--today", TODAY)
    assert status == 0
    first = out.splitlines()[:3]
    assert first[0].startswith("到期 DUE 2025-01-15  courses/destination-uae/course.yml:")
    assert "and its quiz" in first[1] and first[2].strip().startswith("- ")
    dates = re.findall(r"^\S*\s*\S*\s+(\d{4}-\d{2}-\d{2})  ", out, re.M)
    assert dates == sorted(dates) and len(dates) > 40          # every dated fact, oldest first
    assert "content/countries/JP.yml" in out and "minimum_wages[" in out and "facts.penalty_no_pass" in out
    status, out, _ = cli("--root", tree, "review", "--due", "--today", TODAY)
    heads = [line for line in out.splitlines() if re.match(r"^(到期 DUE | {9})\d{4}-\d{2}-\d{2}  ", line)]
    assert status == 0 and heads and all(h.startswith("到期 DUE ") for h in heads)
    assert any("courses/destination-uae/course.yml" in h for h in heads)


# ---- one readable source list per lesson (issue 17, item 9) --------------------------------

def test_each_lesson_page_has_one_readable_source_list(built_site):
    pages = sorted(built_site.glob("courses/*/*/index.html")) + sorted(built_site.glob("en/courses/*/*/index.html"))
    assert len(pages) == 30
    for page in pages:
        html = page.read_text("utf-8")
        head = "资料来源" if "/en/" not in page.as_posix() else "Sources"
        assert len(re.findall(rf"<h[1-6][^>]*>\s*{head}\b", html)) == 1, page
        sources = re.search(r'<ul class="lx-sources">(.*?)</ul>', html, re.S).group(1)
        assert not re.search(r"LawRefBook/Laws[:：]|\.md\b", sources), page        # no repository file names
        assert re.search(r"资料核对日期：\d{4}年|Facts checked on \d", html), page


def test_destination_summaries_quote_the_same_facts(built_site):
    for lang, words in (("", "最高罚款2万新元，或者监禁2年"), ("en/", "a fine of up to S$20,000, or up to 2 years")):
        page = (built_site / lang / "destinations/sg/index.html").read_text("utf-8")
        assert words in page and "fact(" not in page
        card = (built_site / lang / "courses/destination-singapore/laws-and-customs/index.html").read_text("utf-8")
        assert words in card


def test_lessons_quote_the_minimum_wage_the_rule_uses(tree, cli):
    # CN-GD.minimum_wage_guangzhou is the newest Guangzhou entry of minimum_wages: a new rate
    # entered for the wage rule reaches the factory lesson too.
    # (entered after the old one, as staff would: the date decides, not the order in the file)
    sub(tree, "content/countries/CN-GD.yml", r"^  - regions: \[shenzhen\]\n",
        "  - regions: [guangzhou]\n    region_name: {zh: 广州市, en: Guangzhou}\n    amount: 2700\n    per: month\n"
        "    currency: CNY\n    effective_from: 2026-11-01\n    source: https://example.org/\n"
        "    reviewed_on: 2026-12-02\n  - regions: [shenzhen]\n")
    status, _, err = cli("--root", tree, "build", "--out", tree / "site", "--today", TODAY)
    assert status == 0, err
    page = "courses/factory-safety/factory-work-in-guangdong/index.html"
    assert "广州：每月2,700元" in (tree / "site" / page).read_text("utf-8")
    assert "Guangzhou: RMB 2,700 a month" in (tree / "site/en" / page).read_text("utf-8")
