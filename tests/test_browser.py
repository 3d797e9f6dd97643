"""A worker's path through the built site in Chromium: home → vacancy → English."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 780}


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    foreign = []
    origin = urlparse(site_url).netloc
    page.on("request", lambda r: urlparse(r.url).netloc != origin and not r.url.startswith("data:")
            and foreign.append(r.url))
    yield page, foreign
    context.close()
    assert foreign == [], f"requests to other origins: {foreign}"


def test_home_to_vacancy_to_english(phone, site_url):
    page, _ = phone
    page.goto(site_url + "/")
    assert page.locator("html").get_attribute("lang") == "zh"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home-zh-360.png"), full_page=True)

    page.locator(".lx-card__title", has_text="建筑钢筋工").first.click()
    page.wait_for_url("**/jobs/sg-2026-0101/")
    assert "WP-2026-0101" in page.locator(".lx-trust").inner_text()
    page.screenshot(path=str(ARTIFACTS / "job-zh-360.png"), full_page=True)

    page.locator("[data-lx-lang-switch]").click()
    page.wait_for_url("**/en/jobs/sg-2026-0101/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Construction rebar worker"
    page.screenshot(path=str(ARTIFACTS / "job-en-360.png"), full_page=True)

    page.locator("[data-lx-lang-switch]").click()
    page.wait_for_url("**/jobs/sg-2026-0101/")
    assert page.locator("html").get_attribute("lang") == "zh"


def test_no_horizontal_scroll_on_a_phone(phone, site_url):
    page, _ = phone
    for path in ["/", "/jobs/", "/jobs/sg-2026-0101/", "/en/jobs/dz-2026-0301/", "/destinations/jp/",
                 "/courses/pre-departure-core/"]:
        page.goto(site_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide"


def test_menu_reaches_every_section(phone, site_url):
    page, _ = phone
    page.goto(site_url + "/")
    page.locator("label.md-header__button[for='__drawer']").click()
    nav = page.locator("nav.md-nav--primary")
    for label in ["招聘信息", "目的地", "出国培训", "如何报名", "识别非法中介", "联系我们"]:
        assert nav.get_by_text(label, exact=True).first.is_visible(), label
