"""What a worker does: find a vacancy, trust it, verify an ad, search, share and print."""
from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest

from conftest import ARTIFACTS, ROOT, TODAY
from generator.vetting.check import check

import datetime as dt

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 780}


@pytest.fixture(scope="module")
def sample():
    return check(ROOT, dt.date.fromisoformat(TODAY))


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    foreign = []
    origin = urlparse(site_url).netloc
    page.on("request", lambda r: urlparse(r.url).netloc not in (origin, "") and foreign.append(r.url))
    yield page
    context.close()
    assert foreign == []


def _open_ids(sample):
    return {jid for jid, v in sample.verdicts.items() if v.state == "published"}


def _cny_month(job, rate) -> float:
    """Our own arithmetic, not the generator's: 52 weeks of hours, or the days of a month
    less rest days, at the configured rate."""
    w, c = job.wage, job.contract
    per_month = {"month": 1, "hour": c.hours_per_week * 52 / 12, "day": 365 / 12 - c.rest_days_per_month}[w.per]
    return w.amount * per_month * rate(w.currency)


def _listed(page) -> list[str]:
    page.wait_for_selector("#lx-filter:not([hidden])")
    return page.locator("#lx-results .lx-card").evaluate_all("els => els.map(e => e.dataset.id)")


def test_filter_by_destination_and_wage_and_share_the_url(phone, site_url, sample):
    # By hand, from the sample files: site_config.yml has SGD 5.48; the Singapore orders pay
    # SGD 1,650, 1,900 and 1,750 a month, i.e. CNY 9,042, 10,412 and 9,590.
    assert sample.tree.site.exchange_rates.rate("SGD") == 5.48
    assert {j: (sample.tree.jobs[j].wage.amount, sample.tree.jobs[j].wage.per) for j in _open_ids(sample)
            if j.startswith("sg-")} == {"sg-2026-0101": (1650, "month"), "sg-2026-0102": (1900, "month"),
                                        "sg-2026-0103": (1750, "month")}
    expected = {"sg-2026-0102", "sg-2026-0103"}
    page = phone
    for least, ids in (("10412", {"sg-2026-0102"}), ("10413", set()), ("9590", expected),
                       ("9591", {"sg-2026-0102"}), ("9042", expected | {"sg-2026-0101"})):
        page.goto(f"{site_url}/jobs/?country=SG&min={least}")
        assert set(_listed(page)) == ids, least
    page.goto(site_url + "/jobs/?country=SG")
    card = page.locator('#lx-results .lx-card[data-id="sg-2026-0101"]').inner_text()
    assert "9,042" in card and "1,650" in card
    page.goto(site_url + "/jobs/")
    assert len(_listed(page)) == len(_open_ids(sample))
    page.select_option("select[name=country]", "SG")
    page.fill("input[name=min]", "9500")
    assert set(_listed(page)) == expected
    shared = page.url
    assert "country=SG" in shared and "min=9500" in shared
    page.goto(shared)                       # a friend opens the shared link
    assert set(_listed(page)) == expected
    assert page.locator("select[name=country]").input_value() == "SG"
    page.select_option("select[name=sort]", "wage")
    page.select_option("select[name=country]", "")
    page.fill("input[name=min]", "")
    wages = [_cny_month(sample.tree.jobs[j], sample.tree.site.exchange_rates.rate) for j in _listed(page)]
    assert wages == sorted(wages, reverse=True)
    page.goto(site_url + "/jobs/?trade=electronics")
    assert {sample.tree.jobs[j].trade for j in _listed(page)} == {"electronics"}


@pytest.mark.parametrize("typed,verdict", [
    ("WP-2026-0101", "真实有效"),
    ("ｗｐ－２０２６－０１０１", "真实有效"),         # full-width, lower case
    ("wp 2026 0101", "真实有效"),                 # spaces
    ("WP-2026-0401", "已经停止招聘"),              # the closed UAE order
    ("QH-2019-017", "持有有效许可证"),             # an agency licence
    ("QH-2016-009", "许可证已经过期"),             # the expired licence
    ("WP-2026-9999", "没有经过本中心审核"),         # made up
])
def test_verify_a_forwarded_advertisement(phone, site_url, typed, verdict, sample):
    page = phone
    page.goto(site_url + "/verify/")
    page.fill("#lx-verify-number", typed)
    page.keyboard.press("Enter")
    result = page.locator("#lx-verify-result")
    result.locator(".lx-verify__verdict").wait_for()
    assert verdict in result.inner_text()
    if "没有经过" in verdict:
        assert sample.tree.site.centre.complaints in result.inner_text()


def test_verify_links_to_the_order_in_english(phone, site_url):
    page = phone
    page.goto(site_url + "/en/verify/?n=wp-2026-0102")
    page.locator(".lx-verify__verdict").wait_for()
    shown = page.locator("#lx-verify-result").inner_text()
    assert "Genuine" in shown
    # who approved it and when, and that the signature was checked at the build (conftest.TODAY)
    assert "Approved by Demo reviewer (sample only) on 2026-11-03" in shown
    assert "signature was verified when this site was built (2026-11-21)" in shown
    page.locator("#lx-verify-result a").click()
    page.wait_for_url("**/en/jobs/sg-2026-0102/")


