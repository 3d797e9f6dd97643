"""What a trainer and a worker meet on a lesson page (issue 17, items 10–12): task lists
as boxes to tick (empty boxes on paper), classroom mode that covers nothing and keeps the
teacher's plan off the projector, and a compact handout as the default print."""
from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT
from generator.render.sanitize import markdown_html

pytestmark = pytest.mark.browser
SHOTS = ROOT / "docs" / "screenshots"
TASK = re.compile(r"^\s*[-*] \[[ xX]\] ", re.M)


def _task_lessons() -> list[tuple[str, str, int]]:
    """(URL path, language, number of task items) of every lesson text with a task list."""
    out = []
    for md in sorted((ROOT / "courses").glob("*/lessons/*.md")):
        n = len(TASK.findall(md.read_text("utf-8")))
        lesson, lang = md.name.rsplit(".", 2)[:2]
        if n:
            out.append((f"{'/en' if lang == 'en' else ''}/courses/{md.parent.parent.name}/{lesson}/", lang, n))
    return out


@pytest.fixture
def desktop(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def test_the_sample_has_task_lists():
    assert len(_task_lessons()) >= 10


@pytest.mark.parametrize("path,lang,count", _task_lessons())
def test_task_lists_are_boxes_to_tick(desktop, site_url, path, lang, count):
    page = desktop
    page.goto(site_url + path)
    body = page.locator(".lx-lesson__body")
    boxes = body.locator("li input[type=checkbox]")
    assert boxes.count() == count
    assert not re.search(r"\[[ xX]\]", body.inner_text())          # no literal brackets left
    first = boxes.first
    assert not first.is_checked()
    first.locator("xpath=..").click()                                # the item's text is its label
    assert first.is_checked()
    assert first.evaluate("e => e.labels.length") == 1 and first.evaluate("e => e.labels[0].innerText.trim().length") > 1


def test_task_boxes_print_empty(desktop, site_url):
    path = _task_lessons()[0][0]
    page = desktop
    page.goto(site_url + path)
    box = page.locator(".lx-lesson__body li input[type=checkbox]").first
    box.check()
    page.emulate_media(media="print")
    style = box.evaluate("e => { const s = getComputedStyle(e); return [s.appearance, s.borderTopStyle, s.borderTopWidth]; }")
    assert style[0] == "none" and style[1] == "solid" and float(style[2].rstrip("px")) >= 1, style
    assert box.evaluate("e => getComputedStyle(e).backgroundImage") == "none"   # ticked on screen, empty on paper


@pytest.mark.parametrize("hostile", [
    '<input type="text" name="id_number" placeholder="身份证号">',
    '<input type="password" value="x" onclick="alert(1)">',
    '<label for="x" onclick="alert(1)">a</label>',
])
def test_only_unnamed_checkboxes_get_through_the_sanitiser(hostile):
    html = str(markdown_html(hostile))
    assert all('type="checkbox"' in tag for tag in re.findall(r"<input[^>]*>", html)), html
    for bad in ("text", "password", "name=", "value=", "onclick", "placeholder", "for="):
        assert bad not in html.replace('type="checkbox"', ""), html


def test_task_lists_everywhere_markdown_is_rendered():
    html = str(markdown_html("- [ ] passport\n- [x] **visa** page\n- plain\n\nnot [ ] a task"))
    assert html.count('type="checkbox"') == 2 and html.count("checked") == 1
    assert "<strong>visa</strong>" in html and "not [ ] a task" in html


# Every text rectangle inside the content that the fixed button overlaps, at this scroll.
COVERED = """(button) => {
  const b = button.getBoundingClientRect(), out = [];
  const walk = document.createTreeWalker(document.querySelector(".md-content"), NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.textContent.trim() || button.contains(n)) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width && r.height && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top)
        out.push(n.textContent.trim().slice(0, 30));
    }
  }
  return out;
}"""
PROJECTORS = [(1024, 768), (1280, 720), (1920, 1080)]
LESSON = "/courses/pre-departure-core/border-and-customs/"


@pytest.mark.parametrize("width,height", PROJECTORS)
@pytest.mark.parametrize("lang", ["", "/en"])
def test_classroom_button_covers_no_text(browser, site_url, width, height, lang):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site_url + lang + LESSON)
    button = page.locator("[data-lx-classroom]")
    button.click()
    assert page.locator("html.lx-classroom").count() == 1
    full = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, full, height // 3):
        page.evaluate(f"window.scrollTo(0, {y})")
        covered = button.evaluate(COVERED)
        assert covered == [], f"at scroll {y}: {covered}"
    page.evaluate("window.scrollTo(0, 0)")
    if lang == "":
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"classroom-{width}x{height}-zh.png"))
    context.close()


@pytest.mark.parametrize("width,height", PROJECTORS)
def test_classroom_keeps_the_teachers_plan_off_the_projector(browser, site_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site_url + LESSON)
    plan = page.locator(".lx-plan")
    assert plan.is_visible()                       # the trainer reads it at the desk
    page.locator("[data-lx-classroom]").click()
    assert not plan.is_visible() or plan.evaluate("e => e.closest('details') && !e.closest('details').open")
    body = page.locator(".lx-lesson__body").bounding_box()
    assert body["y"] < height * 0.6                # the lesson itself is what the room sees first
    page.keyboard.press("Escape")
    assert plan.is_visible()
    context.close()
