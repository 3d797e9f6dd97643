"""Four eyes: where git history is available, the reviewer may not be the author of the
last change to the order's content — a warning by default, a refusal under the policy;
the report counts approvals per reviewer and the exceptions."""
from __future__ import annotations

import csv
import os
import re
import subprocess

import pytest

from conftest import TODAY
from test_signatures import SG, _set, keys, staff  # noqa: F401 (fixtures)

WANG = ("Wang Fang", "wang.fang@example.org")
CLERK = ("Zhao Min", "zhao.min@example.org")


def _git(repo, *args, who=CLERK, date="2026-11-19"):
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1],
           "GIT_COMMITTER_NAME": who[0], "GIT_COMMITTER_EMAIL": who[1],
           "GIT_AUTHOR_DATE": f"{date}T10:00:00+08:00", "GIT_COMMITTER_DATE": f"{date}T10:00:00+08:00"}
    return subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True, text=True).stdout


def _commit(repo, message, who=CLERK, date="2026-11-19"):
    _git(repo, "add", "-A", who=who)
    _git(repo, "commit", "-q", "--no-verify", "-m", message, who=who, date=date)


@pytest.fixture
def repo(staff):
    _git(staff, "init", "-q", "-b", "main")
    _git(staff, "config", "user.name", WANG[0])       # the reviewer's own machine
    _git(staff, "config", "user.email", WANG[1])
    _commit(staff, "the sample", date="2026-11-01")
    return staff


def _approve(cli, repo, keys):
    return cli("--root", repo, "approve", repo / SG, "--by", "wang-fang", "--key", keys["wang-fang"],
               "--today", "2026-11-20")


def test_a_reviewer_approving_their_own_change_is_warned(repo, keys, cli, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    _set(repo, SG, r"^positions: 30", "positions: 32")
    _commit(repo, "Wang edits the order", who=WANG)
    code, out, err = _approve(cli, repo, keys)
    assert code == 0, err
    assert "[W-FILING-FOUR-EYES]" in err and "the reviewer 'wang-fang' also made the last change" in err
    commit = _git(repo, "log", "-1", "--format=%h").strip()
    _commit(repo, "Wang approves", who=WANG, date="2026-11-20")
    code, out, err = cli("--root", repo, "check", "--today", TODAY)
    assert code == 0, err                            # a warning: still published
    line = next(l for l in err.splitlines() if "[W-FILING-FOUR-EYES]" in l and "commit" in l)
    assert line.startswith(f"{SG}:") and f"commit {commit} (2026-11-19)" in line
    _set(repo, "site_config.yml", r"^  core_course: .*$", r"\g<0>\n  four_eyes: refuse")
    code, out, err = cli("--root", repo, "check", "--today", TODAY)
    assert code == 1 and "[V-FILING-FOUR-EYES]" in err
    assert re.search(r"sg-2026-0101 +未发布 REFUSED .*V-FILING-FOUR-EYES", out)


def test_an_uncommitted_change_is_the_local_users(repo, keys, cli, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    _set(repo, SG, r"^positions: 30", "positions: 32")   # edited on the reviewer's machine, not committed
    code, out, err = _approve(cli, repo, keys)
    assert code == 0, err
    assert "[W-FILING-FOUR-EYES]" in err and "a change not yet committed" in err


def test_a_change_by_someone_else_is_fine_and_the_report_counts(repo, keys, cli, monkeypatch, tmp_path):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    _set(repo, SG, r"^positions: 30", "positions: 32")
    _commit(repo, "the clerk edits the order", who=CLERK)
    code, out, err = _approve(cli, repo, keys)
    assert code == 0, err
    assert "FOUR-EYES" not in err
    _commit(repo, "Wang approves", who=WANG, date="2026-11-20")
    code, out, err = cli("--root", repo, "check", "--today", TODAY)
    assert code == 0 and "FOUR-EYES" not in err
    # one more, approved by the person who edited it
    other = "content/jobs/sg-2026-0102.yml"
    _set(repo, other, r"^positions: (\d+)", r"positions: 99")
    _commit(repo, "Wang edits another", who=WANG, date="2026-11-20")
    assert cli("--root", repo, "approve", repo / other, "--by", "wang-fang", "--key", keys["wang-fang"],
               "--today", "2026-11-20")[0] == 0
    _commit(repo, "Wang approves it", who=WANG, date="2026-11-20")
    code, printed, err = cli("--root", repo, "report", "--period", "2026-11", "--today", TODAY, "--out", tmp_path)
    assert code == 0, err
    with open(tmp_path / "report-2026-11-01_2026-11-30.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[1:]
    reviewers = {r[1]: (int(r[3]), r[7]) for r in rows if r[0].endswith("Approvals by reviewer")}
    assert reviewers["wang-fang"][0] == 2
    assert reviewers["demo-reviewer"][0] == 10         # the sample, first committed 2026-11-01
    exceptions = [r[1] for r in rows if "Four-eyes exceptions (" in r[0]]
    assert exceptions == ["sg-2026-0102"]
    assert "wang-fang" in printed and "sg-2026-0102" in printed


def test_a_shallow_clone_says_four_eyes_cannot_be_checked(repo, cli, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True,
                   capture_output=True)
    code, out, err = cli("--root", clone, "check", "--today", TODAY)
    assert code == 0, err
    assert "[W-FILING-FOUR-EYES-UNKNOWN]" in err and "shallow clone" in err
