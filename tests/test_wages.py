"""The wage list (/wages/, 岗位供给清单): every figure recomputed from the YAML, here with
its own arithmetic, for the sample and for a generated corpus; sorting, the destination
filter and the A4 print in Chromium."""
from __future__ import annotations

import datetime as dt
import random
import re
import statistics
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import DEMO, ROOT, TODAY, demo_sign
from generator.vetting.check import check


# ---- the figures, computed from the YAML files alone ---------------------------------

def _monthly(amount: float, per: str, hours: float, rest: int) -> float:
    # Hours a week over 52 weeks, days of the year less rest days, per month.
    return {"month": amount, "hour": amount * hours * 52 / 12, "day": amount * (365 / 12 - rest)}[per]


def expected(root: Path, today: dt.date) -> dict[tuple[str, str], dict]:
    site = yaml.safe_load((root / "site_config.yml").read_text("utf-8"))
    rates = {k: float(v) for k, v in site["exchange_rates"].items() if k != "as_of"}
    groups: dict[tuple[str, str], list[dict]] = {}
    for path in sorted((root / "content/jobs").glob("*.yml")):
        job = yaml.safe_load(path.read_text("utf-8"))
        if job["status"] == "open" and job["apply_by"] >= today:
            groups.setdefault((job["trade"], job["employer"]["country"]), []).append(job)
    out = {}
    for key, jobs in groups.items():
        wages = [_monthly(j["wage"]["amount"], j["wage"]["per"], j["contract"]["hours_per_week"],
                          j["contract"]["rest_days_per_month"]) * rates[j["wage"]["currency"]] for j in jobs]
        costs = [sum(c["amount"] * rates[c["currency"]] for c in j["costs"]) for j in jobs]
        hours = sorted(j["contract"]["hours_per_week"] for j in jobs)
        rest = sorted(j["contract"]["rest_days_per_month"] for j in jobs)
        out[key] = {"ids": {j["id"] for j in jobs}, "orders": len(jobs), "positions": sum(j["positions"] for j in jobs),
                    "low": round(min(wages)), "median": round(statistics.median(wages)), "high": round(max(wages)),
                    "hours": (hours[0], hours[-1]), "rest": (rest[0], rest[-1]), "costs": round(max(costs)),
                    "housing": sum(j["provided"]["housing"] for j in jobs),
                    "meals": sum(j["provided"]["meals"] for j in jobs)}
    return out


class _Table(HTMLParser):
    """The rows of the wage table: data-trade, data-country and each cell's text."""
    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-trade" in a:
            self.rows.append({"key": (a["data-trade"], a["data-country"]), "cells": []})
        elif tag in ("td", "th") and self.rows and "data-label" in a and self.cell is None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1]["cells"].append(self.cell.strip())
            self.cell = None
        elif tag == "tbody":
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def shown(html: str) -> dict[tuple[str, str], dict]:
    body = html[html.index('id="lx-wages"'):html.index("</tbody>")]
    parser = _Table()
    parser.feed(body)

    def number(text):
        return int(text.replace(",", ""))

    def span(text):
        parts = [number(p) for p in text.split("–")]
        return parts[0], parts[-1]

    out = {}
    for row in parser.rows:
        c = row["cells"]
        out[row["key"]] = {"orders": number(c[2]), "positions": number(c[3]), "low": number(c[4]),
                           "median": number(c[5]), "high": number(c[6]), "hours": span(c[7]), "rest": span(c[8]),
                           "costs": number(c[9]), "housing": c[10], "meals": c[11]}
    return out


def _provided(n: int, of: int) -> str:
    return "提供" if n == of else "不提供" if n == 0 else f"部分提供（{n}/{of}）"


def _compare(html: str, want: dict):
    got = shown(html)
    assert set(got) == set(want)
    for key, w in want.items():
        g = got[key]
        for field in ("orders", "positions", "low", "median", "high", "hours", "rest", "costs"):
            assert g[field] == w[field], (key, field, g[field], w[field])
        assert g["housing"] == _provided(w["housing"], w["orders"]), key
        assert g["meals"] == _provided(w["meals"], w["orders"]), key


# ---- the sample ------------------------------------------------------------------------

def test_sample_figures_match_the_yaml(built_site):
    today = dt.date.fromisoformat(TODAY)
    want = expected(ROOT, today)
    published = {j for j, v in check(ROOT, today).verdicts.items() if v.state == "published"}
    assert {i for w in want.values() for i in w["ids"]} == published      # the same orders the site lists
    html = (built_site / "wages/index.html").read_text("utf-8")
    _compare(html, want)
    # Two groups of two orders: a median between two wages, a "some" for meals.
    assert want[("construction", "SG")]["median"] == 9316 and "部分提供（1/2）" in html
    # The rate and its date are printed with the figures.
    assert "2026年11月1日" in html and "SGD 5.48" in html and "JPY 0.0466" in html
    en = (built_site / "en/wages/index.html").read_text("utf-8")
    assert "1 Nov 2026" in en and "Jobs and wages on offer" in en


