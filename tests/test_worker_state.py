"""A worker keeps their place and sees the proof and the cost first (issue 17, items 6–8):
the language switch keeps the query and the fragment, the job page opens with a one-line
proof that links to its details and to the verify page with the number filled in, and it
adds up what the worker pays before departure."""
from __future__ import annotations

from urllib.parse import quote, urlparse

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 780}
SHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("start,other", [
    ("/jobs/?country=SG&trade=welding", "/en/jobs/?country=SG&trade=welding"),
    ("/en/jobs/?country=SG&trade=welding#lx-results", "/jobs/?country=SG&trade=welding#lx-results"),
    ("/verify/?n=WP-2026-0102", "/en/verify/?n=WP-2026-0102"),
    ("/en/verify/?n=WP-2026-0102", "/verify/?n=WP-2026-0102"),
    ("/search/?q=" + quote("电焊工"), "/en/search/?q=" + quote("电焊工")),
    ("/en/search/?q=welder", "/search/?q=welder"),
    ("/courses/pre-departure-core/#lessons", "/en/courses/pre-departure-core/#lessons"),
])
def test_language_switch_keeps_query_and_fragment(phone, site_url, start, other):
    page = phone
    page.goto(site_url + start)
    page.locator("[data-lx-lang-switch]").click()
    page.wait_for_url(site_url + other)
    url = urlparse(page.url)
    assert url.path + (f"?{url.query}" if url.query else "") + (f"#{url.fragment}" if url.fragment else "") == other


def test_language_switch_follows_a_query_the_page_changed(phone, site_url):
    """The vacancy filter rewrites the address as the worker chooses: the switch takes the
    address at the moment it is used, not the one the page opened with."""
    page = phone
    page.goto(site_url + "/jobs/")
    page.wait_for_selector("#lx-filter:not([hidden])")
    page.evaluate("history.replaceState(null, '', '?country=JP#top')")
    page.locator("[data-lx-lang-switch]").click()
    page.wait_for_url(site_url + "/en/jobs/?country=JP#top")


@pytest.mark.parametrize("lang", ["", "/en"])
def test_job_page_opens_with_a_proof_that_leads_to_its_details(phone, site_url, lang):
    page = phone
    page.goto(f"{site_url}{lang}/jobs/sg-2026-0102/")
    proof = page.locator(".lx-proof")
    box, facts = proof.bounding_box(), page.locator("table.lx-facts").bounding_box()
    # On the first screen, above the facts; one line in Chinese, at most two in English.
    assert box["y"] + box["height"] <= PHONE["height"] / 2 and box["y"] + box["height"] <= facts["y"]
    lines = proof.evaluate("e => e.getClientRects()[0].height / parseFloat(getComputedStyle(e).lineHeight)")
    assert lines < (1.8 if lang == "" else 2.8), lines
    assert "WP-2026-0102" in proof.inner_text()
    if lang == "":
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "job-proof-zh-360.png"))
    proof.locator("a").click()
    trust = page.locator(".lx-trust")
    top = trust.bounding_box()["y"]
    assert 0 <= top < PHONE["height"] / 2, top            # scrolled to the details
    assert "WP-2026-0102" in trust.inner_text()


def test_verify_button_carries_the_filing_number(phone, site_url):
    page = phone
    page.goto(site_url + "/jobs/sg-2026-0102/")
    page.locator(".lx-actions a.md-button[href*='verify/']").click()
    page.wait_for_url("**/verify/?n=WP-2026-0102")
    result = page.locator("#lx-verify-result")
    result.locator(".lx-verify__verdict").wait_for()
    assert "lx-verify--good" in result.get_attribute("class")


def test_not_found_gives_the_complaints_number_to_tap(phone, site_url, built_site):
    page = phone
    page.goto(site_url + "/verify/?n=WP-1999-0001")
    result = page.locator("#lx-verify-result")
    result.locator(".lx-verify__verdict").wait_for()
    assert "lx-verify--bad" in result.get_attribute("class")
    call = result.locator("a[href^='tel:']")
    import yaml
    number = yaml.safe_load((ROOT / "site_config.yml").read_text("utf-8"))["centre"]["complaints"]
    assert call.inner_text() == number
    assert call.get_attribute("href") == "tel:" + "".join(ch for ch in number if ch.isdigit())


@pytest.fixture(scope="module")
def sample():
    import datetime as dt
    from conftest import TODAY
    from generator.vetting.check import check
    return check(ROOT, dt.date.fromisoformat(TODAY))


@pytest.mark.parametrize("jid", ["sg-2026-0102", "jp-2026-0201", "gd-2026-0502"])
def test_job_page_adds_up_what_the_worker_pays_before_departure(built_site, sample, jid):
    import re
    from generator.source import money
    job, rates = sample.tree.jobs[jid], sample.tree.site.exchange_rates
    total = sum(c.amount * rates.rate(c.currency) for c in job.costs)
    wage = money.monthly_wage_cny(job, rates)
    for lang in ("", "en/"):
        html = (built_site / f"{lang}jobs/{jid}/index.html").read_text("utf-8")
        block = re.search(r'<p class="lx-costs__total">(.*?)</p>', html, re.S).group(1)
        figures = [int(x.replace(",", "")) for x in re.findall(r"CNY ([\d,]+)", block)]
        assert figures[:2] == [round(total), round(wage)], block
        share = float(re.search(r"([\d.]+)%", block).group(1))
        assert abs(share - 100 * total / wage) < 0.5, block
        for currency in {job.wage.currency} - {"CNY"}:      # the conversion is stated with its rate
            assert f"1 {currency} = {rates.rate(currency):g} CNY" in block


def test_costs_in_another_currency_are_converted_and_stated(sample):
    from types import SimpleNamespace as NS
    from generator.source import money
    rates = sample.tree.site.exchange_rates
    job = NS(wage=NS(amount=2000, currency="SGD", per="month"),
             contract=NS(hours_per_week=44, rest_days_per_month=4),
             costs=[NS(amount=450, currency="CNY"), NS(amount=100, currency="SGD"), NS(amount=0, currency="USD")])
    total, wage, share = money.before_departure(job, rates)
    assert total == pytest.approx(450 + 100 * rates.rate("SGD"))
    assert wage == pytest.approx(2000 * rates.rate("SGD"))
    assert share == pytest.approx(total / wage)
    assert money.currencies(job) == ["SGD"]        # a cost of 0 needs no rate stated


def test_screenshot_of_the_costs_on_a_phone(phone, site_url):
    page = phone
    page.goto(site_url + "/jobs/sg-2026-0102/")
    row = page.locator("table.lx-facts tr", has=page.locator(".lx-costs__total"))
    SHOTS.mkdir(exist_ok=True)
    row.screenshot(path=str(SHOTS / "job-costs-zh-360.png"))
