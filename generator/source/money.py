"""Wages and costs on a common footing: per month, in CNY, with the contract's hours.

Used by vetting (minimum wage, fee limit), the vacancy list (wage filter), the wage list
and the hall screens, so they can never disagree about what an hourly wage is worth a month.
"""
from __future__ import annotations

DAYS_PER_MONTH = 365 / 12
WEEKS_PER_MONTH = 52 / 12


def monthly(amount: float, per: str, hours_per_week: float, rest_days_per_month: int) -> float:
    """An amount per hour, day or month as a monthly figure."""
    hours = hours_per_week * WEEKS_PER_MONTH
    workdays = DAYS_PER_MONTH - rest_days_per_month
    return {"hour": amount * hours, "day": amount * workdays, "month": amount}[per]


def to_cny(amount: float, currency: str, rates) -> float | None:
    """`rates` is site_config's exchange_rates; None when the currency has no rate."""
    rate = rates.rate(currency)
    return None if rate is None else amount * rate


def monthly_wage_cny(job, rates) -> float | None:
    c = job.contract
    return to_cny(monthly(job.wage.amount, job.wage.per, c.hours_per_week, c.rest_days_per_month),
                  job.wage.currency, rates)


def worker_costs_cny(job, rates) -> float | None:
    """Everything the worker pays for one order (service fee, medical, passport, …) in CNY;
    None when a cost's currency has no rate (crossref refuses such an order)."""
    costs = [to_cny(c.amount, c.currency, rates) for c in job.costs]
    return None if any(c is None for c in costs) else sum(costs)


def before_departure(job, rates) -> tuple[float, float | None, float | None] | None:
    """What the worker pays before leaving, set against the first month's pay: (total of
    the costs in CNY, the monthly wage in CNY at the contract's hours, total / wage).
    None when a cost has no rate; wage and share None when the wage's currency has none."""
    total = worker_costs_cny(job, rates)
    if total is None:
        return None
    wage = monthly_wage_cny(job, rates)
    return total, wage, (total / wage if wage else None)


def currencies(job) -> list[str]:
    """The foreign currencies an order's wage and costs are given in, sorted: the rates a
    page must state when it converts them."""
    return sorted({job.wage.currency, *(c.currency for c in job.costs if c.amount)} - {"CNY"})
