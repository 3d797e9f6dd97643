"""Self-check quizzes, progress, print and classroom mode in Chromium (issue 4).

Questions and choices may be shuffled in the browser, so the right answers come from the
YAML: each question carries its YAML position in data-q, each input its choice's YAML
position in value (true/false: 0 is true, 1 is false).
"""
from __future__ import annotations

import functools

import re
import zipfile
from urllib.parse import urlparse

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 780}
COURSE, LESSON = "destination-singapore", "laws-and-customs"
LESSON_PATH = f"/courses/{COURSE}/{LESSON}/"
COURSE_PATH = f"/courses/{COURSE}/"


def quizzed_lessons() -> list[tuple[str, str, str]]:
    """(course id, lesson id, quiz id) of every sample lesson with a quiz."""
    out = []
    for path in sorted((ROOT / "courses").glob("*/course.yml")):
        course = yaml.safe_load(path.read_text("utf-8"))
        out += [(course["id"], lesson["id"], lesson["quiz"]) for lesson in course["lessons"] if lesson.get("quiz")]
    return out


def load_quiz(course: str, lesson: str) -> dict:
    """The quiz as the page shows it: {{ fact('…') }} quotes resolved from the country files."""
    quiz = next(q for c, l, q in quizzed_lessons() if (c, l) == (course, lesson))
    return _shown_tree().courses[course].quizzes[quiz][0].model_dump()


@functools.cache
def _shown_tree():
    from generator.problems import Collector
    from generator.source import crossref
    from generator.source.load import load_tree
    tree = load_tree(ROOT, Collector())
    crossref.check(tree, Collector())
    return tree


def right_choices(question: dict) -> set[str]:
    if question["type"] == "truefalse":
        return {"0"} if question["answer"] else {"1"}
    return {str(i) for i, c in enumerate(question["choices"]) if c.get("correct")}


def answer(page, quiz: dict, rightly: bool = True, only: int | None = None) -> None:
    """Tap the right (or a wrong) answer of every question, or of the `only`-th shown."""
    shown = page.locator(".lx-question").evaluate_all(
        "els => els.map(e => ({q: e.dataset.q, inputs: [...e.querySelectorAll('input')]"
        ".map(i => ({value: i.value, type: i.type, checked: i.checked}))}))")
    for n, question in enumerate(shown):
        if only is not None and n != only:
            continue
        right = right_choices(quiz["questions"][int(question["q"])])
        values = [i["value"] for i in question["inputs"]]
        chosen = right if rightly else {next(v for v in values if v not in right)}
        inputs = page.locator(".lx-question").nth(n).locator("input")
        for k, box in enumerate(question["inputs"]):
            if box["value"] in chosen and not box["checked"]:
                inputs.nth(k).check()
            elif box["value"] not in chosen and box["checked"] and box["type"] == "checkbox":
                inputs.nth(k).uncheck()


@pytest.fixture
def context_factory(browser, site_url):
    """New browser contexts whose pages fail the test on any request to another origin."""
    contexts, foreign = [], []
    origin = urlparse(site_url).netloc

    def make(**kwargs):
        context = browser.new_context(**kwargs)
        context.on("request", lambda r: r.url.split(":", 1)[0] in ("http", "https", "ws", "wss")
                   and urlparse(r.url).netloc != origin and foreign.append(r.url))
        contexts.append(context)
        return context
    yield make
    for context in contexts:
        context.close()
    assert foreign == [], f"requests to other origins: {foreign}"


@pytest.fixture
def phone(context_factory):
    return context_factory(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True).new_page()


@pytest.fixture
def desktop(context_factory):
    return context_factory(viewport={"width": 1280, "height": 800}).new_page()


def test_wrong_answer_then_right_answers_give_the_score(phone, site_url):
    page = phone
    quiz = load_quiz(COURSE, LESSON)
    page.goto(site_url + LESSON_PATH)
    first = page.locator(".lx-question").first
    yaml_q = quiz["questions"][int(first.get_attribute("data-q"))]
    assert first.locator("details.lx-answer").is_hidden()          # with JS the answer waits for a check

    answer(page, quiz, rightly=False, only=0)
    first.locator("[data-lx-check]").click()
    feedback = first.locator(".lx-feedback")
    assert feedback.is_visible()
    assert "答错了" in feedback.inner_text()
    assert yaml_q["explain"]["zh"] in feedback.inner_text()
    assert first.locator(".lx-choice.is-wrong").count() == 1
    page.wait_for_function("document.querySelector('[data-lx-live]').textContent.startsWith('第 1 题: ✗ 答错了')")

    answer(page, quiz, rightly=True, only=0)
    assert feedback.is_hidden()                                    # a changed answer is not yet checked
    first.locator("[data-lx-check]").click()
    assert "答对了" in feedback.inner_text()

    answer(page, quiz, rightly=True)
    page.locator("[data-lx-check-all]").click()
    total = len(quiz["questions"])
    result = page.locator(".lx-quiz__result")
    assert f"{total} / {total}" in result.inner_text() and "100%" in result.inner_text()
    assert "lx-quiz__result--passed" in result.get_attribute("class")
    assert page.evaluate("document.activeElement.classList.contains('lx-quiz__result')")

    page.locator("[data-lx-reset]").click()
    assert result.inner_text() == ""
    assert page.locator(".lx-quiz input:checked").count() == 0
    assert page.locator(".lx-feedback:visible").count() == 0


