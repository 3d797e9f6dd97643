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
