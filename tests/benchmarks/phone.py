"""What a phone downloads: Chromium (Playwright) against the built site on 127.0.0.1.

The site is served by http.server from a thread of this process. The server records the
body of every response it sends; a figure is the sum over a page load of gzip -6 of each
body (what a server with gzip on would send, headers not counted). A response the browser
takes from its cache never reaches the server, so it costs nothing, as on a phone.

Cache headers as a production server would send them (deploy/nginx.conf style): HTML
`no-cache` (revalidated every time), every other file `max-age=86400` (Material's CSS and
JS are fingerprinted; our own CSS, the search index and fonts are cacheable for a day).
Playwright records every response as well, for the per-URL detail.

- first view (a fresh browser, empty cache): home, vacancy list, a job page (Chinese);
- repeat view: in the browser of the job page's first view, another job page;
- search: a fresh browser opens the language's home page, opens the site's search (the
  box in the header, Material's search button, or the link to the search page, whichever
  the page has), types the query, waits until the results and the network settle.
  Counted: every response from the moment the search is opened (the search page, its
  script, the index chunks and result fragments) plus every response during the home
  page's load whose path names a search resource (search, pagefind, lunr, worker: an
  index fetched eagerly at page load, as Material's built-in search does). Works for
  Material's built-in search and for Pagefind.
"""
from __future__ import annotations

import gzip
import http.server
import re
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

CHROMIUM = "/usr/bin/chromium"
PHONE = dict(viewport={"width": 360, "height": 780}, device_scale_factor=2, is_mobile=True, has_touch=True)
SEARCH_PATH = re.compile(r"search|pagefind|lunr|worker", re.I)
SEARCH_INPUTS = ["input.md-search__input", ".pagefind-ui__search-input", "input[type=search]", "input[name=query]"]
SEARCH_TOGGLES = ["label.md-header__button[for=__search]", "label[for=__search]", "[data-lx-search-toggle]"]
SEARCH_LINKS = ["a.lx-search-link", "a[href$='search/']", "a[href*='search']"]
RESULTS = [".md-search-result__item", ".pagefind-ui__result", "[data-lx-search-result]", "#lx-search-results li"]
RESULTS_META = [".md-search-result__meta", ".pagefind-ui__message", "#lx-search-status"]


