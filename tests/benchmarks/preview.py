"""The preview loop: `serve`, edit one order's title, time until the served page shows it.

Starts `python -m generator --root TREE serve --port P --today …` in its own process
group, waits until it serves the job page, then writes the order with a new title,
approved again (generator.vetting.approve.approved_text: it stays published) in ONE in-place write,
as an editor saving the file does, and polls the Chinese and the English job page over
HTTP every 50 ms until both show the new title.

Then a second edit is written the way the `approve` command writes (a temporary file
renamed over the order, generator.source.yamlwrite.write_atomically) and the same is timed: this
shows whether the preview notices approvals made while it runs.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from generator.source.yamlwrite import write_atomically

from .generate import TODAY, retitle


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(urls_texts: list[tuple[str, str]], timeout_s: float, proc) -> list[float | None]:
    """Seconds until each url shows its text (None if not within the timeout)."""
    started = time.perf_counter()
    seen: list[float | None] = [None] * len(urls_texts)
    while time.perf_counter() - started < timeout_s and None in seen:
        for i, (url, text) in enumerate(urls_texts):
            if seen[i] is None:
                body = _get(url)
                if body is not None and text in body:
                    seen[i] = round(time.perf_counter() - started, 3)
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    return seen


def measure(tree: Path, job_id: str, log: Path, timeout_s: float = 900) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    job_file = tree / "content" / "jobs" / f"{job_id}.yml"
    zh_url, en_url = f"{base}/jobs/{job_id}/", f"{base}/en/jobs/{job_id}/"
    out: dict = {"job": job_id}
    with open(log, "wb") as log_file:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(tree), "serve", "--port", str(port),
                                 "--today", TODAY.isoformat()], stdout=log_file, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        first = _wait_for([(zh_url, ""), (en_url, "")], timeout_s, proc)
        if None in first:
            raise RuntimeError(f"serve did not serve {zh_url} within {timeout_s} s; see {log}")
        out["first_serve_s"] = round(time.perf_counter() - started, 3)
        time.sleep(1.0)                  # let the watcher settle

        # 1. an editor's save: the file is rewritten in place
        zh, en = "预览测试工种一号", "Preview test trade one"
        text = retitle(job_file, zh, en)
        with open(job_file, "w", encoding="utf-8") as f:
            f.write(text)
        seen = _wait_for([(zh_url, zh), (en_url, en)], timeout_s, proc)
        out["edit_visible_zh_s"], out["edit_visible_en_s"] = seen
        out["edit_visible_s"] = max(seen) if None not in seen else None
        time.sleep(1.0)

        # 2. the `approve` command's way of writing: temporary file renamed over the order
        zh2, en2 = "预览测试工种二号", "Preview test trade two"
        text = retitle(job_file, zh2, en2)
        wait = max(20.0, 3 * (out["edit_visible_s"] or 20.0))
        write_atomically(job_file, text)
        seen = _wait_for([(zh_url, zh2), (en_url, en2)], wait, proc)
        out["atomic_write_visible_s"] = max(seen) if None not in seen else None
        out["atomic_write_waited_s"] = round(wait, 1)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGINT)     # the group we started: serve and its MkDocs builds
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
    rebuilt = [float(line.split("Rebuilt in")[1].split()[0]) for line in log.read_text("utf-8", "replace").splitlines()
               if "Rebuilt in" in line]
    out["rebuilds_reported_s"] = rebuilt
    return out
