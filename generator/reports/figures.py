"""The figures a centre reports upward, from job orders and the dates of their history.

Pure: give it the orders, their versions (from git, or none) and the period; it returns
the figures. command.py reads the files and writes the CSV and HTML.

Definitions (they are printed in the report too):
- published in the period: the first version of the order that carries a valid approval
  was committed in the period (no history: filing.approved_on is in the period);
- closed in the period: the version that set `status: closed`, or deleted the file, was
  committed in the period;
- past their closing date: apply_by falls in the period, and the order was published
  and not closed before it;
- refused: refused by vetting today, and last changed in the period;
- positions, fees and courses: of the orders published in the period;
- overdue for review: orders advertised at some time in the period whose destination's
  facts were past their review date at the end of the period;
- approvals by reviewer: versions that carry a new approval holding under today's
  reviewers file (signature checked), committed in the period (no history: approved_on);
- four-eyes exceptions: of those, the orders' current approvals whose reviewer also made
  the last change to the content (from git; none can be found without history).

A "valid approval" is one the build accepts: its digest matches and its signature is good
(vetting/approvals.py). command.py checks them all and hands the answers in.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from generator.source.models import Job
from generator.vetting.verdicts import add_months


@dataclass(frozen=True)
class Approval:
    order: str
    reviewer: str
    on: dt.date                  # committed (git), or approved_on (no history)
    own_change: bool = False     # the reviewer also made the last change to the content


@dataclass
class Order:
    id: str
    job: Job
    published_on: dt.date | None = None
    closed_on: dt.date | None = None
    changed_on: dt.date | None = None      # last change: the last commit, or posted_on without history
    source: str = "git"                    # git | yaml (no history for this file) | git+yaml
    deleted: bool = False
    refused: bool = False
    approvals: list = field(default_factory=list)   # [Approval], oldest first

    @property
    def ends_on(self) -> dt.date:
        """The last day the order was advertised."""
        return min(d for d in (self.closed_on, self.job.apply_by) if d is not None)

    @property
    def zero_fee(self) -> bool:
        return sum(c.amount for c in self.job.costs if c.kind == "service_fee") == 0


@dataclass
class Group:
    key: str
    zh: str
    en: str
    orders: int = 0
    positions: int = 0


@dataclass
class Figures:
    start: dt.date
    end: dt.date
    published: list = field(default_factory=list)      # [Order]
    closed: list = field(default_factory=list)
    expired: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    by_destination: list = field(default_factory=list)  # [Group]
    by_trade: list = field(default_factory=list)
    by_agency: list = field(default_factory=list)
    courses: list = field(default_factory=list)
    overdue: list = field(default_factory=list)         # [(Order, country key, reviewed_on, due)]
    approvals: list = field(default_factory=list)       # [Approval] in the period
    notes: list = field(default_factory=list)           # [(zh, en)]

    @property
    def zero_fee(self) -> int:
        return sum(1 for o in self.published if o.zero_fee)

    @property
    def by_reviewer(self) -> list[tuple[str, int, int]]:
        """(reviewer, approvals, four-eyes exceptions), most approvals first."""
        counts: dict[str, list[int]] = {}
        for a in self.approvals:
            c = counts.setdefault(a.reviewer, [0, 0])
            c[0] += 1
            c[1] += a.own_change
        return sorted(((r, n, e) for r, (n, e) in counts.items()), key=lambda x: (-x[1], x[0]))

    @property
    def four_eyes(self) -> list[Approval]:
        return [a for a in self.approvals if a.own_change]

    @property
    def zero_fee_share(self) -> float | None:
        return self.zero_fee / len(self.published) if self.published else None


# ---- periods ----------------------------------------------------------------------

def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """2026-03 (month), 2026Q1 (quarter), 2026H1 (half year), 2026 (year)."""
    text = text.strip().upper()
    if m := re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", text):
        y, mo = int(m[1]), int(m[2])
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    if m := re.fullmatch(r"(\d{4})-?Q([1-4])", text):
        y, q = int(m[1]), int(m[2])
        last = 3 * q
        return dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
    if m := re.fullmatch(r"(\d{4})-?H([12])", text):
        y, h = int(m[1]), int(m[2])
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    if m := re.fullmatch(r"(\d{4})", text):
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    return None


# ---- dating an order from its versions -----------------------------------------------

def _approval_key(data: dict) -> tuple:
    f = data["filing"]
    return f.get("approved_by"), f.get("approved_on"), f.get("digest")


def date_from_history(order: Order, versions: list, valid: list[bool]) -> None:
    """Set published_on, closed_on, changed_on and the approvals from the order's
    versions, oldest first; `valid[i]`: version i carries a valid approval."""
    order.changed_on = versions[-1].on
    # Each valid version whose approval differs from the previous valid one's is an approval.
    approved = [(v.on, _approval_key(v.data)) for v, ok in zip(versions, valid) if ok]
    order.approvals.extend(Approval(order.id, key[0], on) for i, (on, key) in enumerate(approved)
                           if i == 0 or key != approved[i - 1][1])
    for i, v in enumerate(versions):
        if valid[i]:
            if v.data.get("status") == "closed":
                # History begins after publication: the approval date is the best we have.
                order.published_on, order.closed_on, order.source = order.job.filing.approved_on, v.on, "git+yaml"
                return
            order.published_on = v.on
            for later in versions[i + 1:]:
                if later.data is None or later.data.get("status") == "closed":
                    order.closed_on = later.on
                    order.deleted = later.data is None
                    return
            return


def date_from_yaml(order: Order, valid: bool) -> None:
    """No history: the approval date written in the file; a closing has no date."""
    order.source = "yaml"
    job = order.job
    order.published_on = job.filing.approved_on if valid else None
    order.changed_on = job.posted_on
    if valid:
        order.approvals.append(Approval(order.id, job.filing.approved_by, job.filing.approved_on))


# ---- the figures -------------------------------------------------------------------

def _within(d: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return d is not None and start <= d <= end


def _groups(orders: list, key, label) -> list[Group]:
    out: dict[str, Group] = {}
    for o in orders:
        for k in key(o):
            zh, en = label(k)
            g = out.setdefault(k, Group(k, zh, en))
            g.orders += 1
            g.positions += o.job.positions
    return sorted(out.values(), key=lambda g: (-g.positions, g.key))


def figures(orders: list[Order], start: dt.date, end: dt.date, today: dt.date, site, countries: dict,
            agencies: dict, courses: dict) -> Figures:
    """`site`: the site config (trades, review policy); `countries`, `agencies`, `courses`:
    id -> model, for names. Names that no longer exist are shown by their id."""
    f = Figures(start, end)
    f.published = [o for o in orders if _within(o.published_on, start, end)]
    f.closed = [o for o in orders if _within(o.closed_on, start, end)]
    # An order is past its closing date the day after apply_by, so not yet when that is still to come.
    last_past = min(end, today - dt.timedelta(days=1))
    f.expired = [o for o in orders if _within(o.job.apply_by, start, last_past) and o.published_on
                 and o.published_on <= o.job.apply_by and (o.closed_on is None or o.closed_on > o.job.apply_by)]
    f.refused = [o for o in orders if o.refused and _within(o.changed_on, start, end)]
    f.approvals = sorted((a for o in orders for a in o.approvals if _within(a.on, start, end)),
                         key=lambda a: (a.on, a.order))

    def name(table, attr):
        def label(k):
            text = getattr(table.get(k), attr, None)      # None: no longer in the table
            return (text.zh, text.en) if text is not None else (k, k)
        return label

    trades = site.trades if site else {}
    f.by_destination = _groups(f.published, lambda o: [o.job.employer.country], name(countries, "name"))
    f.by_trade = _groups(f.published, lambda o: [o.job.trade],
                         lambda k: (trades[k].zh, trades[k].en) if k in trades else (k, k))
    f.by_agency = _groups(f.published, lambda o: [o.job.agency], name(agencies, "name"))
    f.courses = _groups(f.published, lambda o: list(dict.fromkeys(o.job.training)),
                        lambda k: (courses[k].title.zh, courses[k].title.en) if k in courses else (k, k))

    as_of = min(end, today)
    months = site.policy.content_review_months if site else 12
    for o in orders:
        advertised = o.published_on and o.published_on <= end and o.ends_on >= start
        country = countries.get(o.job.employer.country)
        if advertised and country is not None:
            due = add_months(country.reviewed_on, months)
            if due < as_of:
                f.overdue.append((o, country.key, country.reviewed_on, due))

    by_source = defaultdict(list)
    for o in orders:
        by_source[o.source].append(o.id)
    if by_source["yaml"]:
        ids = ", ".join(sorted(by_source["yaml"]))
        f.notes.append((f"以下招聘信息没有 git 历史（未提交，或不在 git 仓库中），发布日期取自 filing.approved_on，"
                        f"停招日期无法得知：{ids}",
                        f"These orders have no git history (not committed, or not in a git repository): their "
                        f"publication date is filing.approved_on, and a closing cannot be dated: {ids}"))
    if by_source["git+yaml"]:
        ids = ", ".join(sorted(by_source["git+yaml"]))
        f.notes.append((f"以下招聘信息在 git 历史开始时已停招，发布日期取自 filing.approved_on：{ids}",
                        f"These orders were already closed when their git history begins; their publication "
                        f"date is filing.approved_on: {ids}"))
    deleted = sorted(o.id for o in orders if o.deleted)
    if deleted:
        f.notes.append((f"以下招聘信息的文件已删除，按删除日期计为停招：{', '.join(deleted)}",
                        f"These orders' files were deleted; the deletion counts as their closing: {', '.join(deleted)}"))
    return f
