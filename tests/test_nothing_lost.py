"""A build killed at any point, a full disk, or two builds at once never damage site/."""
from __future__ import annotations

import errno
import hashlib
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

from conftest import TODAY


def _digests(root: pathlib.Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _build_cmd(tree, out):
    return [sys.executable, "-m", "generator", "--root", str(tree), "build", "--out", str(out), "--today", TODAY]


def _strays(out: pathlib.Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith(f".{out.name}.") and p.name != f".{out.name}.lock")


@pytest.fixture
def built(tree):
    out = tree / "site"
    subprocess.run(_build_cmd(tree, out), check=True, capture_output=True)
    return tree, out, _digests(out)


@pytest.mark.parametrize("delay", [0.3, 1.0, 1.8, 2.6])
def test_killed_build_leaves_previous_site_intact(built, delay):
    tree, out, before = built
    # A visible change, so a build that did finish would differ.
    job = tree / "content/jobs/sg-2026-0101.yml"
    job.write_text(job.read_text("utf-8").replace("status: open", "status: closed"), "utf-8")
    proc = subprocess.Popen(_build_cmd(tree, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    time.sleep(delay)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)      # the whole build: generator and MkDocs workers
    proc.wait()
    after = _digests(out)
    # the next successful build cleans up whatever the killed one left
    subprocess.run(_build_cmd(tree, out), check=True, capture_output=True)
    assert _strays(out) == []
    # killed before the swap: the old site; killed after it: the complete new one
    # (builds are deterministic); never anything in between
    assert after in (before, _digests(out)), "a killed build left a damaged site/"
    assert "此岗位已停止招聘" in (out / "jobs/sg-2026-0101/index.html").read_text("utf-8")


def test_disk_full_while_writing_leaves_site_intact(built, cli, monkeypatch):
    tree, out, before = built
    real = pathlib.Path.write_text

    def full_disk(self, *args, **kwargs):
        if ".site.build-" in str(self) and self.name == "index.md":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, *args, **kwargs)
    monkeypatch.setattr(pathlib.Path, "write_text", full_disk)
    code, _, err = cli("--root", tree, "build", "--out", out, "--today", TODAY)
    assert code == 1
    assert "构建失败：无法写入：磁盘已满" in err and "Build failed: could not write: the disk is full" in err
    assert "Traceback" not in err
    assert _digests(out) == before
    assert _strays(out) == []


@pytest.mark.parametrize("where", ["jobs/sg-2026-0101/index.html", "search/index/meta.json"])
def test_disk_full_after_mkdocs_leaves_site_intact(built, cli, monkeypatch, where):
    """Stamping the job pages and writing the search index come after MkDocs, in each
    language's thread: a full disk there fails the whole build too, in our words."""
    tree, out, before = built
    real = pathlib.Path.write_text

    def full_disk(self, *args, **kwargs):
        if ".site.build-" in str(self) and str(self).endswith(where):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, *args, **kwargs)
    monkeypatch.setattr(pathlib.Path, "write_text", full_disk)
    code, _, err = cli("--root", tree, "build", "--out", out, "--today", TODAY)
    assert code == 1, err
    assert "磁盘已满" in err and "the disk is full" in err and "Traceback" not in err
    assert _digests(out) == before
    assert _strays(out) == []


def test_two_builds_at_once_do_not_corrupt_the_site(built):
    tree, out, before = built
    procs = [subprocess.Popen(_build_cmd(tree, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    results = [p.communicate() + (p.returncode,) for p in procs]
    assert [r[2] for r in results] == [0, 0], results
    assert _digests(out) == before            # same input, same bytes, nothing half-written
    assert _strays(out) == []
