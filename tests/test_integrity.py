"""Site integrity: links and anchors resolve, no page asks another origin for anything,
no serious accessibility violation, and the pages satisfy the shipped CSP."""
from __future__ import annotations

import functools
import http.server
import re
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from conftest import ROOT
from generator.publish import csp


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.links.append(a[key])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text("utf-8"))
    return p


def _target(page: Path, url: str, site: Path) -> Path | None:
    path = unquote(urlparse(url).path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return target / "index.html" if target.is_dir() else target


def test_every_internal_link_and_anchor_resolves(built_site):
    parsed = {p: _parse(p) for p in built_site.rglob("*.html")}
    broken = []
    for page, links in parsed.items():
        for url in links.links:
            if re.match(r"^(https?:|mailto:|tel:|data:|javascript:)", url) or url.startswith("//"):
                continue
            base, frag = urldefrag(url)
            target = _target(page, base, built_site) if base else page
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} → {url}")
            elif frag and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if frag not in ids and frag != "__search":
                    broken.append(f"{page.relative_to(built_site)} → {url} (no #{frag})")
    assert broken == []


def _all_pages(site: Path) -> list[str]:
    return sorted("/" + p.parent.relative_to(site).as_posix().removeprefix(".") + "/"
                  for p in site.rglob("index.html"))


@pytest.mark.browser
def test_no_page_requests_another_origin(browser, site_url, built_site):
    pages = [u.replace("//", "/") for u in _all_pages(built_site)]
    assert len(pages) > 80
    context = browser.new_context()
    page = context.new_page()
    origin = urlparse(site_url).netloc
    foreign, failed = [], []
    page.on("request", lambda r: urlparse(r.url).netloc not in (origin, "") and foreign.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    for path in pages:
        page.goto(site_url + path, wait_until="load")
    context.close()
    assert foreign == []
    assert failed == []


AXE_PAGES = ["/", "/jobs/", "/jobs/sg-2026-0101/", "/destinations/jp/",
             "/courses/pre-departure-core/your-contract/", "/courses/destination-singapore/",
             "/wages/"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "/en"])
def test_no_serious_accessibility_violation(browser, site_url, lang):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    context = browser.new_context()
    page = context.new_page()
    problems = []
    for path in AXE_PAGES:
        page.goto(site_url + lang + path)
        results = axe.run(page)
        for v in results.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{lang}{path}: {v['id']} ({v['impact']}): "
                                f"{[n['target'] for n in v['nodes']][:3]}")
    context.close()
    assert problems == []


class _CSPHandler(http.server.SimpleHTTPRequestHandler):
    policy = ""

    def end_headers(self):
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.browser
def test_pages_satisfy_the_content_security_policy(browser, built_site):
    policy = csp.policy(built_site)
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    handler = functools.partial(type("H", (_CSPHandler,), {"policy": policy}), directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    console = []
    page.on("console", lambda m: m.type == "error" and console.append(m.text))
    violations = []
    try:
        for path in ["/", "/jobs/", "/jobs/sg-2026-0101/", "/en/jobs/sg-2026-0101/",
                     "/courses/pre-departure-core/your-contract/", "/en/destinations/dz/", "/404.html",
                     "/search/?q=钢筋", "/en/search/?q=welder", "/verify/?n=WP-2026-0101", "/jobs/?country=SG",
                     "/kiosk/", "/en/kiosk/", "/screen/?lang=en", "/wages/?country=SG"]:
            page.goto(url + path, wait_until="load")
            page.wait_for_timeout(600 if "?" in path else 100)   # let search and filters run
            violations += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
    finally:
        context.close()
        server.shutdown()
    assert violations == []
    assert [c for c in console if "Content Security Policy" in c] == []


def test_nginx_sample_carries_the_current_policy(built_site):
    conf = (ROOT / "deploy/nginx.conf").read_text("utf-8")
    expected = csp.nginx_lines(csp.policy(built_site))
    for line in expected.splitlines():
        assert line in conf, ("deploy/nginx.conf is out of date: build, then run "
                              "`python -m generator.csp site --update deploy/nginx.conf`")
    assert (built_site / "_headers").read_text("utf-8").count("Content-Security-Policy") == 1
