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
    assert page.locator("[data-lx-print]").first.is_hidden()     # nor its print buttons
    page.keyboard.press("Escape")
    assert plan.is_visible()
    context.close()


# ---- print: a compact handout by default, the full text on request ---------------------

# The quiz shuffles its answers with Math.random: a fixed sequence keeps the worksheet (and
# the screenshots committed from it) the same on every run.
SEEDED_RANDOM = "Math.random = (() => { let s = 42; return () => (s = s * 16807 % 2147483647) / 2147483647; })();"


def _pdf(page, path, tmp_path, mode: str | None, name: str):
    page.add_init_script(SEEDED_RANDOM)
    page.goto(path)
    if mode:
        page.evaluate(f"document.documentElement.setAttribute('data-lx-print', '{mode}')")
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return pdf, pages, re.sub(r"\s+", "", text)


def _lesson(course: str, lesson: str, lang: str):
    import yaml
    data = yaml.safe_load((ROOT / "courses" / course / "course.yml").read_text("utf-8"))
    entry = next(x for x in data["lessons"] if x["id"] == lesson)
    body = (ROOT / "courses" / course / "lessons" / f"{lesson}.{lang}.md").read_text("utf-8")
    quiz = yaml.safe_load((ROOT / "courses" / course / "quizzes" / f"{entry['quiz']}.yml").read_text("utf-8"))
    return entry, body, quiz


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_default_print_is_a_compact_handout_and_the_full_text_an_option(desktop, site_url, tmp_path, lang):
    course, lesson = "pre-departure-core", "border-and-customs"
    entry, body, quiz = _lesson(course, lesson, lang)
    path = f"{site_url}{'/en' if lang == 'en' else ''}/courses/{course}/{lesson}/"
    pdf, handout, text = _pdf(desktop, path, tmp_path, None, "handout")
    _, full, full_text = _pdf(desktop, path, tmp_path, "full", "full")
    print(f"{lang}: handout {handout} A4 pages, full text {full} pages")
    assert handout <= 3 and full >= handout + 3
    # the handout: the key points, the checklists and the whole quiz as a worksheet …
    for point in entry["objectives"][lang]:
        assert _squash(point)[:20] in text
    for q in quiz["questions"]:
        assert _squash(q["prompt"][lang])[:20] in text
    assert _squash(entry["materials"][lang][0])[:12] not in text        # … not the trainer's plan
    last = [p for p in body.split("\n\n") if p.strip() and not p.lstrip().startswith(("-", "#", "|", "*"))][-1]
    assert _squash(last)[:20] not in text and _squash(last)[:20] in full_text   # the text: only in full
    assert _squash(entry["materials"][lang][0])[:12] in full_text
    if lang == "zh":
        SHOTS.mkdir(exist_ok=True)
        for n in range(1, handout + 1):
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(n), "-l", str(n), "-singlefile", str(pdf),
                            str(SHOTS / f"lesson-handout-zh-p{n}")], check=True)


def test_print_buttons_choose_the_handout_or_the_full_text(desktop, site_url):
    page = desktop
    page.goto(site_url + LESSON)
    page.evaluate("window.print = () => { window.__printed = document.documentElement.getAttribute('data-lx-print'); }")
    buttons = page.locator("[data-lx-print]")
    assert buttons.count() == 2 and buttons.first.is_visible()
    buttons.nth(1).click()
    assert page.evaluate("window.__printed") == "full"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    buttons.nth(0).click()
    assert page.evaluate("window.__printed") in (None, "handout")


def test_ticked_boxes_are_remembered_across_reloads_and_languages(desktop, site_url):
    page = desktop
    page.goto(site_url + LESSON)
    boxes = page.locator(".lx-lesson__body li input[type=checkbox]")
    boxes.nth(1).check()
    boxes.nth(3).check()
    page.reload()
    assert [boxes.nth(i).is_checked() for i in range(4)] == [False, True, False, True]
    page.goto(site_url + "/en" + LESSON)                   # the same list in the other language
    assert [boxes.nth(i).is_checked() for i in range(4)] == [False, True, False, True]
    boxes.nth(1).uncheck()
    page.goto(site_url + LESSON)
    assert [boxes.nth(i).is_checked() for i in range(4)] == [False, False, False, True]
