"""The hall's big screen (/screen/): pages through the open vacancies on its own, takes a
new build without anyone touching it, and keeps the last good data when a reload fails.

Playwright's clock runs the page timer and the data timer and fixes "today"."""
from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlparse

import pytest

from conftest import ROOT, TODAY
from generator.vetting.check import check

pytestmark = pytest.mark.browser
TV = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def sample():
    return check(ROOT, dt.date.fromisoformat(TODAY))


def _open_ids(sample, when: dt.date, country: str | None = None, trade: str | None = None) -> set[str]:
    jobs = sample.tree.jobs
    return {jid for jid, v in sample.verdicts.items() if v.state == "published" and jobs[jid].apply_by >= when
            and country in (None, jobs[jid].employer.country) and trade in (None, jobs[jid].trade)}


def _board(browser, origin: str, when: dt.datetime, size=TV, workers: str = "allow"):
    context = browser.new_context(viewport=size, service_workers=workers)
    page = context.new_page()
    page.foreign = []
    host = urlparse(origin).netloc
    page.on("request", lambda r: urlparse(r.url).netloc not in (host, "") and page.foreign.append(r.url))
    page.clock.install(time=when)
    return context, page


def _rows(page) -> list[str]:
    return page.locator("#lx-s-rows tr").evaluate_all("els => els.map(e => e.dataset.id)")


def _wait_rows(page):
    page.wait_for_selector("#lx-s-rows tr")


def _all_pages(page, seconds: int) -> list[list[str]]:
    pages = [_rows(page)]
    for _ in range(int(page.locator("#lx-screen").get_attribute("data-pages")) - 1):
        page.clock.run_for(seconds * 1000)
        pages.append(_rows(page))
    return pages


@pytest.mark.parametrize("size", [TV, {"width": 1280, "height": 720}, {"width": 1080, "height": 1920}])
def test_board_pages_through_every_open_order(browser, site_url, sample, size):
    when = dt.datetime.fromisoformat(TODAY + "T09:30:00")
    context, page = _board(browser, site_url, when, size)
    try:
        page.goto(site_url + "/screen/?seconds=8")
        _wait_rows(page)
        pages = _all_pages(page, 8)
        landscape = size["width"] > size["height"]
        assert len(pages) > 1 or not landscape          # nine orders do not fit on one 5-metre TV page
        seen = [jid for p in pages for jid in p]
        assert sorted(seen) == sorted(_open_ids(sample, when.date()))   # each once, none missing
        # Every row of a page is on screen: nothing is cut off at the bottom.
        bottom = page.evaluate("document.getElementById('lx-s-main').getBoundingClientRect().bottom")
        rows_bottom = page.evaluate("Math.max(...[...document.querySelectorAll('#lx-s-rows tr')]"
                                    ".map(r => r.getBoundingClientRect().bottom))")
        assert rows_bottom <= bottom + 1
        page.clock.run_for(8000)                        # after the last page, the first again
        assert _rows(page) == pages[0]
        # Legible from 5 m: on a landscape TV no text under 3.5 % of the screen's height
        # (38 px on a 1080p set, about 2.4 cm on a 55-inch screen).
        smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('#lx-screen *')]
            .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
        if landscape:
            assert smallest >= 0.035 * size["height"]
        assert page.foreign == []
    finally:
        context.close()


def test_settings_in_the_url(browser, site_url, sample):
    when = dt.datetime.fromisoformat(TODAY + "T09:30:00")
    context, page = _board(browser, site_url, when)
    try:
        page.goto(site_url + "/screen/?lang=en&country=SG&seconds=5")
        _wait_rows(page)
        assert set(_rows(page)) == _open_ids(sample, when.date(), country="SG")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator(".lx-s__title").inner_text() == "Vacancies now open"
        assert "Construction rebar worker" in page.locator("#lx-s-rows").inner_text()
        page.goto(site_url + "/en/screen/?lang=zh&trade=welding&country=sg,dz")
        _wait_rows(page)
        expected = _open_ids(sample, when.date(), trade="welding")
        assert set(_rows(page)) == expected and len(expected) == 2
        assert page.locator(".lx-s__title").inner_text() == "正在招聘的岗位"
    finally:
        context.close()


