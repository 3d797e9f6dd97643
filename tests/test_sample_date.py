"""The demo never goes stale: the sample declares the date it is written for, and the
README's first command builds it as of that date, whatever the clock says."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import ROOT, copy_tree
from generator.vetting.check import check
from generator.source.load import load_tree
from generator.problems import Collector


def _sample_date():
    tree = load_tree(ROOT, Collector())
    assert tree.site.sample_date is not None, "site_config.yml must declare sample_date for the demo"
    return tree, tree.site.sample_date


def test_every_open_sample_order_is_published_on_the_sample_date():
    tree, day = _sample_date()
    result = check(ROOT, day)
    open_orders = {jid for jid, job in tree.jobs.items() if job.status == "open"}
    published = {jid for jid, v in result.verdicts.items() if v.state == "published"}
    assert open_orders and published == open_orders, {
        jid: (v.state, [r.code for r in v.refusals]) for jid, v in result.verdicts.items() if jid in open_orders}
    assert not [p for p in result.problems if not p.warning]


def test_the_demo_build_ignores_the_clock(tmp_path):
    """Command (1) run years from now (faketime) still shows every open sample order."""
    assert shutil.which("faketime"), "faketime is needed (scripts/test.sh installs Debian's faketime)"
    tree, _ = _sample_date()
    open_orders = sorted(jid for jid, job in tree.jobs.items() if job.status == "open")
    src = copy_tree(tmp_path / "tree")
    out = tmp_path / "site"
    proc = subprocess.run(["faketime", "2029-03-01 12:00:00", sys.executable, "-m", "generator", "--root", str(src),
                           "build", "--today", "sample", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "sample_date" in proc.stdout.splitlines()[-1]          # it says so in its last lines
    listed = set(re.findall(r'href="([a-z]{2}-\d{4}-\d{4})/"', (out / "jobs/index.html").read_text("utf-8")))
    assert listed == set(open_orders)


def test_real_builds_keep_the_real_date(tree, cli):
    """Without --today sample the clock decides; and a tree without sample_date says how
    to fix `--today sample` instead of failing obscurely."""
    config = tree / "site_config.yml"
    config.write_text(re.sub(r"(?m)^sample_date:.*\n", "", config.read_text("utf-8")), "utf-8")
    code, _, err = cli("--root", tree, "check", "--today", "sample")
    assert code == 1 and "site_config.yml" in err and "sample_date" in err and "Traceback" not in err
    assert re.search(r"[\u4e00-\u9fff]", err.splitlines()[0])
