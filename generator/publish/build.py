"""`build`: the whole pipeline — check (load, validate, vet) → render → MkDocs and Pagefind
per language → offline bundle and CSP — then swap the site in.

Nothing is written into the output until everything before it has succeeded, and the
output is replaced in one rename: a failed or killed build leaves the old site as it was.
"""
from __future__ import annotations

import calendar
import datetime as dt
import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator.library_messages import os_error
from generator.problems import BuildFailed, InputError
from generator.publish import cache as build_cache, csp, offline, search_index, stamp
from generator.publish.mkdocs_site import LANG_PREFIX, build_all, mkdocs_config, stage
from generator.publish.swap import exclusive, remove_stale, swap
from generator.render.renderer import Renderer
from generator.source.labels import LANGS, load_catalogues
from generator.source import load
from generator.source.load import Tree
from generator.vetting import report as vetting_report
from generator.vetting.check import Result, check, print_vetting
from generator.vetting.verdicts import Remembered



def source_date_epoch(today: dt.date) -> str:
    # An explicit SOURCE_DATE_EPOCH wins; otherwise the build date is midnight UTC of --today.
    return os.environ.get("SOURCE_DATE_EPOCH") or str(calendar.timegm(today.timetuple()))


def build(root: Path, out: Path, today: dt.date, strict: bool = False, report_dir: Path | None = None,
          preview: bool = False, cache: bool = False) -> Result:
    """`preview` (serve only, never a public build): refused orders get an unlisted page
    too, so serve can show staff their problems on it. `cache`: take from and keep in the
    build cache beside `out` (publish/cache.py) what has not changed since the last build."""
    # Without `cache` (build --clean) the store keeps nothing: it only parses in parallel.
    store = None if preview else build_cache.BuildCache(build_cache.folder_for(out), root, today, persist=cache)
    load.use_store(store)
    remembered = Remembered(store.findings()) if store is not None and store.persist else None
    try:
        result = check(root, today, remembered=remembered)
    finally:
        load.use_store(None)
    if remembered is not None:
        store.keep_findings(remembered.used)
    tree = result.tree
    if report_dir is not None:
        vetting_report.write(tree, result.verdicts, report_dir, today)
    if strict and result.refused:
        raise InputError([p for p in result.problems if p.code.startswith("V-")])
    catalogues, renderer = renderer_for(result, root, today, preview)
    renderer.memo = store

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(out):
        try:
            result.pages = _build_into(out, tree, renderer, catalogues, today, root)
        except OSError as exc:   # disk full, permissions: the old site is still in place
            raise BuildFailed(os_error(exc, "无法写入", "could not write")) from None
        if store is not None:
            store.finish()
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
    remove_stale(out)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    try:
        jobs = [_LanguageBuild(lang, work, tree, renderer, catalogues, root, source_date_epoch(today))
                for lang in LANGS]
        pages_total = sum(_in_parallel(jobs))
        site = work / "out" / "zh"
        for lang in LANGS[1:]:
            os.replace(work / "out" / lang, site / LANG_PREFIX[lang].rstrip("/"))
        offline.write_bundle(site, tree.site.site.base_url, today.timetuple()[:3] + (0, 0, 0),
                             {lang: catalogues[lang]("offline_needs_connection") for lang in LANGS})
        csp.write_headers_file(site)
        swap(site, out)
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
        out = self.work / "out" / self.lang
        config = mkdocs_config(self.tree, self.lang, self.catalogues[self.lang], self.root / "theme",
                               self.work / "stage" / self.lang, out)
        # MkDocs renders the hand-written pages and one shell per kind of job or list
        # page; the rest wait on disk and are stamped into their shell (publish/stamp.py).
        plan = stamp.plan(self.renderer.iter_pages(self.lang), self.work / f"stamp.{self.lang}.pickle")
        cfg = stage(self.work / "stage", self.lang, plan.mkdocs_pages, config, self.renderer.files(self.lang))
        if self.renderer.memo is not None:
            self.renderer.memo.prune_pages(self.lang)
        build_all([cfg], {"SOURCE_DATE_EPOCH": self.epoch}, then=lambda _: self._after_mkdocs(out, plan))
        return plan.total

    def _after_mkdocs(self, out: Path, plan: stamp.Plan) -> None:
        # The index reads the pages themselves, not the files: before fill, which
        # removes the stamped pages' spool.
        search_index.build(out, self.lang, stamp.pages(plan), self.tree)
        stamp.fill(out, plan)


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


def build_command(root: Path, out: Path, today: dt.date, strict: bool, report_dir: Path, clean: bool = False) -> int:
    started = time.monotonic()
    result = build(root, out, today, strict=strict, report_dir=report_dir, cache=not clean)
    print_vetting(result)
    print(f"网站已生成 / Site built: {out} — {result.pages} pages in "
          f"{time.monotonic() - started:.1f} s; vetting report in {report_dir}. 打开 / Open: {out / 'index.html'}")
    sample = result.tree.site.sample_date
    if sample is not None and sample == today:
        print(f"示例网站按 site_config.yml 的 sample_date（{sample}）生成，所以示例岗位仍在招聘；"
              f"真实的服务中心请删除 sample_date，按当天日期生成。\n"
              f"The sample site was built as of its sample_date ({sample}, site_config.yml), so its vacancies "
              f"are open whatever today's date; a real centre deletes sample_date and builds with today's date.")
    return 0