class Server:
    """A static server for `root` that records what it sends."""

    def __init__(self, root: Path):
        self.root, self.log, self._gz_cache = root, [], {}
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def end_headers(self):
                path = urlparse(self.path).path
                html = path.endswith("/") or path.endswith(".html")
                self.send_header("Cache-Control", "no-cache" if html else "max-age=86400")
                super().end_headers()

            def send_response(self, code, message=None):
                self._code = code
                super().send_response(code, message)

            def copyfile(self, source, outputfile):
                body = source.read()
                outputfile.write(body)
                server.log.append({"t": time.monotonic(), "path": unquote(urlparse(self.path).path),
                                   "status": getattr(self, "_code", 0), "bytes": len(body),
                                   "gz": server.gz(body)})

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def gz(self, body: bytes) -> int:
        key = hash(body)
        if key not in self._gz_cache:
            self._gz_cache[key] = len(gzip.compress(body, compresslevel=6, mtime=0))
        return self._gz_cache[key]

    def mark(self) -> int:
        return len(self.log)

    def since(self, mark: int) -> list[dict]:
        return list(self.log[mark:])

    def quiet(self, seconds: float = 0.7, timeout: float = 60) -> None:
        """Wait until the server has sent nothing for `seconds`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            last = self.log[-1]["t"] if self.log else 0
            if time.monotonic() - last >= seconds:
                return
            time.sleep(0.1)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def kind(path: str) -> str:
    if path.endswith("/") or path.endswith(".html"):
        return "html"
    if SEARCH_PATH.search(path):
        return "search"
    ext = path.rsplit(".", 1)[-1].lower()
    return {"css": "css", "js": "js", "woff": "font", "woff2": "font", "ttf": "font", "otf": "font",
            "png": "image", "jpg": "image", "jpeg": "image", "svg": "image", "webp": "image", "gif": "image",
            "ico": "image"}.get(ext, "other")


def summarise(entries: list[dict]) -> dict:
    sent = [e for e in entries if e["status"] == 200]
    by_kind: dict[str, int] = {}
    for e in sent:
        by_kind[kind(e["path"])] = by_kind.get(kind(e["path"]), 0) + e["gz"]
    return {"total_gz": sum(e["gz"] for e in sent), "raw": sum(e["bytes"] for e in sent),
            "responses": len(sent), "by_kind_gz": dict(sorted(by_kind.items())),
            "files": [[e["path"], e["gz"]] for e in sent]}


def _load(page, server: Server, url: str, responses: list) -> dict:
    mark, seen = server.mark(), len(responses)
    page.goto(url, wait_until="networkidle", timeout=180_000)
    server.quiet()
    out = summarise(server.since(mark))
    path = urlparse(url).path
    out["html_gz"] = sum(e["gz"] for e in server.since(mark) if e["path"] == path and e["status"] == 200)
    out["browser_responses"] = len(responses) - seen
    return out


def _first_visible(page, selectors: list[str]):
    for sel in selectors:
        loc = page.locator(sel)
        for i in range(loc.count()):
            if loc.nth(i).is_visible():
                return loc.nth(i)
    return None


def _search(browser, server: Server, lang_root: str, query: str, timeout_s: float) -> dict:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        mark = server.mark()
        page.goto(server.url + lang_root, wait_until="networkidle", timeout=180_000)
        server.quiet()
        action_at = time.monotonic()         # from here on, everything is for the search
        box = _first_visible(page, SEARCH_INPUTS)
        if box is None:
            toggle = _first_visible(page, SEARCH_TOGGLES)
            if toggle is not None:           # Material: the box opens from the header button
                toggle.click()
                page.wait_for_timeout(300)
            else:
                link = _first_visible(page, SEARCH_LINKS)
                if link is None:
                    raise RuntimeError(f"no search box, search button or search link on {lang_root}")
                link.click()                 # a search page (Pagefind): its box is made by script
                page.wait_for_load_state("networkidle", timeout=180_000)
            deadline = time.monotonic() + 30
            while box is None and time.monotonic() < deadline:
                box = _first_visible(page, SEARCH_INPUTS)
                if box is None:
                    page.wait_for_timeout(100)
            if box is None:
                raise RuntimeError(f"the search box did not appear from {lang_root}")
        box.click()
        typed_at = time.monotonic()
        page.keyboard.type(query, delay=50)
        # Characters typed through an input method arrive without key events; a key press
        # after them is what a phone's keyboard sends, and what Material listens to.
        page.keyboard.press("End")
        found = None
        while time.monotonic() - typed_at < timeout_s:
            found = next((sel for sel in RESULTS if page.locator(sel).count() > 0), None)
            if found:
                break
            page.wait_for_timeout(100)
        seconds = time.monotonic() - typed_at
        # Results fill in as their fragments arrive: wait until the count and the network settle.
        results, stable_since = -1, time.monotonic()
        while found and time.monotonic() - stable_since < 1.0 and time.monotonic() - typed_at < timeout_s:
            count = page.locator(found).count()
            if count != results:
                results, stable_since = count, time.monotonic()
            page.wait_for_timeout(100)
        server.quiet(1.0)
        results = page.locator(found).count() if found else 0
        meta = ""
        for sel in RESULTS_META:
            if page.locator(sel).count():
                meta = page.locator(sel).first.inner_text().strip()
                break
        entries = server.since(mark)
        counted = [e for e in entries if SEARCH_PATH.search(e["path"]) or e["t"] >= action_at]
        out = summarise(counted)
        out.update(query=query, lang_root=lang_root, results=results, results_text=meta, engine=(
            "pagefind" if any("pagefind" in e["path"] for e in counted) else
            "ours" if any("/search/index/" in e["path"] for e in counted) else
            "material" if any("search_index" in e["path"] for e in counted) else "other"),
            seconds_to_results=round(seconds, 2) if found else None,
            session_total_gz=summarise(entries)["total_gz"])
        return out
    finally:
        context.close()


def measure(site: Path, job_paths: list[str], searches: list[tuple[str, str]], search_timeout_s: float = 120) -> dict:
    """All phone figures for one built site. `job_paths`: two job pages, e.g. jobs/x/."""
    from playwright.sync_api import sync_playwright

    server = Server(site)
    out: dict = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox",
                                        "--disable-background-networking", "--disable-component-update"])
            try:
                for name, path in (("home", ""), ("jobs", "jobs/"), ("job", job_paths[0])):
                    context = browser.new_context(**PHONE)
                    responses: list = []
                    context.on("response", lambda r, responses=responses: responses.append(r.url))
                    page = context.new_page()
                    out[f"first_view_{name}"] = _load(page, server, f"{server.url}/{path}", responses)
                    if name == "job":
                        out["repeat_view_job"] = _load(page, server, f"{server.url}/{job_paths[1]}", responses)
                    context.close()
                out["search"] = {f"{'zh' if root == '/' else 'en'}:{q}": _search(browser, server, root, q,
                                                                                    search_timeout_s)
                                 for root, q in searches}
            finally:
                browser.close()
    finally:
        server.close()
    index = {}
    for lang, prefix in (("zh", ""), ("en", "en/")):     # Material's built-in search
        f = site / prefix / "search" / "search_index.json"
        if f.is_file():
            body = f.read_bytes()
            index[f"material_{lang}"] = {"raw": len(body), "gz": len(gzip.compress(body, compresslevel=6, mtime=0))}
    for bundle in sorted(site.glob("**/pagefind")):          # Pagefind: many small, already compressed files
        if bundle.is_dir():
            files = [f for f in bundle.rglob("*") if f.is_file()]
            index[f"pagefind:{bundle.relative_to(site).as_posix()}"] = {
                "files": len(files), "raw": sum(f.stat().st_size for f in files),
                "index_chunks": sum(1 for f in files if f.suffix == ".pf_index"),
                "fragments": sum(1 for f in files if f.suffix == ".pf_fragment")}
    for bundle in sorted(site.glob("**/search/index")):      # our own (generator/publish/search_index.py)
        files = [f for f in bundle.rglob("*") if f.is_file()]
        index[f"ours:{bundle.relative_to(site).as_posix()}"] = {
            "files": len(files), "raw": sum(f.stat().st_size for f in files)}
    index["total_raw"] = sum(v["raw"] for v in index.values())
    out["search_index"] = index
    return out
