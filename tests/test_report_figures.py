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
