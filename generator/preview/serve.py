"""`serve`: preview the site on 127.0.0.1, rebuilding when a source file changes.

Each rebuild goes into a fresh folder that the server switches to only on success, so a
half-edited file never takes the preview down: the last good site stays up and the
problems are printed — and shown in the browser. An order that would be refused gets its
page anyway, with a banner of the same messages `check` prints; while the last rebuild
failed, every page carries that failure's problems. Open pages reload after a rebuild.
Banners are added as pages are sent (banner.py): they never reach a public build.
"""
from __future__ import annotations

import datetime as dt
import http.server
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from generator.library_messages import os_error
from generator.preview import banner as pb
from generator.preview.incremental import IncrementalBuild
from generator.problems import BuildFailed, InputError, report
from generator.source.labels import LANGS, MissingLabel, load_catalogues
from generator.vetting import verdicts

WATCHED = ("content", "courses", "theme", "site_config.yml")


@dataclass(frozen=True)
class Snapshot:
    """What the server shows; replaced whole after each rebuild, so a request never sees
    half of one rebuild and half of another."""
    current: Path | None = None                   # the last good site
    refused: dict = field(default_factory=dict)   # job id -> [Problem], in that site
    incomplete: dict = field(default_factory=dict)  # job id -> [Problem]: unusable, left out of that site
    failure: list | None = None                   # problems of the last rebuild, if it failed
    catalogues: dict | None = None                # labels, lang -> Catalogue
    generation: int = 0


class Preview:
    def __init__(self, root: Path, today: dt.date | None):
        self.root, self.today = root, today
        self.workdir = Path(tempfile.mkdtemp(prefix="lx-preview-"))
        self.state = Snapshot()
        self.builder: IncrementalBuild | None = None
        self.url = ""
        self.lock = threading.Lock()

    def rebuild(self) -> bool:
        with self.lock:
            old = self.state
            generation = old.generation + 1
            started = time.monotonic()
            catalogues = old.catalogues
            try:
                catalogues = load_catalogues(self.root / "theme", LANGS)
                if self.builder is None:
                    self.builder = IncrementalBuild(self.root, self.workdir / "site")
                result = self.builder.rebuild(self.today or dt.date.today())
                out = self.builder.site
            except InputError as exc:
                print(report(exc.problems), file=sys.stderr, flush=True)
                self.state = Snapshot(old.current, old.refused, old.incomplete, exc.problems, catalogues, generation)
                return False
            except (BuildFailed, MissingLabel, OSError) as exc:
                if isinstance(exc, OSError):
                    exc = BuildFailed(os_error(exc, "无法写入预览", "could not write the preview"))
                print(exc if isinstance(exc, BuildFailed) else f"构建失败 / Build failed:\n{exc}", file=sys.stderr,
                      flush=True)
                self.state = Snapshot(old.current, old.refused, old.incomplete, [str(exc)], catalogues,
                                      generation)
                return False
            refused = {v.job_id: verdicts.problems(result.tree, {v.job_id: v}) for v in result.refused}
            self.state = Snapshot(out, refused, result.set_aside, None, catalogues, generation)
            for job_id, problems in sorted((refused | result.set_aside).items()):
                print(report(problems), file=sys.stderr)
                print(f"不会发布 / Would not be published: {self.url}jobs/{job_id}/", file=sys.stderr, flush=True)
            print(f"已更新 / Rebuilt in {time.monotonic() - started:.1f} s", flush=True)
            return True


class _Changed(FileSystemEventHandler):
    def __init__(self, root: Path, pending: threading.Event):
        self.root, self.pending = root, pending

    def on_any_event(self, event):
        if event.event_type in ("opened", "closed_no_write"):
            return
        # A file saved atomically (approve, many editors) arrives as a rename of a hidden
        # temporary file onto the real one: look at where it went.
        path = Path(str(getattr(event, "dest_path", "") or event.src_path))
        try:
            top = path.resolve().relative_to(self.root).parts[0]
        except (ValueError, IndexError):
            return
        if top in WATCHED and not path.name.startswith("."):
            self.pending.set()


