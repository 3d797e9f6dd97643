"""The pipeline: load → validate → (vet) → render → build, then swap the site in.

Nothing is written into the output until everything before it has succeeded, and the
output is replaced in one rename: a failed or killed build leaves the old site as it was.
"""
from __future__ import annotations

import calendar
import contextlib
import ctypes
import datetime as dt
import fcntl
import multiprocessing
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import crossref, csp, offline, search_index, vet, vetting_report
from .i18n import load_catalogues
from .load import Tree, load_tree
from .library_messages import os_error
from .mkdocs_site import LANG_PREFIX, build_all, mkdocs_config, stage
from .problems import BuildFailed, Collector, InputError
from .render import Renderer

LANGS = ("zh", "en")


@dataclass
class Result:
    tree: Tree
    verdicts: dict          # job id -> vet.Verdict
    problems: list          # refusals (errors) and warnings, for the terminal
    pages: int = 0

    @property
    def refused(self) -> list:
        return [v for v in self.verdicts.values() if v.state == "refused"]


def check(root: Path, today: dt.date) -> Result:
    """Load, validate and vet everything. Raise InputError if a file is unusable; a job
    order that breaks a vetting rule is refused, and the rest go on."""
    problems = Collector()
    tree = load_tree(root, problems)
    crossref.check(tree, problems)
    # Vet whatever can be vetted even when some files are broken: staff see every
    # problem of a run at once.
    vettable = tree.site is not None and not any(p.path == tree.site_doc.path for p in problems.errors)
    verdicts = vet.vet(tree, today, skip={p.path for p in problems.errors}) if vettable else {}
    found = vet.problems(tree, verdicts) + (vet.review_warnings(tree, today) if vettable else []) + problems.problems
    if problems.errors:
        raise InputError(found)
    return Result(tree, verdicts, found)


def source_date_epoch(today: dt.date) -> str:
    # An explicit SOURCE_DATE_EPOCH wins; otherwise the build date is midnight UTC of --today.
    return os.environ.get("SOURCE_DATE_EPOCH") or str(calendar.timegm(today.timetuple()))


def build(root: Path, out: Path, today: dt.date, strict: bool = False, report_dir: Path | None = None,
          preview: bool = False) -> Result:
    """`preview` (serve only, never a public build): refused orders get an unlisted page
    too, so serve can show staff their problems on it."""
    result = check(root, today)
    tree = result.tree
    if report_dir is not None:
        vetting_report.write(tree, result.verdicts, report_dir, today)
    if strict and result.refused:
        raise InputError([p for p in result.problems if p.code.startswith("V-")])
    catalogues, renderer = renderer_for(result, root, today, preview)

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(out):
        try:
            result.pages = _build_into(out, tree, renderer, catalogues, today, root)
        except OSError as exc:   # disk full, permissions: the old site is still in place
            raise BuildFailed(os_error(exc, "无法写入", "could not write")) from None
    return result


def renderer_for(result: Result, root: Path, today: dt.date, preview: bool = False):
    """Labels and a renderer of every order that keeps a page. `preview` (serve only,
    never a public build): refused orders get an unlisted page too, to show problems on."""
    tree = result.tree
    catalogues = load_catalogues(root / "theme", LANGS)
    states = {job_id: {"published": "open"}.get(v.state, v.state) for job_id, v in result.verdicts.items()
              if v.state != "refused"}
    if preview:
        states.update({v.job_id: "refused" for v in result.refused if _renderable(tree, tree.jobs[v.job_id])})
    return catalogues, Renderer(tree, catalogues, today, states)


def _renderable(tree: Tree, job) -> bool:
    """A refused order can still be shown when everything its page names exists."""
    return job.agency in tree.agencies and all(c in tree.courses for c in job.training)


def _build_into(out: Path, tree: Tree, renderer: Renderer, catalogues, today: dt.date, root: Path) -> int:
    # The work folder sits beside the target, so the final swap is a rename on one disk.
    _remove_stale(out)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    try:
        jobs = [_LanguageBuild(lang, work, tree, renderer, catalogues, root, source_date_epoch(today))
                for lang in LANGS]
        pages_total = sum(_in_parallel(jobs))
        site = work / "out" / "zh"
        for lang in LANGS[1:]:
            os.replace(work / "out" / lang, site / LANG_PREFIX[lang].rstrip("/"))
        offline.write_bundle(site, tree.site.site.base_url, today.timetuple()[:3] + (0, 0, 0))
        csp.write_headers_file(site)
        _swap(site, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return pages_total


@dataclass
class _LanguageBuild:
    """One language from rendered pages to its search index. The languages share
    nothing, so each runs in its own process, one per core."""
    lang: str
    work: Path
    tree: Tree
    renderer: Renderer
    catalogues: dict
    root: Path
    epoch: str

    def __call__(self) -> int:
        pages = self.renderer.pages(self.lang)
        config = mkdocs_config(self.tree, self.lang, self.catalogues[self.lang], self.root / "theme",
                               self.work / "stage" / self.lang, self.work / "out" / self.lang)
        cfg = stage(self.work / "stage", self.lang, pages, config, self.renderer.files(self.lang))
        build_all([cfg], {"SOURCE_DATE_EPOCH": self.epoch},
                  then=lambda _: search_index.build(self.work / "out" / self.lang, self.lang))
        return len(pages)


def _in_parallel(jobs: list) -> list:
    """Run callables in forked processes (they inherit the loaded tree; nothing is
    pickled but the result), re-raising the first failure here."""
    if len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [job() for job in jobs]
    global _JOBS
    _JOBS = jobs
    try:
        with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
            return pool.map(_run_job, range(len(jobs)))
    finally:
        _JOBS = []


_JOBS: list = []


def _run_job(i: int):
    return _JOBS[i]()


@contextlib.contextmanager
def _exclusive(out: Path):
    """One build at a time per output folder: a second one waits for the first."""
    with open(out.parent / f".{out.name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"另一个构建正在写入 {out}，等待中… / Another build is writing {out}; waiting…",
                  file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


_libc = ctypes.CDLL(None, use_errno=True)
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    fn = getattr(_libc, "renameat2", None)
    if fn is None:
        return False
    return fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _swap(new: Path, out: Path) -> None:
    """Put `new` where `out` is. With an atomic exchange there is no moment without a site;
    elsewhere, rename the old one aside and the new one in."""
    if not out.exists():
        os.replace(new, out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)     # `new` now holds the previous site
        return
    os.replace(out, old)
    try:
        os.replace(new, out)
    except BaseException:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _remove_stale(out: Path) -> None:
    """Leftovers of builds that were killed: their work and old folders beside the output."""
    for stale in out.parent.glob(f".{out.name}.build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)