def test_a_failing_score_is_not_a_pass(phone, site_url):
    page = phone
    quiz = load_quiz(COURSE, LESSON)
    page.goto(site_url + LESSON_PATH)
    answer(page, quiz, rightly=False)
    page.locator("[data-lx-check-all]").click()
    result = page.locator(".lx-quiz__result")
    assert "0%" in result.inner_text() and "还没有通过" in result.inner_text()
    assert page.locator(".lx-question.is-wrong").count() == len(quiz["questions"])
    page.goto(site_url + COURSE_PATH)
    status = page.locator(f'li[data-lesson="{COURSE}/{LESSON}"] [data-lx-status]')
    assert "未通过" in status.inner_text()


def test_progress_survives_reload_and_language_switch(phone, site_url):
    page = phone
    quiz = load_quiz(COURSE, LESSON)
    page.goto(site_url + LESSON_PATH)
    answer(page, quiz)
    page.locator("[data-lx-check-all]").click()
    page.locator(".lx-lesson .lx-toolbar__back").click()
    page.wait_for_url("**" + COURSE_PATH)
    status = page.locator(f'li[data-lesson="{COURSE}/{LESSON}"] [data-lx-status]')
    other = page.locator(f'li[data-lesson="{COURSE}/emergency-and-embassy"] [data-lx-status]')
    assert "已通过" in status.inner_text() and "100%" in status.inner_text()
    assert "未做自测" in other.inner_text()
    assert "1 / 2" in page.locator("[data-lx-course-progress]").inner_text()

    page.reload()
    assert "已通过" in status.inner_text()
    page.locator("[data-lx-lang-switch]").click()
    page.wait_for_url("**/en" + COURSE_PATH)
    assert "Passed" in status.inner_text() and "100%" in status.inner_text()
    assert "1 of 2" in page.locator("[data-lx-course-progress]").inner_text()
    page.goto(site_url + "/en" + LESSON_PATH)
    assert "You have passed" in page.locator("[data-lx-best]").inner_text()