@pytest.mark.parametrize("lang,query,expect", [
    ("", "钢筋", "建筑钢筋工"),
    ("", "新加坡 电焊", "钢结构电焊工"),
    ("", "护照", None),
    ("/en", "rebar", "Construction rebar worker"),
    ("/en", "passport", None),
])
def test_search_in_both_languages(phone, site_url, lang, query, expect):
    page = phone
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_url}{lang}/search/?q={query}")
    page.locator(".lx-search__title").first.wait_for(timeout=10000)
    # Results are filled in as their records arrive: poll, not a single read.
    for _ in range(50):
        titles = page.locator(".lx-search__title").all_inner_texts()
        if not expect or any(expect in t for t in titles):
            break
        page.wait_for_timeout(200)
    assert titles
    if expect:
        assert any(expect in t for t in titles), titles
    # the other language's index is never fetched
    index = [u for u in requests if "/search/index/" in u]
    assert index and all(u.startswith(f"{site_url}{lang}/search/index/") for u in index), index


def test_job_page_structured_data(built_site, sample):
    import re
    html = (built_site / "jobs/sg-2026-0101/index.html").read_text("utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    for key in ["title", "description", "datePosted", "validThrough", "employmentType", "hiringOrganization",
                "jobLocation", "baseSalary"]:
        assert data[key], key
    assert data["@type"] == "JobPosting" and data["baseSalary"]["currency"] == "SGD"
    assert data["validThrough"].startswith("2026-12-20")
    closed = (built_site / "jobs/ae-2026-0401/index.html").read_text("utf-8")
    assert "application/ld+json" not in closed
    assert 'property="og:title" content="建筑钢筋工"' in html


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_feeds_list_exactly_the_open_orders(built_site, sample, prefix):
    expected = {f"https://jobs.example.org/{prefix}jobs/{j}/" for j in _open_ids(sample)}
    atom = ET.parse(built_site / prefix / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert {e.find("a:id", ns).text for e in atom.findall("a:entry", ns)} == expected
    feed = json.loads((built_site / prefix / "feed.json").read_text("utf-8"))
    assert feed["version"].startswith("https://jsonfeed.org/version/1")
    assert {item["url"] for item in feed["items"]} == expected


def test_sitemap_has_alternates_and_no_closed_orders(built_site):
    sitemap = ET.parse(built_site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {u.find("s:loc", ns).text: u for u in sitemap.findall("s:url", ns)}
    job = urls["https://jobs.example.org/jobs/sg-2026-0101/"]
    assert {l.get("hreflang"): l.get("href") for l in job.findall("x:link", ns)} == {
        "zh": "https://jobs.example.org/jobs/sg-2026-0101/", "en": "https://jobs.example.org/en/jobs/sg-2026-0101/"}
    assert "https://jobs.example.org/jobs/ae-2026-0401/" not in urls


def test_poster_qr_decodes_to_the_job_url(browser, site_url):
    import zxingcpp
    from PIL import Image
    context = browser.new_context(viewport={"width": 900, "height": 1200})
    page = context.new_page()
    page.goto(site_url + "/posters/sg-2026-0101/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "poster-print.png"), full_page=True)
    png = page.locator(".lx-poster__qr svg").screenshot()
    context.close()
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [c.text for c in codes] == ["https://jobs.example.org/jobs/sg-2026-0101/"]


def test_poster_boards_print_one_sheet_per_open_order(built_site, sample):
    sheets = sum(p.read_text("utf-8").count('class="lx-poster-sheet"')
                 for p in (built_site / "posters/board").glob("*/index.html"))
    assert sheets == len(_open_ids(sample))


def test_static_lists_are_paginated(tmp_path, cli, monkeypatch):
    """Without JavaScript every open order is reachable from the per-destination lists."""
    monkeypatch.setattr("generator.render.renderer.PAGE_SIZE", 2)
    out = tmp_path / "site"
    assert cli("--root", ROOT, "build", "--out", out, "--today", TODAY)[0] == 0
    import re
    seen = set()
    for page in (out / "jobs/country").rglob("index.html"):
        seen |= set(re.findall(r'href="[./]*(?:jobs/)?([a-z]{2}-\d{4}-\d{4})/"', page.read_text("utf-8")))
    assert (out / "jobs/country/sg/2/index.html").is_file()
    assert 'rel="next"' in (out / "jobs/country/sg/index.html").read_text("utf-8")
    assert seen == {j for j in _open_ids(check(ROOT, dt.date.fromisoformat(TODAY)))}


def test_phone_layout(phone, site_url):
    page = phone
    for path in ["/jobs/", "/verify/", "/search/", "/posters/sg-2026-0101/", "/en/jobs/"]:
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        small = page.evaluate("""() => [...document.querySelectorAll('article p, article li, article dd')]
            .filter(e => e.offsetParent && parseFloat(getComputedStyle(e).fontSize) < 16 && !e.closest('small, .lx-note'))
            .map(e => e.textContent.slice(0, 30))""")
        assert small == [], (path, small)
        tiny = page.evaluate("""() => [...document.querySelectorAll('article input, article select, article button, .lx-card__title')]
            .filter(e => e.offsetParent && e.getBoundingClientRect().height < 44)
            .map(e => e.outerHTML.slice(0, 60))""")
        assert tiny == [], (path, tiny)


def test_a_page_view_fetches_no_sitemap(phone, site_url):
    """Material fetches sitemap.xml beside every <link rel=alternate>; at province scale
    that is the largest file of the site, so no page may carry such a link."""
    page = phone
    fetched = []
    page.on("request", lambda r: fetched.append(urlparse(r.url).path))
    for path in ["/", "/jobs/sg-2026-0101/", "/en/jobs/", "/courses/pre-departure-core/"]:
        page.goto(site_url + path, wait_until="networkidle")
    assert [p for p in fetched if p.endswith("sitemap.xml")] == []