def _handler(preview: Preview):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            self.snap = preview.state
            super().__init__(*args, directory=str(self.snap.current or preview.workdir), **kwargs)

        def translate_path(self, path):
            # The preview keeps each language's MkDocs output apart: zh/ is the root, en/ is /en/.
            url = urllib.parse.urlsplit(path).path
            lang, rest = ("en", url[3:] or "/") if url == "/en" or url.startswith("/en/") else ("zh", url)
            inside = Path(super().translate_path(rest)).relative_to(self.directory)
            return str(Path(self.directory) / lang / inside)

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self):
            url = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            if url == pb.RELOAD_PATH:
                return self._send(pb.RELOAD_JS, "text/javascript")
            if url == pb.GENERATION_PATH:
                return self._send(str(self.snap.generation), "text/plain")
            if not (url.endswith("/") or url.endswith(".html")):
                return super().do_GET()
            page = self._page(url)
            if page is None:
                return super().do_GET()
            self._send(page, "text/html")

        def _page(self, url: str) -> str | None:
            snap = self.snap
            job_id, lang = pb.job_of(url)
            t = (snap.catalogues or {}).get(lang)
            banners = []
            if snap.failure:
                banners.append(pb.banner("failed", snap.failure, t))
            if job_id in snap.refused:
                banners.append(pb.banner("refused", snap.refused[job_id], t))
            if job_id in snap.incomplete:      # its last good page, if any, is stale: show the problems alone
                banners.append(pb.banner("incomplete", snap.incomplete[job_id], t))
                frame_url = "/en/jobs/" if lang == "en" else "/jobs/"
                frame = Path(self.translate_path(frame_url)) / "index.html"
                framed = pb.in_frame(frame.read_text("utf-8"), frame_url, banners) \
                    if snap.current and frame.is_file() else None
                return pb.inject(framed or pb.standalone(lang, job_id, banners, t), [])
            file = Path(self.translate_path(url))
            file = file / "index.html" if file.is_dir() else file
            if snap.current and file.is_file():
                return pb.inject(file.read_text("utf-8"), banners)
            if banners:
                return pb.inject(pb.standalone(lang, job_id or "preview", banners, t), [])
            return None

        def _send(self, text: str, kind: str) -> None:
            body = text.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass
    return Handler


def serve(root: Path, port: int, today: dt.date | None) -> int:
    preview = Preview(root, today)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(preview))
    except OSError as exc:
        shutil.rmtree(preview.workdir, ignore_errors=True)
        print(f"无法使用端口 {port}（{exc.strerror}）— 请换一个，例如 --port {port + 1}\n"
              f"cannot use port {port} ({exc.strerror}) — choose another, e.g. --port {port + 1}", file=sys.stderr)
        return 1
    preview.url = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pending = threading.Event()
    observer = Observer()
    for name in WATCHED:
        target = root / name
        if target.is_dir():
            observer.schedule(_Changed(root, pending), str(target), recursive=True)
    observer.schedule(_Changed(root, pending), str(root), recursive=False)
    observer.start()
    try:
        if not preview.rebuild():
            print("请先改正以上问题（浏览器中也能看到）/ Fix the problems above first (the browser shows them too); "
                  "watching for changes…", flush=True)
        print(f"预览地址 / Preview: {preview.url}  (Ctrl+C 退出 / to stop)", flush=True)
        while True:
            if pending.wait(0.5):
                time.sleep(0.2)          # let an editor finish writing before reading
                pending.clear()
                preview.rebuild()
    finally:                  # Ctrl+C ends here too; cli.py says "stopped" in one line
        server.shutdown()
        observer.stop()
        if preview.builder:
            preview.builder.close()
        shutil.rmtree(preview.workdir, ignore_errors=True)
    return 0