def test_every_sample_quiz_can_be_passed_on_a_phone(phone, site_url):
    page = phone
    lessons = quizzed_lessons()
    assert len(lessons) >= 10
    for course, lesson, _ in lessons:
        page.goto(f"{site_url}/courses/{course}/{lesson}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], lesson
        answer(page, load_quiz(course, lesson))
        page.locator("[data-lx-check-all]").click()
        assert "lx-quiz__result--passed" in page.locator(".lx-quiz__result").get_attribute("class"), lesson
    for course in sorted({c for c, _, _ in lessons}):
        page.goto(f"{site_url}/en/courses/{course}/")
        statuses = page.locator("li[data-has-quiz] [data-lx-status]")
        assert statuses.count() > 0
        assert all("Passed" in s for s in statuses.all_inner_texts()), course
        assert "lx-course-progress--done" in page.locator("[data-lx-course-progress]").get_attribute("class")


def test_shuffle_happens_in_the_browser_and_the_html_keeps_yaml_order(phone, site_url, built_site):
    html = (built_site / LESSON_PATH.strip("/") / "index.html").read_text("utf-8")
    quiz = load_quiz(COURSE, LESSON)
    assert quiz["shuffle"] is True
    static = re.findall(r'class="lx-question"[^>]*data-q="(\d+)"', html)
    assert static == [str(i) for i in range(len(quiz["questions"]))]
    assert quiz["questions"][0]["prompt"]["zh"] in html
    orders = set()
    for _ in range(3):
        phone.goto(site_url + LESSON_PATH)
        order = tuple(phone.locator(".lx-question").evaluate_all(
            "els => els.map(e => e.dataset.q + ':' + [...e.querySelectorAll('input')].map(i => i.value).join(''))"))
        assert sorted(o.split(":")[0] for o in order) == sorted(static)
        orders.add(order)
    assert len(orders) > 1 or next(iter(orders)) != tuple(static)
    # Numbers follow the shown order, and the answer key follows the shuffle.
    nums = phone.locator(".lx-question__num").all_inner_texts()
    assert nums == [f"{i + 1}." for i in range(len(nums))]
    key = phone.locator(".lx-key > li").evaluate_all("els => els.map(e => e.dataset.q)")
    assert key == [o.split(":")[0] for o in order]


def test_without_javascript_answers_are_in_details(context_factory, site_url):
    page = context_factory(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(site_url + LESSON_PATH)
    quiz = load_quiz(COURSE, LESSON)
    details = page.locator("details.lx-answer")
    assert details.count() == len(quiz["questions"])
    assert details.first.is_visible()
    details.first.locator("summary").click()
    assert quiz["questions"][0]["explain"]["zh"] in details.first.inner_text()
    assert page.locator(".lx-quiz input").count() == 0
    for hidden in ["[data-lx-classroom]", ".lx-quiz__controls", "[data-lx-check]", ".lx-answer-key"]:
        assert page.locator(hidden).first.is_hidden(), hidden


@pytest.mark.parametrize("lang", ["", "/en"])
def test_print_is_a_handout_then_a_worksheet_then_the_answer_key(desktop, site_url, lang):
    page = desktop
    page.goto(site_url + lang + LESSON_PATH)
    assert page.locator(".lx-answer-key").is_hidden()                 # never on screen
    # the full text (the "print full text" button); the default handout: test_lesson_pages.py
    page.evaluate("document.documentElement.setAttribute('data-lx-print', 'full')")
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".lx-toolbar",
                   ".lx-quiz__controls", "[data-lx-check]"]:
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator("details.lx-answer:visible").count() == 0
    key = page.locator(".lx-answer-key")
    assert key.is_visible()
    # The key is the lesson's last section and starts a page; the worksheet starts one too.
    assert page.evaluate("document.querySelector('.lx-lesson').lastElementChild.classList.contains('lx-answer-key')")
    assert key.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    assert page.locator(".lx-quiz").evaluate("e => getComputedStyle(e).breakBefore") == "page"
    assert page.locator(".lx-worksheet__fields").is_visible()
    # Each key entry gives the letters the worksheet shows for the right choices.
    quiz = load_quiz(COURSE, LESSON)
    questions = page.locator(".lx-question")
    for n in range(questions.count()):
        li = questions.nth(n)
        q = quiz["questions"][int(li.get_attribute("data-q"))]
        entry = key.locator("li").nth(n)
        assert entry.get_attribute("data-q") == li.get_attribute("data-q")
        if q["type"] != "truefalse":
            right = right_choices(q)
            letters = [li.locator(".lx-choices > li").nth(i).locator(".lx-choice__letter").inner_text().rstrip(".")
                       for i in range(li.locator(".lx-choices > li").count())
                       if li.locator("input").nth(i).get_attribute("value") in right]
            assert entry.locator(".lx-key__answer").inner_text() == ", ".join(letters)
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_keyboard_only_completion(desktop, site_url):
    """Tab moves, Space ticks, Enter presses buttons. Within a radio group the arrow keys move
    the choice, as in every native radio group; the first run needs only Tab, Space and Enter."""
    page = desktop
    quiz = load_quiz(COURSE, LESSON)
    page.goto(site_url + LESSON_PATH)
    focus = """() => { const e = document.activeElement, q = e.closest('.lx-question');
      return {type: e.type || '', value: e.value || '', q: q ? q.dataset.q : null,
              role: e.hasAttribute('data-lx-check') ? 'check' : e.hasAttribute('data-lx-check-all') ? 'all' : '',
              outline: getComputedStyle(e).outlineStyle, inQuiz: !!e.closest('#quiz')}; }"""

    def run(rightly: bool, arrows: bool) -> None:
        for _ in range(400):
            page.keyboard.press("Tab")
            f = page.evaluate(focus)
            if f["inQuiz"] and f["type"] in ("radio", "checkbox"):
                break
        else:
            pytest.fail("Tab never reached the quiz")
        for _ in range(200):
            assert f["outline"] != "none", f                              # focus is visible
            if f["role"] == "all":
                page.keyboard.press("Enter")
                return
            right = right_choices(quiz["questions"][int(f["q"])]) if f["q"] is not None else set()
            if f["type"] == "radio":
                group = page.evaluate("() => [...document.activeElement.closest('.lx-choices')"
                                      ".querySelectorAll('input')].map(i => i.value)")
                target = next(i for i, v in enumerate(group) if v in right) if rightly and arrows else 0
                page.keyboard.press("Space")
                for _ in range(target):
                    page.keyboard.press("ArrowDown")
            elif f["type"] == "checkbox" and (f["value"] in right) == rightly:
                page.keyboard.press("Space")
            elif f["role"] == "check":
                page.keyboard.press("Enter")
                assert page.locator(f'.lx-question[data-q="{f["q"]}"] .lx-feedback').is_visible()
            page.keyboard.press("Tab")
            f = page.evaluate(focus)
        pytest.fail("never reached the check-all button")

    run(rightly=True, arrows=False)                                      # Tab, Space, Enter only
    result = page.locator(".lx-quiz__result")
    assert re.search(r"\d+ / \d+", result.inner_text())
    assert page.evaluate("document.activeElement.classList.contains('lx-quiz__result')")
    assert page.locator(".lx-question.is-right, .lx-question.is-wrong").count() == len(quiz["questions"])

    page.reload()
    run(rightly=True, arrows=True)
    assert "lx-quiz__result--passed" in result.get_attribute("class")


@pytest.mark.parametrize("lang", ["", "/en"])
def test_axe_finds_no_serious_problem_on_a_lesson(desktop, site_url, lang):
    page = desktop
    page.goto(site_url + lang + LESSON_PATH)
    quiz = load_quiz(COURSE, LESSON)
    answer(page, quiz, rightly=False, only=0)
    page.locator(".lx-question").first.locator("[data-lx-check]").click()
    answer(page, quiz, rightly=True, only=1)
    page.locator("[data-lx-check-all]").click()
    violations = Axe().run(page).response["violations"]
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
           if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_tap_targets_and_text_size_on_a_phone(phone, site_url):
    page = phone
    for path in [LESSON_PATH, COURSE_PATH, "/en" + LESSON_PATH]:
        page.goto(site_url + path)
        if page.locator(".lx-quiz").count():
            page.locator("[data-lx-check-all]").click()               # feedback shown too
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        small = page.evaluate("""() => [...document.querySelectorAll(
              '.lx-quiz *, .lx-toolbar *, .lx-lessons *, .lx-course-progress, .lx-plan *')]
            .filter(e => e.offsetParent !== null && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .filter(e => parseFloat(getComputedStyle(e).fontSize) < 16)
            .map(e => e.tagName + '.' + e.className + ' ' + getComputedStyle(e).fontSize)""")
        assert small == [], path
        tiny = page.evaluate("""() => [...document.querySelectorAll(
              '.lx-page button, .lx-page label.lx-choice, .lx-lessons a, .lx-toolbar a')]
            .filter(e => e.offsetParent !== null)
            .filter(e => e.getBoundingClientRect().height < 44 || e.getBoundingClientRect().width < 44)
            .map(e => e.tagName + ' ' + e.textContent.trim().slice(0, 20))""")
        assert tiny == [], path


def test_classroom_mode_is_remembered_and_easy_to_leave(desktop, site_url):
    page = desktop
    page.goto(site_url + LESSON_PATH)
    button = page.locator("[data-lx-classroom]")
    size = page.locator(".lx-lesson__body p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    button.click()
    assert page.locator("html.lx-classroom").count() == 1
    for chrome in [".md-header", ".md-sidebar--primary", ".md-footer"]:
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator(".lx-lesson__body p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") > size * 1.3
    assert button.is_visible() and "Esc" in button.inner_text()
    page.mouse.wheel(0, 3000)
    assert button.is_visible()                                        # fixed: stays on screen while scrolling

    page.goto(site_url + "/en" + COURSE_PATH)                         # remembered across pages and languages
    assert page.locator("html.lx-classroom").count() == 1
    page.keyboard.press("Escape")
    assert page.locator("html.lx-classroom").count() == 0
    assert page.locator(".md-header").is_visible()
    page.reload()
    assert page.locator("html.lx-classroom").count() == 0


def test_quiz_and_progress_work_offline_from_file_urls(context_factory, built_site, tmp_path):
    """The offline bundle is opened from disk (file://): no fetch, no modules, relative URLs."""
    bundle = built_site / "offline" / "courses-offline.zip"
    root = built_site
    if bundle.exists():
        root = tmp_path / "offline"
        zipfile.ZipFile(bundle).extractall(root)
        root = root / "courses-offline"                # the zip unpacks into one folder
    page = context_factory(viewport=PHONE).new_page()
    errors = []
    page.on("pageerror", lambda e: "quiz.js" in (e.stack or "") and errors.append(e.stack))
    page.goto((root / LESSON_PATH.strip("/") / "index.html").as_uri())
    answer(page, load_quiz(COURSE, LESSON))
    page.locator("[data-lx-check-all]").click()
    assert "lx-quiz__result--passed" in page.locator(".lx-quiz__result").get_attribute("class")
    page.goto((root / COURSE_PATH.strip("/") / "index.html").as_uri())
    status = page.locator(f'li[data-lesson="{COURSE}/{LESSON}"] [data-lx-status]')
    assert "已通过" in status.inner_text()
    if bundle.exists():
        page.locator("[data-lx-lang-switch]").click()
        page.wait_for_url("**/en/courses/**")
        assert "Passed" in status.inner_text()
    assert errors == []
