"""The preview reuses the order-only vetting findings of its last good rebuild after an
edit to job orders only, and never after an edit to anything those findings depend on."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import TODAY
from generator.preview.incremental import IncrementalBuild
from generator.vetting.rules import Refusal

ORDER = "content/jobs/sg-2026-0101.yml"


@pytest.fixture
def builder(tree, tmp_path):
    b = IncrementalBuild(tree, tmp_path / "preview")
    yield b
    b.close()


def _codes(result, job_id):
    v = result.verdicts[job_id]
    return {r.code for r in v.refusals + v.warnings}


def _plant(builder, job_path: str) -> None:
    today, known = builder.findings
    [key] = [k for k in known if k[0] == job_path]
    known[key]["wording"] = [Refusal("V-WORDING", ("title",), "植入的发现", "PLANTED finding")]


def _touch(path) -> None:
    path.write_text(path.read_text("utf-8") + "\n", "utf-8")     # same data, another file


def test_an_order_only_edit_reuses_the_other_orders_findings(builder, tree):
    today = dt.date.fromisoformat(TODAY)
    builder.rebuild(today)
    _plant(builder, ORDER)
    _touch(tree / "content/jobs/sg-2026-0102.yml")
    result = builder.rebuild(today)
    assert "V-WORDING" in _codes(result, "sg-2026-0101")           # reused: the plant shows
    _plant(builder, ORDER)
    _touch(tree / ORDER)                                            # its own file changed: vetted anew
    assert "V-WORDING" not in _codes(builder.rebuild(today), "sg-2026-0101")


def test_a_policy_edit_or_another_day_vets_every_order_anew(builder, tree):
    today = dt.date.fromisoformat(TODAY)
    builder.rebuild(today)
    _plant(builder, ORDER)
    config = tree / "site_config.yml"
    config.write_text(config.read_text("utf-8").replace("banned_phrases: [", "banned_phrases: [无此用语, ", 1), "utf-8")
    assert "V-WORDING" not in _codes(builder.rebuild(today), "sg-2026-0101")
    _plant(builder, ORDER)
    _touch(tree / "content/jobs/sg-2026-0102.yml")
    assert "V-WORDING" not in _codes(builder.rebuild(today + dt.timedelta(days=1)), "sg-2026-0101")