def test_closing_soon_marked_expired_gone_clock_and_numbers(browser, site_url, sample):
    when = dt.datetime(2026, 12, 16, 14, 5)
    context, page = _board(browser, site_url, when)
    try:
        page.goto(site_url + "/screen/?seconds=600")
        _wait_rows(page)
        assert page.locator("#lx-s-time").inner_text() == "14:05"
        assert "2026年12月16日" in page.locator("#lx-s-date").inner_text()
        pages = _all_pages(page, 600)
        shown = {jid for p in pages for jid in p}
        # jp-2026-0201 closed its applications on 15 December: gone from the board that day.
        assert shown == _open_ids(sample, when.date()) and "jp-2026-0201" not in shown
        soon = {jid for jid in shown if (sample.tree.jobs[jid].apply_by - when.date()).days <= 14}
        assert soon and soon != shown
        marked = set()
        for n in range(len(pages)):
            marked |= set(page.locator("#lx-s-rows tr.lx-s__soon").evaluate_all("els => els.map(e => e.dataset.id)"))
            assert page.locator("#lx-s-rows tr.lx-s__soon .lx-s__badge").count() == \
                page.locator("#lx-s-rows tr.lx-s__soon").count()
            page.clock.run_for(600_000)
        assert marked == soon
        footer = page.locator(".lx-s__foot").inner_text()
        assert sample.tree.site.centre.hotline in footer and sample.tree.site.centre.complaints in footer
    finally:
        context.close()


def test_no_serious_accessibility_violation(browser, site_url):
    from axe_playwright_python.sync_playwright import Axe
    context, page = _board(browser, site_url, dt.datetime.fromisoformat(TODAY + "T09:30:00"))
    try:
        for url in ("/screen/", "/en/screen/?country=JP"):
            page.goto(site_url + url)
            _wait_rows(page)
            serious = [f"{url}: {v['id']}" for v in Axe().run(page).response["violations"]
                       if v["impact"] in ("serious", "critical")]
            assert serious == []
    finally:
        context.close()


@pytest.mark.parametrize("workers", ["allow", "block"])
def test_a_failed_reload_keeps_the_last_good_data(browser, hall_server, built_site, workers):
    """With its service worker the board is answered from the worker's copy; without one
    (a browser that has none, a plain-http hall server) the fetch itself fails."""
    when = dt.datetime.fromisoformat(TODAY + "T09:30:00")
    context, page = _board(browser, hall_server.url, when, workers=workers)
    try:
        page.goto(hall_server.url + "/screen/?refresh=1&seconds=600&country=SG")
        _wait_rows(page)
        if workers == "allow":
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
        before = _rows(page)
        hall_server.down = True                      # the hall's line is cut
        page.clock.run_for(61_000)                   # the data timer fires and the fetch fails
        page.wait_for_function("document.getElementById('lx-s-status').textContent !== ''")
        assert _rows(page) == before
        assert "09:30" in page.locator("#lx-s-status").inner_text()   # since when the data is old
        # The line returns with a new build that drops one Singapore order.
        data = json.loads((built_site / "screen/data.json").read_text("utf-8"))
        data["jobs"] = [j for j in data["jobs"] if j["id"] != before[0]]
        data["version"] = "next-build"
        hall_server.overrides["/screen/data.json"] = json.dumps(data, ensure_ascii=False).encode("utf-8")
        hall_server.down = False
        page.clock.run_for(60_000)
        page.wait_for_function("document.getElementById('lx-s-status').textContent === ''")
        assert _rows(page) == before[1:]
    finally:
        context.close()
