"""The wage list (岗位供给清单): open orders per trade × destination, with the pay.

One row per trade and destination: how many orders and positions, the monthly wage in
CNY (lowest, median, highest), hours and rest days, the most a worker pays in costs for
one order, and whether housing and meals come with the job. Wages go through
source/money.py, the same conversion as the vacancy filter and vetting, so the list can
never disagree with a job page.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from generator.source import money


@dataclass(frozen=True)
class WageRow:
    trade: str
    country: str
    orders: int
    positions: int
    wage_low: int         # CNY a month, rounded to the yuan
    wage_median: int      # the middle order's wage (mean of the two middle ones for an even count)
    wage_high: int
    hours: tuple          # hours per week: (lowest, highest) across the orders
    rest_days: tuple      # rest days per month: (lowest, highest)
    max_costs: int        # the highest total a worker pays for one order, CNY
    housing: int          # how many of the orders provide housing
    meals: int            # … and meals

    @property
    def key(self) -> str:
        return f"{self.trade}-{self.country}"


def rows(jobs, rates) -> list[WageRow]:
    """`jobs`: the open orders. Sorted by trade, then destination, as staff keys them;
    the page sorts on screen."""
    groups: dict[tuple[str, str], list] = {}
    for job in jobs:
        groups.setdefault((job.trade, job.employer.country), []).append(job)
    out = []
    for (trade, country), group in sorted(groups.items()):
        wages = [money.monthly_wage_cny(j, rates) for j in group]
        costs = [money.worker_costs_cny(j, rates) for j in group]
        hours = [j.contract.hours_per_week for j in group]
        rest = [j.contract.rest_days_per_month for j in group]
        out.append(WageRow(
            trade=trade, country=country, orders=len(group), positions=sum(j.positions for j in group),
            wage_low=round(min(wages)), wage_median=round(statistics.median(wages)), wage_high=round(max(wages)),
            hours=(min(hours), max(hours)), rest_days=(min(rest), max(rest)), max_costs=round(max(costs)),
            housing=sum(j.provided.housing for j in group), meals=sum(j.provided.meals for j in group)))
    return out


def currencies(jobs) -> list[str]:
    """The foreign currencies the list converts, for the rate note under the table."""
    used = {j.wage.currency for j in jobs} | {c.currency for j in jobs for c in j.costs}
    return sorted(used - {"CNY"})
