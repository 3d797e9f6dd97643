"""The poster index does what the README says (issue 17, item 14): it prints one A4 sheet
per open order — all of them from one link, or one destination's from its board."""
from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from conftest import ROOT, TODAY
from generator.vetting.check import check


@pytest.fixture(scope="module")
def sample():
    return check(ROOT, dt.date.fromisoformat(TODAY))


def _open(sample) -> dict[str, str]:
    return {jid: sample.tree.jobs[jid].employer.country for jid, v in sample.verdicts.items() if v.state == "published"}


def test_the_index_links_every_order_at_once_and_each_destination(built_site, sample):
    index = (built_site / "posters/index.html").read_text("utf-8")
    assert 'href="all/"' in index
    for country in set(_open(sample).values()):
        assert f'href="board/{country.lower()}/"' in index
    everything = (built_site / "posters/all/index.html").read_text("utf-8")
    assert everything.count('class="lx-poster-sheet"') == len(_open(sample))
    for jid in _open(sample):
        assert sample.tree.jobs[jid].filing.number in everything


@pytest.mark.browser
@pytest.mark.parametrize("board", ["all", "board/sg"])
def test_each_order_prints_on_exactly_one_a4_sheet(browser, site_url, sample, tmp_path, board):
    page = browser.new_page()
    page.goto(f"{site_url}/posters/{board}/")
    pdf = tmp_path / "posters.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    orders = [j for j, c in _open(sample).items() if board == "all" or c == board.split("/")[1].upper()]
    assert pages == len(orders)
