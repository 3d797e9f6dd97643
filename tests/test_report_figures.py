"""The report's figures (generator/reports/figures.py), on orders with hand-set dates:
each breakdown counts exactly the orders published in the period, whatever else happened
to other orders in it."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import ROOT
from generator.problems import Collector
from generator.reports.figures import Order, figures
from generator.source.load import load_tree

D = dt.date
MARCH = (D(2026, 3, 1), D(2026, 3, 31))
TODAY = D(2026, 11, 21)


@pytest.fixture(scope="module")
def sample():
    problems = Collector()
    tree = load_tree(ROOT, problems)
    assert not [p for p in problems.problems if not p.warning]
    return tree


def _order(tree, job_id, published=None, closed=None, **kw) -> Order:
    return Order(job_id, tree.jobs[job_id], published_on=published, closed_on=closed, **kw)


def _figures(tree, orders, start, end, today=TODAY):
    courses = {cid: files.course for cid, files in tree.courses.items()}
    return figures(orders, start, end, today, tree.site, tree.countries, tree.agencies, courses)


def _table(groups) -> list[tuple[str, int, int]]:
    return [(g.key, g.orders, g.positions) for g in groups]


def test_breakdowns_count_the_orders_published_in_the_period_not_those_closed_in_it(sample):
    orders = [
        _order(sample, "jp-2026-0201", D(2026, 1, 10), D(2026, 3, 15)),   # published before, closed in March
        _order(sample, "gd-2026-0501", D(2026, 3, 5)),                     # published in March
        _order(sample, "sg-2026-0101", D(2026, 3, 10), D(2026, 3, 20)),   # published and closed in March
        _order(sample, "dz-2026-0301", D(2026, 4, 2)),                     # published after
        _order(sample, "jp-2026-0202", D(2025, 12, 1)),                    # published before, still open
    ]
    f = _figures(sample, orders, *MARCH)
    assert (f.start, f.end) == MARCH
    assert [o.id for o in f.published] == ["gd-2026-0501", "sg-2026-0101"]
    assert sorted(o.id for o in f.closed) == ["jp-2026-0201", "sg-2026-0101"]
    # by hand, from the sample files: gd-2026-0501 is 60 electronics positions in CN-GD through
    # qihang-hr; sg-2026-0101 is 30 construction positions in SG through hanyang-intl
    assert _table(f.by_destination) == [("CN-GD", 1, 60), ("SG", 1, 30)]
    assert _table(f.by_trade) == [("electronics", 1, 60), ("construction", 1, 30)]
    assert _table(f.by_agency) == [("qihang-hr", 1, 60), ("hanyang-intl", 1, 30)]
    published = (len(f.published), sum(o.job.positions for o in f.published))
    assert published == (2, 90)
    for groups in (f.by_destination, f.by_trade, f.by_agency):
        assert (sum(g.orders for g in groups), sum(g.positions for g in groups)) == published
    assert [(g.zh, g.en) for g in f.by_destination] == [
        (sample.countries["CN-GD"].name.zh, sample.countries["CN-GD"].name.en),
        (sample.countries["SG"].name.zh, sample.countries["SG"].name.en)]
    assert (f.by_trade[0].zh, f.by_trade[0].en) == (sample.site.trades["electronics"].zh,
                                                    sample.site.trades["electronics"].en)
    assert [(g.zh, g.en) for g in f.by_agency] == [(sample.agencies[k].name.zh, sample.agencies[k].name.en)
                                                   for k in ("qihang-hr", "hanyang-intl")]


# ---- periods ------------------------------------------------------------------------

@pytest.mark.parametrize("text,period", [
    ("2026-03", (D(2026, 3, 1), D(2026, 3, 31))), ("2026-02", (D(2026, 2, 1), D(2026, 2, 28))),
    ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))), (" 2026-12 ", (D(2026, 12, 1), D(2026, 12, 31))),
    ("2026-01", (D(2026, 1, 1), D(2026, 1, 31))),
    ("2026Q1", (D(2026, 1, 1), D(2026, 3, 31))), ("2026-q2", (D(2026, 4, 1), D(2026, 6, 30))),
    ("2026Q4", (D(2026, 10, 1), D(2026, 12, 31))), ("2026h1", (D(2026, 1, 1), D(2026, 6, 30))),
    ("2026-H2", (D(2026, 7, 1), D(2026, 12, 31))), ("2026", (D(2026, 1, 1), D(2026, 12, 31))),
    ("2026-13", None), ("2026-00", None), ("2026-1", None), ("2026Q0", None), ("2026Q5", None),
    ("2026H3", None), ("2026H0", None), ("26", None), ("20266", None), ("x2026", None), ("2026-03x", None),
])
def test_parse_period(text, period):
    from generator.reports.figures import parse_period
    assert parse_period(text) == period


# ---- dating an order from its history --------------------------------------------------

def _v(on, approval=None, status="open", deleted=False):
    from generator.reports.history import Version
    if deleted:
        return Version(on, "c", None)
    by, day, digest = approval or (None, None, None)
    return Version(on, "c", {"status": status, "filing": {"approved_by": by, "approved_on": day, "digest": digest}})


A1 = ("li", D(2026, 1, 9), "sha256:1")
A2 = ("wang", D(2026, 2, 9), "sha256:2")


def test_history_dates_publication_by_the_first_valid_approval_and_closing_after_it(sample):
    from generator.reports.figures import date_from_history
    o = _order(sample, "sg-2026-0101")
    versions = [_v(D(2026, 1, 5)), _v(D(2026, 1, 10), A1), _v(D(2026, 1, 20), A1), _v(D(2026, 2, 10), A2),
                _v(D(2026, 3, 1), A2, status="closed"), _v(D(2026, 3, 5), A2, status="closed")]
    date_from_history(o, versions, [False, True, True, True, True, True])
    assert (o.published_on, o.closed_on, o.changed_on, o.deleted, o.source) == (
        D(2026, 1, 10), D(2026, 3, 1), D(2026, 3, 5), False, "git")
    assert [(a.order, a.reviewer, a.on) for a in o.approvals] == [("sg-2026-0101", "li", D(2026, 1, 10)),
                                                                  ("sg-2026-0101", "wang", D(2026, 2, 10))]


def test_history_a_new_date_or_digest_by_the_same_reviewer_is_a_new_approval(sample):
    from generator.reports.figures import date_from_history
    o = _order(sample, "sg-2026-0101")
    versions = [_v(D(2026, 1, 10), A1), _v(D(2026, 1, 11), A1), _v(D(2026, 1, 12), ("li", D(2026, 1, 12), "sha256:1")),
                _v(D(2026, 1, 13), ("li", D(2026, 1, 12), "sha256:3")), _v(D(2026, 1, 14)),
                _v(D(2026, 1, 15), ("li", D(2026, 1, 12), "sha256:3"))]
    date_from_history(o, versions, [True, True, True, True, False, True])
    assert [a.on for a in o.approvals] == [D(2026, 1, 10), D(2026, 1, 12), D(2026, 1, 13)]


def test_history_closed_before_its_approval_then_reopened_is_open(sample):
    from generator.reports.figures import date_from_history
    o = _order(sample, "sg-2026-0101")
    date_from_history(o, [_v(D(2026, 1, 5), status="closed"), _v(D(2026, 1, 10), A1), _v(D(2026, 1, 20), A1)],
                      [False, True, True])
    assert (o.published_on, o.closed_on, o.source) == (D(2026, 1, 10), None, "git")


def test_history_an_invalid_approval_publishes_nothing_and_a_deletion_closes(sample):
    from generator.reports.figures import date_from_history
    o = _order(sample, "sg-2026-0101")
    date_from_history(o, [_v(D(2026, 1, 10), A1), _v(D(2026, 1, 12), A1), _v(D(2026, 2, 1), deleted=True)],
                      [False, True, False])
    assert (o.published_on, o.closed_on, o.deleted, o.changed_on) == (D(2026, 1, 12), D(2026, 2, 1), True, D(2026, 2, 1))
    never = _order(sample, "sg-2026-0102")
    date_from_history(never, [_v(D(2026, 1, 10), A1), _v(D(2026, 1, 11), A1, status="closed")], [False, False])
    assert (never.published_on, never.closed_on, never.approvals, never.source) == (None, None, [], "git")


def test_history_that_begins_closed_takes_the_approval_date(sample):
    from generator.reports.figures import date_from_history
    o = _order(sample, "sg-2026-0101")
    date_from_history(o, [_v(D(2026, 4, 1), A1, status="closed"), _v(D(2026, 5, 1), A1, status="closed")],
                      [True, True])
    assert (o.published_on, o.closed_on, o.source, o.deleted) == (
        sample.jobs["sg-2026-0101"].filing.approved_on, D(2026, 4, 1), "git+yaml", False)


def test_no_history_uses_the_file(sample):
    from generator.reports.figures import date_from_yaml
    job = sample.jobs["sg-2026-0101"]
    o = _order(sample, "sg-2026-0101")
    date_from_yaml(o, True)
    assert (o.source, o.published_on, o.changed_on, o.closed_on) == ("yaml", job.filing.approved_on, job.posted_on, None)
    assert [(a.order, a.reviewer, a.on) for a in o.approvals] == [("sg-2026-0101", job.filing.approved_by,
                                                                   job.filing.approved_on)]
    bad = _order(sample, "sg-2026-0102")
    date_from_yaml(bad, False)
    assert (bad.source, bad.published_on, bad.approvals) == ("yaml", None, [])


# ---- the other figures -------------------------------------------------------------------

def test_expired_means_past_apply_by_in_the_period_while_still_advertised(sample):
    # jp-2026-0201: apply_by 2026-12-15
    apply_by = sample.jobs["jp-2026-0201"].apply_by
    assert apply_by == D(2026, 12, 15)
    day = dt.timedelta(days=1)
    cases = {   # (published_on, closed_on, today) -> expired in December?
        (D(2026, 12, 1), None, apply_by + day): True,
        (D(2026, 12, 1), None, apply_by): False,                   # apply_by is still a day to apply
        (apply_by, None, apply_by + day): True,
        (apply_by + day, None, apply_by + 2 * day): False,         # published after it closed
        (None, None, apply_by + day): False,
        (D(2026, 12, 1), apply_by, apply_by + day): False,         # closed by hand first
        (D(2026, 12, 1), apply_by + day, apply_by + 2 * day): True,
        (D(2026, 12, 1), None, D(2027, 3, 1)): True,               # the report comes later
    }
    for (published, closed, today), expired in cases.items():
        f = _figures(sample, [_order(sample, "jp-2026-0201", published, closed)], D(2026, 12, 1), D(2026, 12, 31), today)
        assert [o.id for o in f.expired] == (["jp-2026-0201"] if expired else []), (published, closed, today)
    f = _figures(sample, [_order(sample, "jp-2026-0201", D(2026, 12, 1))], D(2026, 11, 1), D(2026, 11, 30), D(2027, 1, 1))
    assert f.expired == []                                         # apply_by outside the period


def test_refused_approvals_courses_and_shares(sample):
    from generator.reports.figures import Approval
    orders = [
        _order(sample, "sg-2026-0101", D(2026, 3, 2), refused=True, changed_on=D(2026, 3, 31),
               approvals=[Approval("sg-2026-0101", "wang", D(2026, 3, 2)),
                          Approval("sg-2026-0101", "li", D(2026, 4, 1))]),
        _order(sample, "sg-2026-0102", D(2026, 3, 1), refused=True, changed_on=D(2026, 4, 1),
               approvals=[Approval("sg-2026-0102", "li", D(2026, 3, 1), own_change=True)]),
        _order(sample, "jp-2026-0201", D(2026, 3, 2), refused=False, changed_on=D(2026, 3, 2),
               approvals=[Approval("jp-2026-0201", "li", D(2026, 3, 2)), Approval("jp-2026-0201", "li", D(2026, 2, 28))]),
    ]
    f = _figures(sample, orders, *MARCH)
    assert [o.id for o in f.refused] == ["sg-2026-0101"]
    assert [(a.order, a.reviewer, a.on) for a in f.approvals] == [
        ("sg-2026-0102", "li", D(2026, 3, 1)), ("jp-2026-0201", "li", D(2026, 3, 2)), ("sg-2026-0101", "wang", D(2026, 3, 2))]
    assert f.by_reviewer == [("li", 2, 1), ("wang", 1, 0)]
    assert [a.order for a in f.four_eyes] == ["sg-2026-0102"]
    # service fees: sg-0101 none, sg-0102 CNY 12,000, jp-0201 CNY 6,000
    assert (f.zero_fee, f.zero_fee_share) == (1, 1 / 3)
    assert _table(f.courses) == [("pre-departure-core", 3, 62), ("construction-safety", 2, 50),
                                 ("destination-singapore", 2, 50), ("destination-japan", 1, 12)]
    assert (f.courses[0].zh, f.courses[0].en) == (sample.courses["pre-departure-core"].course.title.zh,
                                                  sample.courses["pre-departure-core"].course.title.en)
    empty = _figures(sample, [], *MARCH)
    assert (empty.zero_fee, empty.zero_fee_share, empty.by_reviewer, empty.notes) == (0, None, [], [])


def test_a_training_course_named_twice_counts_once(sample):
    o = _order(sample, "sg-2026-0101", D(2026, 3, 2))
    o.job = _edit_training(o.job, ["pre-departure-core", "pre-departure-core"])
    assert _table(_figures(sample, [o], *MARCH).courses) == [("pre-departure-core", 1, 30)]


def _edit_training(job, training):
    return job.model_copy(update={"training": training})


def test_unknown_names_show_their_ids(sample):
    o = _order(sample, "sg-2026-0101", D(2026, 3, 2))
    o.job = o.job.model_copy(update={"agency": "gone", "trade": "gone-trade", "training": ["gone-course"],
                                     "employer": o.job.employer.model_copy(update={"country": "XX"})})
    f = _figures(sample, [o], *MARCH)
    for groups, key in ((f.by_agency, "gone"), (f.by_trade, "gone-trade"), (f.courses, "gone-course"),
                        (f.by_destination, "XX")):
        assert [(g.key, g.zh, g.en) for g in groups] == [(key, key, key)]
    f = figures([o], *MARCH, TODAY, None, {}, {}, {})
    assert [(g.key, g.zh) for g in f.by_trade] == [("gone-trade", "gone-trade")]


def test_overdue_for_review_while_advertised(sample):
    from generator.reports.figures import figures as compute
    sg = sample.countries["SG"]
    countries = {**sample.countries, "SG": sg.model_copy(update={"reviewed_on": D(2025, 2, 10)})}  # due 2026-02-10
    courses = {cid: files.course for cid, files in sample.courses.items()}

    def overdue(orders, start, end, today):
        f = compute(orders, start, end, today, sample.site, countries, sample.agencies, courses)
        return [(o.id, key, reviewed, due) for o, key, reviewed, due in f.overdue]
    row = [("sg-2026-0101", "SG", D(2025, 2, 10), D(2026, 2, 10))]
    advertised = _order(sample, "sg-2026-0101", D(2026, 1, 1))
    assert overdue([advertised], *MARCH, TODAY) == row
    assert overdue([advertised], D(2026, 2, 1), D(2026, 2, 10), TODAY) == []     # due on the last day: not yet
    assert overdue([advertised], D(2026, 2, 1), D(2026, 2, 11), TODAY) == row
    assert overdue([advertised], *MARCH, D(2026, 2, 10)) == []                  # as of today, not the period's end
    assert overdue([advertised], *MARCH, D(2026, 2, 11)) == row
    assert overdue([_order(sample, "sg-2026-0101", D(2026, 4, 1))], *MARCH, TODAY) == []          # published later
    assert overdue([_order(sample, "sg-2026-0101", D(2026, 3, 31))], *MARCH, TODAY) == row
    assert overdue([_order(sample, "sg-2026-0101", D(2026, 1, 1), D(2026, 2, 28))], *MARCH, TODAY) == []  # closed before
    assert overdue([_order(sample, "sg-2026-0101", D(2026, 1, 1), D(2026, 3, 1))], *MARCH, TODAY) == row
    assert overdue([_order(sample, "sg-2026-0101")], *MARCH, TODAY) == []       # never published
    ended = _order(sample, "sg-2026-0101", D(2025, 6, 1))
    ended.job = ended.job.model_copy(update={"apply_by": D(2026, 2, 28)})
    assert overdue([ended], *MARCH, TODAY) == []                               # past apply_by before the period
    ended.job = ended.job.model_copy(update={"apply_by": D(2026, 3, 1)})
    assert overdue([ended], *MARCH, TODAY) == row
    gone = _order(sample, "sg-2026-0101", D(2026, 1, 1))
    gone.job = gone.job.model_copy(update={"employer": gone.job.employer.model_copy(update={"country": "XX"})})
    assert overdue([gone], *MARCH, TODAY) == []
    f = figures([advertised], *MARCH, TODAY, None, countries, {}, {})          # no site: 12 months
    assert [(o.id, due) for o, _, _, due in f.overdue] == [("sg-2026-0101", D(2026, 2, 10))]
    six = sample.site.model_copy(update={"policy": sample.site.policy.model_copy(update={"content_review_months": 6})})
    f = figures([advertised], *MARCH, TODAY, six, countries, {}, {})          # the site's own period
    assert [(o.id, due) for o, _, _, due in f.overdue] == [("sg-2026-0101", D(2025, 8, 10))]


def test_notes_name_the_orders_dated_without_git_and_the_deleted_ones(sample):
    orders = [_order(sample, "sg-2026-0102", source="yaml"), _order(sample, "sg-2026-0101", source="yaml"),
              _order(sample, "jp-2026-0201", source="git+yaml"), _order(sample, "gd-2026-0501", deleted=True),
              _order(sample, "dz-2026-0301"), _order(sample, "ae-2026-0401", source="git+yaml", deleted=True)]
    notes = _figures(sample, orders, *MARCH).notes
    assert [n[1] for n in notes] == [
        "These orders have no git history (not committed, or not in a git repository): their publication date is "
        "filing.approved_on, and a closing cannot be dated: sg-2026-0101, sg-2026-0102",
        "These orders were already closed when their git history begins; their publication date is "
        "filing.approved_on: ae-2026-0401, jp-2026-0201",
        "These orders' files were deleted; the deletion counts as their closing: ae-2026-0401, gd-2026-0501"]
    assert [n[0] for n in notes] == [
        "以下招聘信息没有 git 历史（未提交，或不在 git 仓库中），发布日期取自 filing.approved_on，停招日期无法得知："
        "sg-2026-0101, sg-2026-0102",
        "以下招聘信息在 git 历史开始时已停招，发布日期取自 filing.approved_on：ae-2026-0401, jp-2026-0201",
        "以下招聘信息的文件已删除，按删除日期计为停招：ae-2026-0401, gd-2026-0501"]


def test_ends_on_is_the_earlier_of_closing_and_apply_by(sample):
    o = _order(sample, "jp-2026-0201", D(2026, 1, 1))
    assert o.ends_on == D(2026, 12, 15)
    o.closed_on = D(2026, 12, 14)
    assert o.ends_on == D(2026, 12, 14)
    o.closed_on = D(2026, 12, 16)
    assert o.ends_on == D(2026, 12, 15)


def test_groups_sort_by_positions_then_key(sample):
    orders = [_order(sample, j, D(2026, 3, 2)) for j in ("sg-2026-0102", "sg-2026-0101", "ae-2026-0401", "jp-2026-0202")]
    f = _figures(sample, orders, *MARCH)
    # 20 + 30 SG, 20 AE, 10 JP; construction 30 + 20, welding 20 (sg-0102), food processing 10
    assert _table(f.by_destination) == [("SG", 2, 50), ("AE", 1, 20), ("JP", 1, 10)]
    assert _table(f.by_trade) == [("construction", 2, 50), ("welding", 1, 20), ("food_processing", 1, 10)]
