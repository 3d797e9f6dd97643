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
