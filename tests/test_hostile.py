"""Hostile and broken input: no script from YAML ever runs, and no input makes the
generator crash or hang."""
from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
import time
from html import unescape as html_unescape
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import DEMO, ROOT, TODAY, demo_sign
from generator.source import models
from generator.vetting.approve import approved_text
from generator.cli import main
from generator.source.schema_errors import check as schema_check
from generator.library_messages import yaml_text
from generator.source.yamlload import Doc, parse

# Each payload, if it ever runs, sets window.__xss or opens a dialog.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '<svg onload="window.__xss=3"></svg>',
    "<svg><script>window.__xss=4</script></svg>",
    "[click me](javascript:window.__xss=5)",
    '<a href="javascript:window.__xss=6">link</a>',
    '<a href="JaVaScRiPt:window.__xss=7">mixed case</a>',
    '<a href="&#106;avascript:window.__xss=8">entity</a>',
    '<a href="jav&#x09;ascript:window.__xss=9">tab</a>',
    '<iframe src="javascript:parent.__xss=10"></iframe>',
    '<object data="javascript:window.__xss=11"></object>',
    '<embed src="javascript:window.__xss=12">',
    '<form action="javascript:window.__xss=13"><button>go</button></form>',
    '<style>body{background:url("javascript:window.__xss=14")}</style>',
    '<body onload="window.__xss=15">',
    '<div onmouseover="window.__xss=16">hover</div>',
    "</script><script>window.__xss=17</script>",
    "<ScRiPt>window.__xss=18</sCrIpT>",
    "<<script>script>window.__xss=19<</script>/script>",
    "<img src=x onerror=window.__xss=20 //",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data url</a>',
    '<a href="vbscript:msgbox(1)">vbscript</a>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=23">',
    '<details open ontoggle="window.__xss=24">x</details>',
    '<input autofocus onfocus="window.__xss=25">',
    '![img](x" onerror="window.__xss=26)',
    '<video><source onerror="window.__xss=27"></video>',
    '"><script>window.__xss=28</script>',
    "'-alert(29)-'",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=30">',
    '<base href="javascript:/">',
    "%3Cscript%3Ewindow.__xss=32%3C/script%3E",
    '<svg><a xlink:href="javascript:window.__xss=33"><text y="20">svg link</text></a></svg>',
    '<a href="  javascript:window.__xss=34">leading spaces</a>',
    "X{{ 7*7 }}Y",
    "{% raw %}R{% endraw %}",
    "${7*7}#{7*7}",
    "\u202eevil\u202c <!-- comment --> &lt;script&gt;",
]
ALL = " ".join(PAYLOADS)
JOB = "sg-2026-0101"


def _poison(value, skip=()):
    """Every free-text string gets the payloads; ids, codes, URLs and numbers do not."""
    if isinstance(value, dict):
        return {k: (v if k in skip else _poison(v, skip)) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, skip) for v in value]
    if isinstance(value, str):
        return f"{value} {ALL}"
    return value


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import copy_tree
    root = copy_tree(tmp_path_factory.mktemp("hostile") / "tree")
    # a job order: every bilingual text
    path = root / f"content/jobs/{JOB}.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    for key in ("title", "duties", "description"):
        data[key] = _poison(data[key])
    data["employer"]["name"] = _poison(data["employer"]["name"])
    data["employer"]["city"] = _poison(data["employer"]["city"])
    data["wage"]["overtime"] = _poison(data["wage"]["overtime"])
    data["costs"] = [_poison(c, skip=("kind", "currency")) for c in data["costs"]]
    data["requirements"]["skills"] = _poison(data["requirements"]["skills"])
    data["selection"]["method"] = _poison(data["selection"]["method"])
    data["selection"]["place"] = _poison(data["selection"]["place"])
    doc = parse(_dump(data), path.name)
    path.write_text(approved_text(doc, DEMO, dt.date(2026, 11, 20), demo_sign), "utf-8")
    # a lesson: its title, objectives, materials and body; its quiz: every text
    course = root / "courses/destination-singapore"
    cdata = yaml.safe_load((course / "course.yml").read_text("utf-8"))
    lesson = cdata["lessons"][0]
    for key in ("title", "objectives", "materials"):
        lesson[key] = _poison(lesson[key])
    cdata["summary"] = _poison(cdata["summary"])
    (course / "course.yml").write_text(_dump(cdata), "utf-8")
    for lang in ("zh", "en"):
        body = course / f"lessons/{lesson['id']}.{lang}.md"
        body.write_text(body.read_text("utf-8") + "\n\n" + "\n\n".join(PAYLOADS) + "\n", "utf-8")
    quiz = course / f"quizzes/{lesson['quiz']}.yml"
    qdata = yaml.safe_load(quiz.read_text("utf-8"))
    qdata["questions"] = [_poison(q, skip=("type", "correct", "answer")) for q in qdata["questions"]]
    quiz.write_text(_dump(qdata), "utf-8")
    _poison_the_centre(root)
    out = root / "site"
    assert main(["--root", str(root), "build", "--out", str(out), "--today", TODAY,
                 "--report-dir", str(root / "reports")]) == 0
    return out, lesson["id"]


