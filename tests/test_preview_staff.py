"""`serve` as staff use it: a blank new order does not freeze the preview, and Ctrl+C stops
it with one bilingual line.

serve runs as a real process in a session of its own; Ctrl+C is sent to the whole process
group, as a terminal does (its MkDocs workers get it too)."""
from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, TODAY

NEW = "sg-2026-0199"


def _lines(stream, into: queue.Queue, seen: list):
    for line in iter(stream.readline, ""):
        seen.append(line)
        into.put(line)


class Serve:
    def __init__(self, tree, wait: bool = True):
        self.seen: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(tree), "serve", "--port", "0", "--today", TODAY],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
            start_new_session=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=_lines, args=(self.proc.stdout, self.lines, self.seen), daemon=True).start()
        self.url = self.wait_for(r"Preview: (http://127\.0\.0\.1:\d+/)", 240)[1] if wait else ""

    def wait_for(self, pattern: str, seconds: float) -> re.Match:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            if m := re.search(pattern, line):
                return m
        raise AssertionError(f"no {pattern!r} in serve's output:\n{''.join(self.seen)}")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def rebuilt_after(self, change) -> None:
        generation = self.get("__preview__/generation")
        change()
        deadline = time.monotonic() + 180
        while self.get("__preview__/generation") == generation:
            assert time.monotonic() < deadline, "".join(self.seen)
            time.sleep(0.5)

    def ctrl_c(self) -> str:
        """Ctrl+C as a terminal sends it: to every process of the foreground group."""
        os.killpg(self.proc.pid, signal.SIGINT)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            raise
        time.sleep(0.5)                       # the reader thread drains the pipe
        return "".join(self.seen)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def _banner(page: str) -> str:
    m = re.search(r'<div class="admonition danger lx-preview-banner".*?</ul>', page, re.S)
    return m[0] if m else ""


def test_a_blank_new_order_has_its_own_page_and_the_rest_keeps_updating(tree, cli):
    serve = Serve(tree)
    try:
        serve.rebuilt_after(lambda: cli("--root", tree, "new", "job", NEW))
        # Everything else is served as before, without a banner.
        jobs = serve.get("jobs/")
        assert "lx-preview-banner" not in jobs and "sg-2026-0102" in jobs
        assert "lx-preview-banner" not in serve.get("jobs/sg-2026-0102/")
        # The incomplete order's page lists what to fill in, in the language of the page.
        zh, en = _banner(serve.get(f"jobs/{NEW}/")), _banner(serve.get(f"en/jobs/{NEW}/"))
        assert 'data-preview-banner="incomplete"' in zh and 'lang="en"' in serve.get(f"en/jobs/{NEW}/")
        for banner in (zh, en):
            assert f"content/jobs/{NEW}.yml:" in banner
            assert "中介机构是空的" in banner and "agency is empty" in banner
        assert "还没" in zh and "not complete" in en
        assert "md-header" in serve.get(f"jobs/{NEW}/")          # inside the site's frame, navigation kept
        # An edit to another order still reaches the preview.
        other = tree / "content/jobs/sg-2026-0102.yml"
        serve.rebuilt_after(lambda: other.write_text(
            other.read_text("utf-8").replace("positions: ", "positions: 7", 1), "utf-8"))
        assert "lx-preview-banner" not in serve.get("jobs/")
        # A mistake outside the job orders still stops the rebuild, and every page says why.
        serve.rebuilt_after(lambda: (tree / "content/agencies.yml").write_text("- id: [\n", "utf-8"))
        assert 'data-preview-banner="failed"' in serve.get("jobs/")
    finally:
        serve.stop()


@pytest.mark.parametrize("when", ["serving", "starting"])
def test_ctrl_c_stops_serve_with_one_line_in_both_languages(tree, when):
    """While serving, and while still starting (importing, spawning the MkDocs workers)."""
    serve = Serve(tree, wait=when == "serving")
    try:
        time.sleep(1 if when == "serving" else 2.5)
        before = len(serve.seen)
        serve.ctrl_c()
        said = "".join(serve.seen[before:])
    finally:
        serve.stop()
    assert "Traceback" not in said and "KeyboardInterrupt" not in said, said
    after = [l for l in said.splitlines() if l.strip()]
    assert after and re.search(r"[\u4e00-\u9fff]", after[-1]) and re.search(r"[A-Za-z]{4}", after[-1]), said
    assert sum("Preview stopped" in l for l in after) == 1, said                        # said once
    if when == "serving":
        assert len(after) == 1, said
    assert serve.proc.returncode == 0