def test_linked_from_home_and_every_destination(built_site):
    assert 'href="wages/"' in (built_site / "index.html").read_text("utf-8")
    assert 'href="wages/"' in (built_site / "en/index.html").read_text("utf-8")
    for page in sorted((built_site / "destinations").glob("*/index.html")):
        key = page.parent.name.upper()
        assert f'href="../../wages/?country={key}"' in page.read_text("utf-8"), page


# ---- a generated corpus ----------------------------------------------------------------

def _vary(path: Path, rng: random.Random):
    """Fewer hours, more rest days, other meals and housing (all still lawful), approved
    again as staff would: groups whose orders differ, so ranges and "some" show."""
    from generator.source.yamlload import parse
    from generator.vetting.approve import approved_text
    text = path.read_text("utf-8")
    text = re.sub(r"hours_per_week: (\d+)", lambda m: f"hours_per_week: {int(m[1]) - rng.choice([0, 0, 2, 4])}", text)
    text = re.sub(r"rest_days_per_month: (\d+)", lambda m: f"rest_days_per_month: {int(m[1]) + rng.choice([0, 1, 4])}",
                  text)
    text = re.sub(r"(housing|meals): (true|false)", lambda m: f"{m[1]}: {rng.choice(['true', 'false'])}", text)
    doc = parse(text, path.name)
    path.write_text(approved_text(doc, DEMO, dt.date.fromisoformat(TODAY), demo_sign), encoding="utf-8")


def test_generated_corpus_figures_match_the_yaml(tmp_path):
    from tests.benchmarks.generate import make_tree
    from generator.publish.build import renderer_for
    root = tmp_path / "corpus"
    make_tree(root, 60, seed=15)
    rng = random.Random(15)
    for path in sorted((root / "content/jobs").glob("*-b*.yml")):
        _vary(path, rng)
    today = dt.date.fromisoformat(TODAY)
    result = check(root, today)
    assert not result.refused
    want = expected(root, today)
    assert any(w["hours"][0] != w["hours"][1] for w in want.values())       # the corpus has ranges
    assert any(0 < w["meals"] < w["orders"] for w in want.values())
    assert any(w["orders"] % 2 == 0 for w in want.values())                # medians of an even count
    _, renderer = renderer_for(result, root, today)
    page = next(p for p in renderer.pages("zh") if p.path == "wages/")
    _compare(page.body, want)


# ---- in the browser ----------------------------------------------------------------------

@pytest.mark.browser
def test_sort_and_filter_on_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + "/wages/")
        header = page.locator("#lx-wages thead th", has_text="最低月工资")
        header.locator("button").click()
        values = page.locator("#lx-wages tbody tr td:nth-child(5)").evaluate_all(
            "els => els.map(e => Number(e.dataset.sort))")
        assert values == sorted(values, reverse=True) and len(set(values)) > 2
        assert header.get_attribute("aria-sort") == "descending"
        header.locator("button").click()
        values = page.locator("#lx-wages tbody tr td:nth-child(5)").evaluate_all(
            "els => els.map(e => Number(e.dataset.sort))")
        assert values == sorted(values)
        # From a destination page: only that destination, the totals follow.
        page.goto(site_url + "/destinations/sg/")
        page.locator('a[href$="wages/?country=SG"]').click()
        # The filter is applied by the page's script after navigation: wait for it, not a race.
        page.wait_for_url("**/wages/?country=SG")
        expect(page.locator("#lx-wages tbody tr:visible")).to_have_count(2)
        visible = page.locator("#lx-wages tbody tr:visible").evaluate_all("els => els.map(e => e.dataset.country)")
        assert set(visible) == {"SG"} and len(visible) == 2
        assert page.locator('tfoot [data-total="positions"]').inner_text() == "75"
        page.select_option(".lx-wages__filter select", "")
        assert page.locator("#lx-wages tbody tr:visible").count() == 7
        assert page.locator('tfoot [data-total="positions"]').inner_text() == "242"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_prints_on_one_a4_sheet(browser, site_url, prefix):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + prefix + "/wages/")
        pdf = page.pdf(format="A4")
        assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) == 1
        # A4 less the margins is about 718 CSS px wide: the table fits, nothing is cut off,
        # the screen's controls and the site's header are not printed.
        page.set_viewport_size({"width": 718, "height": 1000})
        page.emulate_media(media="print")
        assert page.evaluate("""() => { const t = document.getElementById('lx-wages');
            return t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1
                && t.scrollWidth <= t.clientWidth + 1; }""")
        for hidden in (".md-header", ".lx-wages__tools"):
            assert page.locator(hidden).is_hidden()
        assert page.locator(".lx-wages__centre").is_visible()
    finally:
        context.close()