# Not free text: ids, codes, dates, URLs, and phones checked to be in international form.
NOT_TEXT = {"id", "key", "kind", "currency", "work_visas", "course", "cases", "source", "sources", "reviewed_on",
            "verified", "valid_from", "valid_until", "email", "scope", "base_url", "languages", "quiz", "minutes",
            "phone_24h", "backup", "police", "ambulance", "fire", "sample_date", "exchange_rates", "policy",
            "requires", "audience_trades", "order", "lessons_required", "pass_mark", "questions", "correct",
            "level", "per", "regions", "region", "effective_from", "revision_months"}


def _poison_the_centre(root: Path) -> None:
    """Every free-text field of every other file kind: the centre (site name, hotline,
    complaints line, addresses, trades, help abroad), agencies, destinations, reviewers,
    every course and the pages."""
    def rewrite(path: Path, skip=NOT_TEXT, then=lambda data: data):
        data = _poison(yaml.safe_load(path.read_text("utf-8")), skip=skip)
        path.write_text(_dump(then(data)), "utf-8")

    def embassy_phone(data):      # free text; the help lines' phones must be international
        if data.get("embassy"):
            data["embassy"]["phone"] = _poison(data["embassy"]["phone"])
        return data

    rewrite(root / "site_config.yml", skip=NOT_TEXT | {"phone"})     # help_abroad: international phones
    rewrite(root / "content/agencies.yml")
    rewrite(root / "content/reviewers.yml", skip=NOT_TEXT | {"key"})
    for country in sorted((root / "content/countries").glob("*.yml")):
        rewrite(country, skip=NOT_TEXT | {"phone"}, then=embassy_phone)
    for course in sorted((root / "courses").glob("*/course.yml")):
        rewrite(course)
    for page in sorted((root / "content/pages").glob("*.md")):
        page.write_text(page.read_text("utf-8") + "\n\n" + "\n\n".join(PAYLOADS) + "\n", "utf-8")


class _Tags(HTMLParser):
    """Collects what would be live in a browser: elements, attributes, script bodies."""
    def __init__(self):
        super().__init__()
        self.found, self._in_script, self._json = [], False, False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        self._json = tag == "script" and dict(attrs).get("type") in ("application/ld+json", "application/json")
        a = dict(attrs)
        own_form = tag == "form" and (a.get("name") == "search" or (a.get("id") or "").startswith("lx-"))
        if tag in ("iframe", "object", "embed", "form", "base", "style") and not own_form or \
                (tag == "meta" and a.get("http-equiv")):   # Material's search form and our own (lx-…) are allowed
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "data", "xlink:href", "formaction") and value and \
                    re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                self.found.append(f"{tag} {name}={value[:30]}")

    def handle_data(self, data):
        if self._in_script and self._json:
            json.loads(data)     # JSON-LD holds the payloads as data: it must still parse whole
        elif self._in_script and "__xss" in data:
            self.found.append("script body " + data[:30])

    def handle_endtag(self, tag):
        self._in_script = False


def test_sanitised_html_has_no_dangerous_markup(hostile_site):
    out, lesson = hostile_site
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text("utf-8")
        tags = _Tags()
        tags.feed(html)
        assert tags.found == [], page
        assert "X49Y" not in html, page
    # the payloads are on the pages, as text, in both languages
    for lang in ("", "en/"):
        for path in ["", f"jobs/{JOB}/", "jobs/", f"courses/destination-singapore/{lesson}/",
                     "courses/destination-singapore/", "destinations/sg/", "about/", "contact/", "verify/",
                     "wages/", "kiosk/", "404.html"]:
            html = (out / lang / path / ("" if path.endswith(".html") else "index.html")).read_text("utf-8")
            assert "X{{ 7*7 }}Y" in html, lang + path


