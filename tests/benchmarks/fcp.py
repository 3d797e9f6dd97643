"""First contentful paint of a page on an emulated slow 3G phone, through Chromium's
DevTools protocol (issue 14).

    python -m tests.benchmarks.fcp SITE jobs/<id>/ [more paths] [--runs 3]

The built site is served from 127.0.0.1 gzip-compressed (level 6, as the sample nginx
configuration does) with production cache headers. Each run is a fresh browser context
(empty cache) at 360×780, with `Network.emulateNetworkConditions` at 400 kbit/s down and
up with 400 ms round trip, and `Emulation.setCPUThrottlingRate` 4 (four times slower
CPU). The figure is the browser's own `first-contentful-paint` entry; the median of the
runs is reported. Load on the machine slows the emulated CPU further: record `uptime`.
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from .phone import CHROMIUM, PHONE

KBIT = 1000 / 8          # bytes per second in one kbit/s
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * KBIT, "uploadThroughput": 400 * KBIT}
CPU_SLOWDOWN = 4
_FCP = """() => new Promise(resolve => {
  const found = performance.getEntriesByName('first-contentful-paint')[0];
  if (found) return resolve(found.startTime);
  new PerformanceObserver(list => {
    const e = list.getEntriesByName('first-contentful-paint')[0];
    if (e) resolve(e.startTime);
  }).observe({type: 'paint', buffered: true});
  setTimeout(() => resolve(null), 60000);
})"""


class GzipServer:
    def __init__(self, root: Path):
        cache: dict = {}

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def do_GET(self):
                path = unquote(urlparse(self.path).path)
                file = root / path.lstrip("/")
                if file.is_dir():
                    file = file / "index.html"
                if not file.is_file():
                    return self.send_error(404)
                if file not in cache:
                    cache[file] = gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)
                body = cache[file]
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(file)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-cache" if file.suffix == ".html" else "max-age=86400")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


def measure(site: Path, paths: list[str], runs: int = 3) -> dict:
    from playwright.sync_api import sync_playwright
    server = GzipServer(site)
    out = {"network": SLOW_3G, "cpu_slowdown": CPU_SLOWDOWN, "runs": runs, "pages": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM)
            for path in paths:
                times = []
                for _ in range(runs):
                    context = browser.new_context(**PHONE)
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Network.enable")
                    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                    page.goto(f"{server.url}/{path}", wait_until="load", timeout=180_000)
                    fcp = page.evaluate(_FCP)
                    times.append(round(fcp / 1000, 3) if fcp is not None else None)
                    context.close()
                done = [t for t in times if t is not None]
                out["pages"][path] = {"fcp_s": times, "median_s": statistics.median(done) if done else None}
            browser.close()
    finally:
        server.close()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.benchmarks.fcp", description=__doc__.splitlines()[0])
    p.add_argument("site", type=Path)
    p.add_argument("paths", nargs="+", help="paths inside the site, e.g. jobs/sg-2026-0101/")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args(argv)
    print(json.dumps(measure(args.site.resolve(), args.paths, args.runs), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
