"""The hall kiosk (/kiosk/): a stranger at a touch screen, portrait and landscape.

Touch emulation in Chromium; Playwright's clock stands in for the idle minutes and
fixes "today" to the build date, so nothing here depends on the real date."""
from __future__ import annotations

import datetime as dt
import io
import json
from urllib.parse import urlparse

import pytest

from conftest import ROOT, TODAY
from generator.vetting.check import check

pytestmark = pytest.mark.browser
SIZES = {"portrait": {"width": 1080, "height": 1920}, "landscape": {"width": 1920, "height": 1080}}
MORNING = dt.datetime.fromisoformat(TODAY + "T09:00:00")


@pytest.fixture(scope="module")
def sample():
    return check(ROOT, dt.date.fromisoformat(TODAY))


def _touch_screen(browser, origin: str, size: str, clock: bool = True):
    context = browser.new_context(viewport=SIZES[size], has_touch=True)
    page = context.new_page()
    page.foreign = []
    host = urlparse(origin).netloc
    page.on("request", lambda r: urlparse(r.url).netloc not in (host, "") and page.foreign.append(r.url))
    if clock:
        page.clock.install(time=MORNING)
    return context, page


@pytest.fixture(params=list(SIZES))
def kiosk(browser, site_url, request):
    context, page = _touch_screen(browser, site_url, request.param)
    page.size = request.param
    yield page
    context.close()
    assert page.foreign == []


def _open(page, url: str):
    page.goto(url)
    page.wait_for_selector(".lx-k__tile")


def _tap(page, selector: str):
    page.locator(selector).first.tap()


def _tap_text(page, text: str):
    page.locator(".lx-k__button", has_text=text).first.tap()


def _open_ids(sample, country=None):
    return {jid for jid, v in sample.verdicts.items() if v.state == "published"
            and (country is None or sample.tree.jobs[jid].employer.country == country)}


def _screen(page) -> str:
    return page.locator("#lx-kiosk").get_attribute("data-screen")


# Every visible button at least 48 × 48 CSS px; every visible text at least 20 px.
MEASURE = """() => {
  const small = [];
  const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; };
  for (const b of document.querySelectorAll("button, a, input, select, [role=button]")) {
    if (!visible(b)) continue;
    const r = b.getBoundingClientRect();
    if (r.width < 48 || r.height < 48) small.push(`target ${b.textContent.trim().slice(0, 20)}: ${r.width}x${r.height}`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!n.textContent.trim() || !e || !visible(e) || e.closest("noscript")) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < 20) small.push(`text ${n.textContent.trim().slice(0, 20)}: ${size}px`);
  }
  if (document.documentElement.scrollWidth > innerWidth) small.push("horizontal scroll");
  return small;
}"""


def _every_screen(page, base: str):
    """Walk the kiosk through each of its screens; yield the name of each."""
    _open(page, base + "/kiosk/")
    yield "start"
    _tap(page, ".lx-k__tile--main")
    yield "destinations"
    _tap_text(page, "新加坡")
    yield "trades"
    _tap(page, ".lx-k__tile--all")
    yield "jobs"
    _tap(page, ".lx-k__job")
    yield "card"
    _tap(page, ".lx-k__close")
    _tap(page, ".lx-k__nav")            # 首页
    _tap(page, ".lx-k__tile >> nth=1")  # 查验备案号
    for key in ["WP", "2", "0", "2", "6", "0", "1", "0", "1"]:
        page.locator(".lx-k__key", has_text=key).first.tap()
    _tap(page, ".lx-k__key--check")
    page.wait_for_selector(".lx-k__verdict")
    yield "verify"


def test_targets_and_text_are_large_enough(kiosk, site_url):
    seen = []
    for name in _every_screen(kiosk, site_url):
        problems = kiosk.evaluate(MEASURE)
        assert problems == [], f"{kiosk.size} {name}: {problems}"
        seen.append(name)
    assert seen == ["start", "destinations", "trades", "jobs", "card", "verify"]