def _visible(page) -> str:
    """The page's text as a reader sees it: real tags dropped, entities decoded. An
    unescaped payload loses its tags here, so finding it whole means it stayed text."""
    return html_unescape(re.sub(r"<[^>]*>", "", page.read_text("utf-8")))


def test_every_file_kind_reaches_the_pages_as_text(hostile_site):
    out, lesson = hostile_site
    site = yaml.safe_load((ROOT / "site_config.yml").read_text("utf-8"))
    agency = yaml.safe_load((ROOT / "content/agencies.yml").read_text("utf-8"))[0]
    reviewer = yaml.safe_load((ROOT / "content/reviewers.yml").read_text("utf-8"))[0]
    sg = yaml.safe_load((ROOT / "content/countries/SG.yml").read_text("utf-8"))
    course = yaml.safe_load((ROOT / "courses/destination-singapore/course.yml").read_text("utf-8"))
    centre = site["centre"]       # (centre.address is on no page: the pages' own text gives it)
    for lang, prefix in (("zh", ""), ("en", "en/")):
        where = {
            "": [site["site"]["name"][lang], centre["hotline"], centre["complaints"]],
            f"jobs/{JOB}/": [agency["name"][lang], reviewer["name"][lang], site["trades"]["construction"][lang],
                             centre["registration"][lang], centre["hotline"], centre["complaints"]],
            "destinations/sg/": [sg["embassy"]["name"][lang], sg["embassy"]["phone"],
                                 site["help_abroad"]["consular_hotline"]["name"][lang]],
            "cards/sg/": [sg["help"]["rights"][lang][0]],
            "courses/": [course["title"][lang]],
            f"courses/destination-singapore/{lesson}/": [course["lessons"][0]["title"][lang]],
        }
        for path, texts in where.items():
            visible = _visible(out / prefix / path / "index.html")
            for text in texts:
                assert f"{text} {PAYLOADS[0]}" in visible, (lang, path, text)
        about = _visible(out / prefix / "about/index.html")
        assert PAYLOADS[0] in about and "X{{ 7*7 }}Y" in about, lang


@pytest.mark.browser
def test_no_payload_runs_in_the_browser(browser, hostile_site):
    import functools
    import http.server
    import threading
    out, lesson = hostile_site
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors, foreign = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: urlparse(r.url).netloc not in (urlparse(base).netloc, "")
            and foreign.append(r.url))
    try:
        for lang in ("", "/en"):
            for path in ["/", "/jobs/", f"/jobs/{JOB}/", "/courses/destination-singapore/",
                         f"/courses/destination-singapore/{lesson}/", "/destinations/sg/", "/about/",
                         "/cards/sg/", "/verify/?n=WP-2026-0101", "/verify/?n=QH-2019-017", "/verify/?n=WP-0000-0000",
                         "/search/?q=script", "/404.html"]:
                page.goto(base + lang + path, wait_until="load")
                page.mouse.move(10, 300)
                for link in page.locator("article a:visible").all()[:60]:
                    link.hover(timeout=2000, force=True)
                page.wait_for_timeout(300 if "?" in path else 150)
                assert page.evaluate("window.__xss") is None, lang + path
                text = page.locator("body").inner_text()
                assert "X{{ 7*7 }}Y" in text and "X49Y" not in text, lang + path
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []
    assert [e for e in errors if "javascript:" in e or "Refused" in e or "xss" in e] == []
    assert foreign == []


