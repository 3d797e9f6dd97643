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
