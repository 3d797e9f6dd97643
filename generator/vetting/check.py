"""`check`: load, validate and vet everything; write nothing.

In: the project folder and the build date. Out: a Result — the checked model, a verdict
per job order, and every problem (refusals and warnings) for the terminal.
"""
from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Collector, InputError, report
from generator.source import crossref
from generator.source.load import Tree, load_tree
from generator.vetting import approvals, fact_review, help_review, verdicts
from generator.vetting.report import table


@dataclass
class Result:
    tree: Tree
    verdicts: dict          # job id -> verdicts.Verdict
    problems: list          # refusals (errors) and warnings, for the terminal
    pages: int = 0
    verified: dict = field(default_factory=dict)   # job id -> its signature was accepted
    authorship: object = None                      # authorship.Authorship, when vetted
    set_aside: dict = field(default_factory=dict)  # job id -> [Problem]: unusable orders left out (preview)

    @property
    def refused(self) -> list:
        return [v for v in self.verdicts.values() if v.state == "refused"]


def check(root: Path, today: dt.date, set_aside_jobs: bool = False,
          remembered: verdicts.Remembered | None = None) -> Result:
    """Load, validate and vet everything. Raise InputError if a file is unusable; a job
    order that breaks a vetting rule is refused, and the rest go on. With `set_aside_jobs`
    (the preview), an unusable job order is left out like a refused one, its problems kept
    in `set_aside`: a blank new order must not stop everything else from being shown.
    `remembered`: findings of the last build to reuse for orders that did not change."""
    problems = Collector()
    tree = load_tree(root, problems)
    crossref.check(tree, problems)
    set_aside = _set_aside(tree, problems) if set_aside_jobs else {}
    # Vet whatever can be vetted even when some files are broken: staff see every
    # problem of a run at once.
    vettable = tree.site is not None and not any(p.path == tree.site_doc.path for p in problems.errors)
    ctx = verdicts.context(tree, today) if vettable else None
    by_job = verdicts.vet(tree, today, skip={p.path for p in problems.errors}, ctx=ctx,
                          remembered=remembered) if vettable else {}
    found = verdicts.problems(tree, by_job) + (verdicts.review_warnings(tree, today)
                                                + help_review.warnings(tree, today)
                                                + fact_review.warnings(tree, today) if vettable else []) \
        + (approvals.tree_warnings(tree, ctx.authorship) if vettable else []) + problems.problems
    if problems.errors:
        raise InputError(found)
    return Result(tree, by_job, found, verified=ctx.verified if ctx else {},
                  authorship=ctx.authorship if ctx else None, set_aside=set_aside)


def _set_aside(tree: Tree, problems: Collector) -> dict:
    """Take the job orders with errors of their own out of the tree and out of `problems`."""
    jobs_dir = "content/jobs/"
    broken: dict = {}
    for p in problems.errors:
        if p.path.startswith(jobs_dir) and p.path.endswith(".yml") and "/" not in p.path[len(jobs_dir):]:
            broken.setdefault(p.path[len(jobs_dir):-len(".yml")], []).append(p)
    for job_id in broken:
        tree.jobs.pop(job_id, None)
        tree.raw_jobs.pop(job_id, None)
        tree.docs.pop(f"{jobs_dir}{job_id}.yml", None)
    problems.problems = [p for p in problems.problems
                         if not (p.path.startswith(jobs_dir) and p.path[len(jobs_dir):-len(".yml")] in broken)]
    return broken


def print_vetting(result) -> None:
    if result.problems:
        print(report(result.problems), file=sys.stderr)
    print(table(result.tree, result.verdicts))


def check_command(root: Path, today: dt.date) -> int:
    result = check(root, today)
    tree = result.tree
    print_vetting(result)
    if result.refused:
        print(f"审核未通过 / Refused: {len(result.refused)} job order(s) would not be published", file=sys.stderr)
        return 1
    print(f"检查通过 / Check passed: {len(tree.jobs)} job orders, {len(tree.agencies)} agencies, "
          f"{len(tree.countries)} destinations, {len(tree.courses)} courses, "
          f"{sum(len(c.course.lessons) for c in tree.courses.values())} lessons")
    return 0
