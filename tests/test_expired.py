"""A build after an order's apply_by: a worker who checks its number is told it was
approved but applications have closed, in both languages (not "never approved")."""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading

import pytest
import yaml

from conftest import ARTIFACTS, ROOT, _QuietHandler
from generator.cli import main

pytestmark = pytest.mark.browser
JOB = "jp-2026-0201"
ORDER = yaml.safe_load((ROOT / f"content/jobs/{JOB}.yml").read_text("utf-8"))
LATER = ORDER["apply_by"] + dt.timedelta(days=1)      # the first day it is past its closing date


def _label(lang: str, key: str) -> str:
    return yaml.safe_load((ROOT / f"theme/i18n/worker.{lang}.yml").read_text("utf-8"))[key]


@pytest.fixture(scope="module")
def later_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("later")
    out = base / "site"
    assert main(["--root", str(ROOT), "build", "--out", str(out), "--today", LATER.isoformat(),
                 "--report-dir", str(base / "reports")]) == 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("lang,prefix", [("zh", ""), ("en", "/en")])
def test_verify_says_an_expired_order_has_closed(browser, later_site, lang, prefix):
    assert ORDER["status"] == "open" and ORDER["filing"]["approved_on"] < LATER
    page = browser.new_page()
    try:
        page.goto(f"{later_site}{prefix}/verify/?n={ORDER['filing']['number'].lower()}")
        verdict = page.locator("#lx-verify-result .lx-verify__verdict")
        verdict.wait_for()
        assert verdict.inner_text() == _label(lang, "verify_expired")
        assert "lx-verify--warn" in page.locator("#lx-verify-result").get_attribute("class")
        shown = page.locator("#lx-verify-result").inner_text()
        assert ORDER["title"][lang] in shown and ORDER["apply_by"].isoformat() in shown
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"verify-expired-{lang}.png")
        # still a genuine order: the link leads to its page
        page.locator("#lx-verify-result a").click()
        page.wait_for_url(f"**{prefix}/jobs/{JOB}/")
    finally:
        page.close()
