"""`serve`: preview the site on 127.0.0.1, rebuilding when a source file changes.

Each rebuild goes into a fresh folder that the server switches to only on success, so a
half-edited file never takes the preview down: the last good site stays up and the
problems are printed.
"""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .build import build
from .i18n import MissingLabel
from .mkdocs_site import MkDocsFailed
from .problems import InputError, report

WATCHED = ("content", "courses", "theme", "site_config.yml")


class Preview:
    def __init__(self, root: Path, today: dt.date | None):
        self.root, self.today = root, today
        self.workdir = Path(tempfile.mkdtemp(prefix="lx-preview-"))
        self.current: Path | None = None
        self.generation = 0
        self.lock = threading.Lock()

    def rebuild(self) -> bool:
        with self.lock:
            self.generation += 1
            out = self.workdir / f"site-{self.generation}"
            started = time.monotonic()
            try:
                build(self.root, out, self.today or dt.date.today())
            except InputError as exc:
                print(report(exc.problems), file=sys.stderr, flush=True)
                return False
            except (MkDocsFailed, MissingLabel) as exc:
                print(f"构建失败 / Build failed:\n{exc}", file=sys.stderr, flush=True)
                return False
            old, self.current = self.current, out
            if old:
                shutil.rmtree(old, ignore_errors=True)
            print(f"已更新 / Rebuilt in {time.monotonic() - started:.1f} s", flush=True)
            return True


class _Changed(FileSystemEventHandler):
    def __init__(self, root: Path, pending: threading.Event):
        self.root, self.pending = root, pending

    def on_any_event(self, event):
        path = Path(str(event.src_path))
        if event.event_type in ("opened", "closed_no_write"):
            return
        try:
            top = path.resolve().relative_to(self.root).parts[0]
        except (ValueError, IndexError):
            return
        if top in WATCHED and not path.name.startswith("."):
            self.pending.set()


def _handler(preview: Preview):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(preview.current), **kwargs)

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, *args):
            pass
    return Handler


def serve(root: Path, port: int, today: dt.date | None) -> int:
    preview = Preview(root, today)
    if not preview.rebuild():
        print("请先改正以上问题 / Fix the problems above first; watching for changes…", flush=True)
    pending = threading.Event()
    observer = Observer()
    for name in WATCHED:
        target = root / name
        if target.is_dir():
            observer.schedule(_Changed(root, pending), str(target), recursive=True)
    observer.schedule(_Changed(root, pending), str(root), recursive=False)
    observer.start()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(preview))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览地址 / Preview: http://127.0.0.1:{server.server_address[1]}/  (Ctrl+C 退出 / to stop)", flush=True)
    try:
        while True:
            if pending.wait(0.5):
                time.sleep(0.2)          # let an editor finish writing before reading
                pending.clear()
                preview.rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        observer.stop()
        shutil.rmtree(preview.workdir, ignore_errors=True)
    return 0
