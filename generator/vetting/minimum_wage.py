"""Which legal minimum wage applies to a job order: the one in force at its place of work
on the day it starts.

Minimum wages differ by prefecture, province or city tier and change every year (Japan's
47 prefectures each revise theirs between October and March). Comparing every order with
one national figure either refuses lawful orders or passes unlawful ones, so the country
file lists each region's rate with the date it took effect, and the order names its region.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.problems import msg
from generator.source.models import Country, Job, MinimumWage


@dataclass(frozen=True)
class Floor:
    """The answer for one order: the rate that applies, or why none could be chosen."""
    wage: MinimumWage | None
    problem: str = ""          # "", "no_region", "unknown_region" or "not_in_force"


def regions(country: Country) -> list[str]:
    return sorted({r for w in country.minimum_wages for r in w.regions})


def applicable(country: Country, job: Job) -> Floor:
    """The rate in force on the order's start date for its region; a national rate (regions
    []) applies where no regional one is listed. None, with the reason, when nothing fits:
    the rule then warns rather than passing the order in silence."""
    if country.no_minimum_wage is not None:
        return Floor(None)
    region = job.employer.region
    candidates = [w for w in country.minimum_wages if region is not None and region in w.regions]
    if not candidates:
        candidates = [w for w in country.minimum_wages if not w.regions]
    if not candidates:
        return Floor(None, "unknown_region" if region else "no_region")
    return in_force(candidates, job.start_date)


def in_force(candidates: list[MinimumWage], on: dt.date) -> Floor:
    started = [w for w in candidates if w.effective_from <= on]
    if not started:
        return Floor(None, "not_in_force")
    return Floor(max(started, key=lambda w: w.effective_from))


# ---- what the wage rule says when it cannot compare, or compares with an old rate ----
# Each yields (code, field, (zh, en)); rules.wage makes them warnings.

def outdated(job: Job, country: Country, minimum: MinimumWage):
    """W-WAGE-OUTDATED: where rates are revised on a cycle (Japan: every year), a rate that took
    effect a whole cycle before the order starts has probably been replaced by one not yet on file."""
    months = country.minimum_wage_revision_months
    start, took = job.start_date, minimum.effective_from
    if months is None or (start.year - took.year) * 12 + start.month - took.month < months:
        return
    path = f"content/countries/{country.key}.yml"
    yield "W-WAGE-OUTDATED", ("wage", "amount"), msg(
        f"核对用的是{minimum.region_name.zh}自 {minimum.effective_from} 起的最低工资，到出发时（{job.starts}）已满 "
        f"{months} 个月，很可能已有新标准", f"在 {path} 的 minimum_wages 中加上新标准（含生效日期和来源）",
        f"the wage was checked against the minimum wage of {minimum.region_name.en} from {minimum.effective_from}, "
        f"{months} months or more before the order starts ({job.starts}); a newer rate probably applies",
        f"add the new rate, with its date and source, to minimum_wages in {path}")


def unchecked(job: Job, country: Country, problem: str):
    """W-WAGE-REGION: the wage could not be compared. A warning, not a silent pass: staff
    learn that the destination file lacks the region or the rate in force."""
    if not problem:
        return           # the country states it has no general minimum wage
    known = ", ".join(regions(country)) or "—"
    region = job.employer.region
    path = f"content/countries/{country.key}.yml"
    if problem == "no_region":
        what = (f"{country.name.zh}的最低工资按地区规定，本岗位没有写工作地点所属的地区，无法核对工资",
                f"employer.region 写其中之一：{known}",
                f"{country.name.en} sets minimum wages by region and this order names none, so its wage "
                "was not checked", f"set employer.region to one of: {known}")
    elif problem == "unknown_region":
        what = (f"{path} 中没有地区“{region}”的最低工资，也没有全国标准，无法核对工资",
                f"在 {path} 的 minimum_wages 中加上该地区的标准（含来源），或改用：{known}",
                f"{path} lists no minimum wage for region '{region}' and no national one, so the wage was not "
                "checked", f"add that region's rate (with its source) to minimum_wages in {path}, or use: {known}")
    else:
        what = (f"{path} 中没有在 {job.starts} 已经生效的最低工资，无法核对工资",
                f"在 {path} 的 minimum_wages 中加上当时有效的标准",
                f"{path} lists no minimum wage in force when the order starts ({job.starts}), so the wage was "
                "not checked", f"add the rate in force then to minimum_wages in {path}")
    yield "W-WAGE-REGION", ("employer", "region") if region else ("employer", "city"), msg(*what)
