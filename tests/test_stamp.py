"""Job and list pages stamped into the theme's shell are the pages MkDocs renders (issue 14).

The build renders one shell per kind of job or list page with MkDocs and fills it for
every order (generator/publish/stamp.py). A reader must not be able to tell: the same
header, language switch, search box, JSON-LD, CSP hashes and sitemap, byte for byte.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import yaml

from conftest import DEMO, TODAY, demo_sign
from generator.publish import stamp
from generator.vetting.approve import approved_text
from generator.source.yamlload import parse

# Titles with what HTML, Jinja and the stamp's own placeholders could trip over.
AWKWARD = {"zh": '钢筋工 <b>&amp;</b> "引号" \'单\' {{ x }} LxStampTitle LxStampBody',
           "en": 'Rebar <i>fixer</i> & "quoted" {{ x }} LxStampDescription jobs/lx-stamp-shell-0/'}


def _digest_tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def varied(tree) -> Path:
    """The sample with awkward titles on two open orders and one order closed (another
    kind of page: unlisted, not searchable)."""
    for job in ("sg-2026-0101", "jp-2026-0201"):
        path = tree / f"content/jobs/{job}.yml"
        data = yaml.safe_load(path.read_text("utf-8"))
        data["title"] = dict(AWKWARD)
        doc = parse(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), path.name)
        path.write_text(approved_text(doc, DEMO, dt.date(2026, 11, 20), demo_sign), "utf-8")
    closed = tree / "content/jobs/dz-2026-0302.yml"
    closed.write_text(closed.read_text("utf-8").replace("status: open", "status: closed"), "utf-8")
    return tree


def test_stamped_pages_are_the_pages_mkdocs_renders(varied, tmp_path, cli, monkeypatch):
    stamped, plain = tmp_path / "stamped", tmp_path / "plain"
    code, out, err = cli("--root", varied, "build", "--out", stamped, "--today", TODAY)
    assert code == 0, err
    page = (stamped / "jobs/sg-2026-0101/index.html").read_text("utf-8")
    assert "LxStampTitle LxStampBody" in page and 'application/ld+json' in page   # the titles did arrive
    assert "closed" in (stamped / "jobs/dz-2026-0302/index.html").read_text("utf-8")
    assert "lx-stamp-shell" not in "".join(_digest_tree(stamped))                 # no shell left behind
    assert "lx-stamp-shell" not in (stamped / "sitemap.xml").read_text("utf-8")

    monkeypatch.setattr(stamp, "stampable", lambda page: False)    # every page through MkDocs
    code, out, err = cli("--root", varied, "build", "--out", plain, "--today", TODAY)
    assert code == 0, err
    a, b = _digest_tree(stamped), _digest_tree(plain)
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_the_sample_stamps_its_job_and_list_pages(varied, tmp_path):
    """The test above compares something: most job and list pages are stamped, in
    more than one kind (open, closed; job page, list page)."""
    from generator.publish.build import renderer_for
    from generator.vetting.check import check
    today = dt.date.fromisoformat(TODAY)
    _, renderer = renderer_for(check(varied, today), varied, today)
    plan = stamp.plan(renderer.pages("en"), tmp_path / "spool")
    stamped = list(plan.canaries.values()) + [page for _, page in stamp.spooled(plan.spool)]
    assert len(stamped) == plan.count
    jobs = [p for p in stamped if p.path.count("/") == 2]
    assert len(jobs) >= 9 and len(plan.shells) >= 3
    assert {k.listed for k in plan.shells} == {True, False}


def test_a_stamp_unlike_mkdocs_fails_the_build(tree, tmp_path, cli, monkeypatch):
    real = stamp._Shell.fill
    monkeypatch.setattr(stamp._Shell, "fill", lambda self, page: real(self, page).replace("</h1>", "</h1> ", 1))
    out = tmp_path / "site"
    code, _, err = cli("--root", tree, "build", "--out", out, "--today", TODAY)
    assert code == 1 and "jobs/" in err and "MkDocs" in err
    assert not out.exists()