@pytest.mark.browser
def test_no_payload_runs_in_the_hall(browser, hostile_site):
    """The kiosk and the board draw staff texts from JSON with textContent; the wage list
    puts them through Jinja. The poisoned order's card, board row and wage row stay text."""
    import functools
    import http.server
    import threading
    out, _ = hostile_site
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.clock.install(time=dt.datetime.fromisoformat(TODAY + "T09:00:00"))
    try:
        for lang in ("", "/en"):
            page.goto(base + lang + "/kiosk/")
            page.locator(".lx-k__tile--main").click()
            page.locator(".lx-k__tile--all").click()
            page.locator(".lx-k__tile--all").click()
            page.locator(f'.lx-k__job[data-id="{JOB}"]').click()
            card = page.locator("#lx-k-card").inner_text()
            assert "X{{ 7*7 }}Y" in card and "<script" in card, lang
            assert page.evaluate("window.__xss") is None, lang + "/kiosk/"
            page.goto(base + lang + "/screen/?country=SG&seconds=600")
            page.wait_for_selector(f'#lx-s-rows tr[data-id="{JOB}"]')
            assert "X{{ 7*7 }}Y" in page.locator(f'#lx-s-rows tr[data-id="{JOB}"]').inner_text(), lang
            assert page.evaluate("window.__xss") is None, lang + "/screen/"
            page.goto(base + lang + "/wages/")
            page.wait_for_timeout(150)
            assert page.evaluate("window.__xss") is None, lang + "/wages/"
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []


# ---- broken input: the loader and validators never crash or hang ------------------------

SAMPLE = (ROOT / f"content/jobs/{JOB}.yml").read_text("utf-8")


def _no_crash(text: str) -> None:
    started = time.monotonic()
    doc = parse(text, "x.yml")
    if isinstance(doc, Doc):
        value, problems = schema_check(doc, models.Job)
        assert value is not None or problems
        for p in problems:
            assert p.path == "x.yml" and p.line >= 1 and p.zh and p.en
    else:
        assert doc.path == "x.yml" and doc.line >= 1 and doc.zh and doc.en
    assert time.monotonic() - started < 5


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_crashes(text):
    _no_crash(text)


@settings(max_examples=150, deadline=None)
@given(cut=st.integers(0, len(SAMPLE)), length=st.integers(0, 40),
       insert=st.sampled_from(["", ":", "- ", "{", "[", "\t", "  ", "\n", "'", '"', "&a ", "*a", "!!python/object:os.system ",
                               "? ", "|", ">", "%", "@", "`", "\x00", "\ufeff", "2026-02-30", "1e999", "~", "<<: "]))
def test_mutated_job_order_never_crashes(cut, length, insert):
    _no_crash(SAMPLE[:cut] + insert + SAMPLE[cut + length:])


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_a_clear_message(tmp_path_factory, data):
    from generator.source.yamlload import load
    path = tmp_path_factory.mktemp("bytes") / "job.yml"
    path.write_bytes(data)
    result = load(path, "content/jobs/job.yml")
    if not isinstance(result, Doc):
        assert result.path == "content/jobs/job.yml" and result.en


@pytest.mark.parametrize("text,expected", [
    ("a: " + "[" * 5000 + "]" * 5000, "nesting"),          # libyaml refuses this itself (PyYAML ≥ 6.0.4)
    ("a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 200)), "nesting"),   # our own screen
    ("a: &x 1\nb: *x\n", "aliases"),
    ("a: !!python/object/apply:os.system ['echo hi']\n", "tags"),
    ("a: !!python/name:os.system x\n", "tags"),
    ("description: " + "长" * 1_000_000 + "\n", None),
])
def test_pathological_documents(text, expected):
    """Refused with our message in both languages, whichever layer (our screen, libyaml,
    pure-Python PyYAML) noticed; the library's words at most as a detail in English."""
    started = time.monotonic()
    doc = parse(text, "x.yml")
    assert time.monotonic() - started < 10
    if expected:
        assert not isinstance(doc, Doc) and doc.line >= 1
        zh, en = yaml_text(expected)
        assert doc.zh == zh and doc.en.startswith(en.split(" — ")[0]) and doc.en.endswith(en.split(" — ")[1])
    else:
        _no_crash(text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(SAMPLE)), length=st.integers(1, 60))
def test_check_command_on_mutated_files_exits_cleanly(tree, capsys, cut, length):
    (tree / f"content/jobs/{JOB}.yml").write_text(SAMPLE[:cut] + SAMPLE[cut + length:], "utf-8")
    code = main(["--root", str(tree), "check", "--today", TODAY])
    out = capsys.readouterr()
    assert code in (0, 1)
    assert "Traceback" not in out.err
    if code == 1:
        assert re.search(r"^共发现 \d+ 个错误", out.err, re.M)
