"""Shared fixtures: a copy of the sample tree to break, the CLI, a built site, a server."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-21"
SOURCES = ("content", "courses", "theme", "site_config.yml")
ARTIFACTS = ROOT / "tests" / "artifacts"
DEMO_KEY = ROOT / "demo-keys" / "DEMO-reviewer_ed25519"
DEMO = "demo-reviewer"


def demo_sign(message: str) -> str:
    """Sign as the sample's demo reviewer, as `approve --by demo-reviewer` would."""
    from generator.vetting import signatures
    return signatures.sign(DEMO_KEY, message)


@pytest.fixture(autouse=True, scope="session")
def _own_signature_cache(tmp_path_factory):
    """Verified signatures are remembered in the user's cache folder: the tests keep theirs apart."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


def with_value(data: dict, path: tuple, value):
    """A deep copy of parsed YAML data with the field at `path` set to `value`, or None if
    it already holds that value (for property tests that change one field at a time)."""
    import copy
    out = copy.deepcopy(data)
    target = out
    for part in path[:-1]:
        target = target[part]
    if target[path[-1]] == value:
        return None
    target[path[-1]] = value
    return out


def copy_tree(dest: Path) -> Path:
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture
def tree(tmp_path) -> Path:
    """A private copy of the sample tree that a test may break."""
    return copy_tree(tmp_path / "tree")


@pytest.fixture
def cli(capsys):
    """Run `python -m generator …` in-process; return (exit code, stdout, stderr)."""
    def run(*args) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    assert main(["--root", str(ROOT), "build", "--out", str(out), "--today", TODAY]) == 0
    return out


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _HallHandler(_QuietHandler):
    """Serves the built site; `server.down` drops every connection unanswered (the hall's
    line is cut), `server.overrides` answers chosen paths with other bytes (a new build)."""
    def handle(self):
        if not self.server.down:
            super().handle()

    def do_GET(self):
        body = self.server.overrides.get(self.path.split("?")[0])
        if body is None:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def hall_server(built_site):
    """A server of its own (a new origin, so no service worker carries over) whose
    connection a test can cut and restore."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_HallHandler,
                                                                                 directory=str(built_site)))
    server.down, server.overrides = False, {}
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's chromium: Playwright's own browser download fails on our machines.
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "args": ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]}
