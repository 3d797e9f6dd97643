"""Rebuilds for `serve`, fast enough to follow an editor: only what changed.

The public build starts from nothing every time (atomic, deterministic). The preview
keeps its staged Markdown and its MkDocs output between rebuilds:
- parsed YAML is kept by file size and time (load.keep_parsed_files);
- after an edit to job orders only, on the same day, the order-only vetting findings of
  the other orders are reused (vetting/verdicts.Remembered);
- after an edit to job orders only, just those orders' pages and the pages that list
  orders are rendered again; any other edit renders everything;
- a staged file is written only when its text changed, so MkDocs' dirty build re-renders
  just those pages; a change under theme/ triggers a clean build;
- MkDocs runs in two worker processes kept alive between rebuilds, one per language.
Search (Pagefind), the offline zip and the CSP file are left out of the preview.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil
import signal
from pathlib import Path

from generator.source import load
from generator.source.labels import LANGS
from generator.vetting.check import Result, check
from generator.vetting.verdicts import Remembered
from generator.publish.build import renderer_for
from generator.library_messages import tool_detail, tool_failed
from generator.publish.mkdocs_site import config_lang, mkdocs_config, stage_config, staged_files
from generator.problems import BuildFailed

WATCHED = ("content", "courses", "theme", "site_config.yml")


def _mkdocs(config_file: str, dirty: bool) -> str | None:
    """In a worker process: build one language; return an error text or None."""
    import logging
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        build(load_config(config_file), dirty=dirty)
    except Exception as exc:     # reported to staff in the preview, never a crash of serve
        return f"{type(exc).__name__}: {exc}"
    return None


def _ignore_interrupts() -> None:
    """In a worker: Ctrl+C reaches the whole process group; serve stops its workers itself,
    so they must not each print a KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _snapshot(root: Path) -> dict[str, tuple]:
    files = {}
    for name in WATCHED:
        top = root / name
        paths = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
        for path in paths:
            if path.is_file() and not path.name.startswith("."):
                st = path.stat()
                files[path.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_size)
    return files


class IncrementalBuild:
    def __init__(self, root: Path, workdir: Path):
        self.root, self.workdir = root, workdir
        self.stage, self.out = workdir / "stage", workdir / "out"
        self.previous: dict | None = None          # the snapshot of the last good rebuild
        self.findings: tuple | None = None         # (its date, its order-only vetting findings)
        # Ctrl+C reaches the whole process group: the workers ignore it from their first
        # instant (an ignored signal stays ignored in a new process), serve stops them.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            self.pool = multiprocessing.get_context("spawn").Pool(len(LANGS), initializer=_ignore_interrupts)
        finally:
            signal.signal(signal.SIGINT, previous)
        load.keep_parsed_files()

    def close(self) -> None:
        self.pool.terminate()

    @property
    def site(self) -> Path:
        """The folder to serve: zh/ at the root, en/ under /en/ (see serve's handler)."""
        return self.out

    def rebuild(self, today: dt.date) -> Result:
        now = _snapshot(self.root)
        changed = None if self.previous is None else {
            p for p in now.keys() | self.previous.keys() if now.get(p) != self.previous.get(p)}
        jobs_only = changed is not None and all(p.startswith("content/jobs/") for p in changed)
        # Findings hold while nothing but orders changed since the last good rebuild, on its
        # date: the rules they come from read the other files and the date.
        known = self.findings[1] if jobs_only and self.findings and self.findings[0] == today else {}
        remembered = Remembered(known)
        # raises InputError on broken files; a broken job order is only set aside
        result = check(self.root, today, set_aside_jobs=True, remembered=remembered)
        catalogues, renderer = renderer_for(result, self.root, today, preview=True)
        only = {Path(p).stem for p in changed} if jobs_only else None
        clean = changed is None or any(p.startswith("theme/") for p in changed)
        tree = result.tree
        configs = []
        for lang in LANGS:
            config = mkdocs_config(tree, lang, catalogues[lang], self.root / "theme", self.stage / lang, self.out / lang)
            wanted = staged_files(renderer.pages(lang, only), lang, config["extra"]["other_lang"],
                                  renderer.files(lang, only))
            self._sync(self.stage / lang, wanted, only)
            configs.append(str(stage_config(self.stage, lang, config)))
        errors = self.pool.starmap(_mkdocs, [(c, not clean) for c in configs])
        for config, error in zip(configs, errors):
            if error:
                raise BuildFailed(tool_failed("MkDocs", config_lang(Path(config))), tool_detail(error))
        for lang in LANGS:
            self._drop_outputs(self.out / lang, only, renderer.states)
        self.previous, self.findings = now, (today, remembered.used)
        result.pages = sum(1 for _ in self.stage.rglob("*.md"))
        return result

    def _sync(self, docs: Path, wanted: dict[str, str], only) -> None:
        """Write what differs; remove staged files that no longer exist (all of them after
        a full render; only the pages of removed or unpublished orders after a partial one)."""
        for rel, text in wanted.items():
            target = docs / rel
            if not target.is_file() or target.read_text("utf-8") != text:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        if not docs.is_dir():
            return
        for path in list(docs.rglob("*")):
            rel = path.relative_to(docs).as_posix()
            if not path.is_file() or rel in wanted:
                continue
            if only is None or any(rel.startswith(f"{kind}/{job}/") for job in only
                                   for kind in ("jobs", "posters")):
                path.unlink()

    def _drop_outputs(self, site: Path, only, states) -> None:
        """MkDocs' dirty build keeps the pages of removed sources: remove those of orders
        that no longer have a page."""
        for job in (only or ()):
            if job not in states:
                shutil.rmtree(site / "jobs" / job, ignore_errors=True)
            if states.get(job) != "open":
                shutil.rmtree(site / "posters" / job, ignore_errors=True)
