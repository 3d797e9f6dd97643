"""From rules to verdicts: which orders are published, refused, closed or expired, and the
problems staff see for them.

An order with any refusal is not published; the rest of the site still is. Closed and
expired orders keep a page (so forwarded links explain themselves) but leave the lists.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from generator.problems import Problem, msg
from generator.source.load import Tree
from generator.source.models import Job
from generator.vetting import approvals, authorship, publishable
from generator.vetting.rules import CONTENT_RULES, CURRENT_RULES, ORDER_ONLY_RULES, Context, Refusal, normalise


@dataclass
class Verdict:
    job_id: str
    state: str                        # published | refused | closed | expired
    refusals: list[Refusal]
    warnings: list[Refusal] = field(default_factory=list)    # W-…: published all the same


def lifecycle(job: Job, today: dt.date) -> str:
    if job.status == "closed":
        return "closed"
    return "expired" if job.apply_by < today else "published"


def context(tree: Tree, today: dt.date) -> Context:
    ctx = Context(tree, today)
    for job_id, job in tree.jobs.items():
        if job.filing.number:
            ctx.filing_numbers.setdefault(normalise(job.filing.number), []).append(job_id)
    # The checks that run outside Python, once for all orders: ssh-keygen and git.
    ctx.approvals, ctx.verified = approvals.verify_all(tree)
    ctx.authorship = authorship.last_authors(tree.root, {jid: tree.raw_jobs[jid] for jid, job in tree.jobs.items()
                                                         if job.filing.approved_by})
    return ctx


def vet_job(job: Job, ctx: Context, rules=None, remembered: Remembered | None = None) -> list[Refusal]:
    state = lifecycle(job, ctx.today)
    rules = rules or (CONTENT_RULES + publishable.RULES + (CURRENT_RULES if state == "published" else []))
    own = {}
    if remembered is not None:
        own = remembered.findings(ctx.tree.raw_jobs[job.id], lambda: {
            rule.__name__: list(rule(job, ctx)) for rule in rules if rule in ORDER_ONLY_RULES})
    return [r for rule in rules for r in (own[rule.__name__] if rule.__name__ in own else rule(job, ctx))]


class Remembered:
    """The findings of the order-only rules (rules.ORDER_ONLY_RULES) by order file, from the
    last build: a rebuild vets anew only the orders whose file changed. The caller keeps
    `known` for one context only (the same other source files and date, publish/cache.py)."""

    def __init__(self, known: dict | None = None):
        self.known = known or {}
        self.used: dict = {}

    def findings(self, doc, make) -> dict:
        key = (doc.path, hashlib.sha256(doc.text.encode("utf-8")).hexdigest())
        found = self.known.get(key)
        if not isinstance(found, dict):
            found = make()
        self.used[key] = found
        return found


def vet(tree: Tree, today: dt.date, skip: set[str] = frozenset(), ctx: Context | None = None,
        remembered: Remembered | None = None) -> dict[str, Verdict]:
    """Verdicts for every job order, except those in files named in `skip` (files with
    schema or cross-reference errors, which are reported as such)."""
    ctx = ctx or context(tree, today)
    verdicts = {}
    for job_id, job in sorted(tree.jobs.items()):
        if tree.raw_jobs[job_id].path in skip:
            continue
        found = vet_job(job, ctx, remembered=remembered)
        refusals = [r for r in found if not r.warning]
        verdicts[job_id] = Verdict(job_id, "refused" if refusals else lifecycle(job, today), refusals,
                                   [r for r in found if r.warning])
    return verdicts


def problems(tree: Tree, verdicts: dict[str, Verdict]) -> list[Problem]:
    out = []
    for v in verdicts.values():
        doc = tree.raw_jobs[v.job_id]
        for r in v.refusals + v.warnings:
            out.append(Problem(doc.path, doc.line(r.loc), _shown(r.loc), r.zh, r.en, r.code, r.warning))
    return out


def _shown(loc: tuple) -> str:
    return ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(".[", "[")


def review_warnings(tree: Tree, today: dt.date) -> list[Problem]:
    months = tree.site.policy.content_review_months
    out = []
    for key, country in sorted(tree.countries.items()):
        r = country.reviewed_on
        due = add_months(r, months)
        if due < today:
            doc = tree.docs[f"content/countries/{key}.yml"]
            out.append(Problem(doc.path, doc.line(("reviewed_on",)), "reviewed_on", *msg(
                f"国家资料上次核对于 {r}，已超过 {months} 个月", "请核对最低工资、签证规定等事实，更新 reviewed_on",
                f"these facts were last checked on {r}, more than {months} months ago",
                "check the minimum wage, visa rules and other facts, then update reviewed_on"),
                code="W-COUNTRY-REVIEW", warning=True))
    return out


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))