def test_nothing_leads_off_the_kiosk(kiosk, site_url):
    for name in _every_screen(kiosk, site_url):
        # No link, form or frame at all: a visitor cannot leave, and nothing opens a window.
        assert kiosk.locator("a, form, iframe, [target]").count() == 0, name
        # No text selection, no long-press (context) menu, no dragging.
        assert kiosk.evaluate("getComputedStyle(document.body).userSelect") == "none"
        cancelled = kiosk.evaluate("""() => ["contextmenu", "selectstart", "dragstart"].map(type => {
            const e = new Event(type, {bubbles: true, cancelable: true});
            document.querySelector("h1, h2").dispatchEvent(e); return e.defaultPrevented; })""")
        assert cancelled == [True, True, True], name
        box = kiosk.locator("h1, h2").first.bounding_box()
        kiosk.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
        kiosk.mouse.down()
        kiosk.mouse.move(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
        kiosk.mouse.up()
        assert kiosk.evaluate("getSelection().toString()") == "", name
        # No pinch zoom for the next visitor to inherit.
        assert kiosk.evaluate("getComputedStyle(document.documentElement).touchAction") == "pan-y"


def test_no_serious_accessibility_violation_on_any_screen(kiosk, site_url):
    from axe_playwright_python.sync_playwright import Axe
    axe, problems = Axe(), []
    for name in _every_screen(kiosk, site_url):
        for v in axe.run(kiosk).response["violations"]:
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{kiosk.size} {name}: {v['id']} {[n['target'] for n in v['nodes']][:3]}")
    assert problems == []


def _decode_qr(page) -> list[str]:
    import zxingcpp
    from PIL import Image
    png = page.locator(".lx-k__qr-code").screenshot()
    return [c.text for c in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_browse_to_a_card_whose_qr_opens_the_job_page(kiosk, site_url, sample):
    _open(kiosk, site_url + "/kiosk/")
    _tap(kiosk, ".lx-k__tile--main")
    # Destinations offer only those with open vacancies, each with its count.
    offered = kiosk.locator(".lx-k__choices .lx-k__tile-title").all_inner_texts()[1:]
    names = {sample.tree.countries[sample.tree.jobs[j].employer.country].name.zh for j in _open_ids(sample)}
    assert set(offered) == names
    _tap_text(kiosk, "新加坡")
    _tap(kiosk, ".lx-k__tile--all")
    listed = kiosk.locator(".lx-k__job").evaluate_all("els => els.map(e => e.dataset.id)")
    assert set(listed) == _open_ids(sample, "SG")
    kiosk.locator('.lx-k__job[data-id="sg-2026-0101"]').tap()
    card = kiosk.locator("#lx-k-card")
    assert card.is_visible()
    assert "建筑钢筋工" in card.inner_text() and "WP-2026-0101" in card.inner_text()
    assert "约合每月 9,042 元" in card.inner_text()     # 1,650 SGD × 5.48, the site's one conversion
    assert _decode_qr(kiosk) == ["https://jobs.example.org/jobs/sg-2026-0101/"]
    # In English the code leads to the English page.
    _tap(kiosk, ".lx-k__close")
    _tap(kiosk, ".lx-k__lang")
    kiosk.locator('.lx-k__job[data-id="sg-2026-0101"]').tap()
    assert "Construction rebar worker" in card.inner_text()
    assert _decode_qr(kiosk) == ["https://jobs.example.org/en/jobs/sg-2026-0101/"]


def _at_list_with_card(page, base: str):
    _open(page, base)
    _tap(page, ".lx-k__tile--main")
    _tap(page, ".lx-k__tile--all")
    _tap(page, ".lx-k__tile--all")
    # Make the list taller than any screen, then scroll it, as a long list would be.
    page.evaluate("""() => { const main = document.getElementById('lx-k-main');
        const tall = document.createElement('div'); tall.style.height = '4000px'; main.appendChild(tall);
        main.scrollTop = 1500; }""")
    assert page.evaluate("document.getElementById('lx-k-main').scrollTop") > 0
    _tap(page, ".lx-k__lang")
    page.locator(".lx-k__job").last.tap()


def _is_fresh(page) -> bool:
    return page.evaluate("""() => document.getElementById('lx-kiosk').dataset.screen === 'start'
        && document.getElementById('lx-k-card').hidden && document.documentElement.lang === 'zh'
        && document.getElementById('lx-k-main').scrollTop === 0 && document.getElementById('lx-k-idle').hidden""")


def test_idle_reset_clears_every_choice(kiosk, site_url):
    _at_list_with_card(kiosk, site_url + "/kiosk/")
    assert _screen(kiosk) == "jobs" and kiosk.locator("#lx-k-card").is_visible()
    assert kiosk.evaluate("document.documentElement.lang") == "en"
    kiosk.clock.run_for(82_000)
    assert not _is_fresh(kiosk) and kiosk.locator("#lx-k-idle").is_visible()   # the countdown warns first
    kiosk.locator("#lx-k-card .lx-k__facts").tap()                          # someone is still reading
    assert kiosk.locator("#lx-k-idle").is_hidden()
    kiosk.clock.run_for(60_000)
    assert not _is_fresh(kiosk)
    kiosk.clock.run_for(31_000)                                            # 91 s after the last touch
    assert _is_fresh(kiosk)
    # The next visitor finds no trace: the number pad is empty, the lists start at the top.
    _tap(kiosk, ".lx-k__tile >> nth=1")
    for key in ["WP", "1", "2"]:
        kiosk.locator(".lx-k__key", has_text=key).first.tap()
    kiosk.clock.run_for(91_000)
    assert _is_fresh(kiosk)
    _tap(kiosk, ".lx-k__tile >> nth=1")
    assert kiosk.locator("#lx-k-typed").inner_text().strip() == ""
    assert kiosk.locator(".lx-k__key--check").is_disabled()


def test_idle_time_is_set_in_the_url(kiosk, site_url):
    _at_list_with_card(kiosk, site_url + "/kiosk/?idle=30")
    kiosk.clock.run_for(25_000)
    assert not _is_fresh(kiosk)
    kiosk.clock.run_for(6_000)
    assert _is_fresh(kiosk)


@pytest.mark.parametrize("keys,verdict,card", [
    (["WP", "2", "0", "2", "6", "-", "0", "1", "0", "1"], "真实有效", "建筑钢筋工"),
    (["WP", "2", "0", "2", "6", "0", "4", "0", "1"], "已经停止招聘", None),     # the closed UAE order
    (["QH", "2", "0", "1", "9", "0", "1", "7"], "持有有效许可证", None),        # an agency licence
    (["QH", "2", "0", "1", "6", "0", "0", "9"], "许可证已经过期", None),
    (["WP", "2", "0", "2", "6", "9", "9", "9", "9"], "没有经过本中心审核", None),
])
def test_verify_on_the_number_pad(browser, site_url, sample, keys, verdict, card):
    context, page = _touch_screen(browser, site_url, "portrait")
    try:
        _open(page, site_url + "/kiosk/")
        _tap(page, ".lx-k__tile >> nth=1")
        for key in keys:
            page.locator(".lx-k__key", has_text=key).first.tap()
        _tap(page, ".lx-k__key--check")
        page.wait_for_selector(".lx-k__verdict")
        result = page.locator("#lx-k-result").inner_text()
        assert verdict in result
        if "没有经过" in verdict:
            assert sample.tree.site.centre.complaints in result
        view = page.locator("#lx-k-result .lx-k__view")
        assert view.count() == (1 if card else 0)
        if card:
            view.tap()
            assert card in page.locator("#lx-k-card").inner_text()
    finally:
        context.close()


def _wait_for_worker(page):
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=15000)


def test_works_offline_from_its_last_load_and_takes_a_new_build(browser, hall_server, built_site):
    """The hall's line is cut: the kiosk still starts, browses, shows cards and checks
    numbers; when the line returns, a new build appears by itself at the next idle moment."""
    context, page = _touch_screen(browser, hall_server.url, "landscape", clock=False)
    try:
        url = hall_server.url + "/kiosk/?idle=3&refresh=0.05"
        _open(page, url)
        _wait_for_worker(page)
        hall_server.down = True
        page.reload()
        page.wait_for_selector(".lx-k__tile")
        assert "网络已断开" in page.locator(".lx-k__status").inner_text()
        _tap(page, ".lx-k__lang")                  # the English file is kept as well
        assert "Find a job" in page.locator("#lx-k-main").inner_text()
        _tap(page, ".lx-k__lang")
        _tap(page, ".lx-k__tile--main")
        _tap(page, ".lx-k__tile--all")
        _tap(page, ".lx-k__tile--all")
        page.locator('.lx-k__job[data-id="sg-2026-0101"]').tap()
        assert "WP-2026-0101" in page.locator("#lx-k-card").inner_text()
        _tap(page, ".lx-k__close")
        _tap(page, ".lx-k__nav")
        _tap(page, ".lx-k__tile >> nth=1")
        for key in ["WP", "2", "0", "2", "6", "0", "1", "0", "2"]:
            page.locator(".lx-k__key", has_text=key).first.tap()
        _tap(page, ".lx-k__key--check")
        page.wait_for_selector(".lx-k__verdict")
        assert "真实有效" in page.locator("#lx-k-result").inner_text()
        # The line returns with a new build: one order has a new title.
        data = json.loads((built_site / "kiosk/data.json").read_text("utf-8"))
        next(j for j in data["jobs"] if j["id"] == "sg-2026-0101")["title"] = "新标题 New title"
        data["version"] = "next-build"
        hall_server.overrides["/kiosk/data.json"] = json.dumps(data, ensure_ascii=False).encode("utf-8")
        hall_server.down = False
        page.wait_for_function("""() => document.getElementById('lx-kiosk').dataset.version === 'next-build'
            && !document.querySelector('.lx-k--offline') && document.querySelector('.lx-k__tile')""", timeout=20000)
        _tap(page, ".lx-k__tile--main")
        _tap(page, ".lx-k__tile--all")
        _tap(page, ".lx-k__tile--all")
        assert "新标题 New title" in page.locator('.lx-k__job[data-id="sg-2026-0101"]').inner_text()
        # The worker's scope is the kiosk alone: the rest of the site is not under it.
        page.goto(hall_server.url + "/jobs/")
        assert page.evaluate("navigator.serviceWorker.controller") is None
    finally:
        context.close()
