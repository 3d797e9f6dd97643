"""The swap itself: readers of site/ never see it missing or mixed, and a build that fails
or is killed exactly at the swap leaves either the old site or the complete new one.

(tests/test_nothing_lost.py kills builds at fixed delays, which all land before the swap.)
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import TODAY
from generator.publish import swap as swap_mod

# Three pages a visitor moves between: the home page and two it links to.
PAGES = ("index.html", "jobs/sg-2026-0101/index.html", "en/index.html")


def _digests(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _strays(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith(f".{out.name}.") and p.name != f".{out.name}.lock")


class Reader(threading.Thread):
    """Polls the three pages as fast as it can. Each page carries its build's generation
    (`bldgenNx`, 0 when absent); generations only grow, so when the home page reads the
    same before and after the two others, no swap came in between and all three must agree."""
    GEN = re.compile(r"bldgen(\d+)x")

    def __init__(self, out: Path, pause: float = 0.0):
        super().__init__(daemon=True)
        self.out, self.pause, self.stop = out, pause, threading.Event()
        self.reads, self.seen, self.problems = 0, set(), []

    def _gen(self, page: str) -> int:
        text = (self.out / page).read_text("utf-8")
        if "</html>" not in text:
            raise ValueError(f"{page} is truncated")
        gens = {int(g) for g in self.GEN.findall(text)} or {0}
        if len(gens) > 1:
            raise ValueError(f"{page} mixes builds {sorted(gens)}")
        return gens.pop()

    def run(self):
        last = 0
        while not self.stop.wait(self.pause):
            try:
                first = self._gen(PAGES[0])
                others = [self._gen(p) for p in PAGES[1:]]
                again = self._gen(PAGES[0])
            except (OSError, ValueError) as exc:
                self.problems.append(repr(exc))
                continue
            self.reads += 1
            self.seen.update([first, again])
            if first == again and set(others) != {first}:
                self.problems.append(f"mixed site: {dict(zip(PAGES, [first, *others]))}")
            if first < last:
                self.problems.append(f"went back from build {last} to {first}")
            last = again


def _fake_site(path: Path, gen: int, filler: int = 150) -> Path:
    """A site of `filler` extra files besides the three pages, every file marked `gen`."""
    page = f"<!doctype html><html><title>bldgen{gen}x</title><body>bldgen{gen}x</body></html>\n"
    for name in PAGES + tuple(f"assets/f{i:03}/index.html" for i in range(filler)):
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(page, "utf-8")
    return path


def test_readers_never_see_a_missing_or_mixed_site_while_swapping(tmp_path):
    out = _fake_site(tmp_path / "site", 0)
    reader = Reader(out)
    reader.start()
    try:
        for gen in range(1, 11):
            swap_mod.swap(_fake_site(tmp_path / f".site.build-{gen}", gen), out)
    finally:
        reader.stop.set()
        reader.join()
    assert reader.problems == [], reader.problems[:5]
    assert reader.reads > 15 and len(reader.seen) > 2, (reader.reads, reader.seen)
    assert _digests(out) == _digests(_fake_site(tmp_path / "expected", 10))
    assert _strays(out) == []


@pytest.fixture(params=["exchange", "fallback"])
def rename_fails(request, monkeypatch):
    """Every way of putting the new site in place fails (ENOSPC/EIO from the disk); on
    "fallback" renameat2 is also missing, as off Linux, so the old site is renamed aside first."""
    if request.param == "fallback":
        monkeypatch.setattr(swap_mod, "_exchange", lambda a, b: False)
    else:
        def exchange_fails(a, b):
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(a))
        monkeypatch.setattr(swap_mod, "_exchange", exchange_fails)
    for name in ("replace", "rename"):
        real = getattr(os, name)

        def failing(src, dst, *args, _real=real, **kwargs):
            if ".build-" in str(src) and Path(dst).name == "site":
                raise OSError(errno.EIO, os.strerror(errno.EIO), str(src))
            return _real(src, dst, *args, **kwargs)
        monkeypatch.setattr(os, name, failing)
    return request.param


def test_a_rename_that_fails_at_the_swap_leaves_the_old_site(tmp_path, rename_fails):
    out = _fake_site(tmp_path / "site", 0)
    before = _digests(out)
    new = _fake_site(tmp_path / ".site.build-1", 1)
    with pytest.raises(OSError):
        swap_mod.swap(new, out)
    assert _digests(out) == before
    assert _digests(new) == _digests(_fake_site(tmp_path / "expected", 1)), "the new site was damaged"
    assert [p.name for p in tmp_path.iterdir() if ".old-" in p.name] == []


@pytest.mark.parametrize("rename_fails", ["exchange"], indirect=True)
def test_a_build_whose_swap_fails_reports_it_and_keeps_the_old_site(tree, tmp_path, cli, rename_fails):
    out = tmp_path / "site"
    _fake_site(out, 0)
    before = _digests(out)
    code, _, err = cli("--root", tree, "build", "--out", out, "--today", TODAY, "--report-dir", tmp_path / "r")
    assert code == 1
    assert "构建失败" in err and "Build failed" in err and "Traceback" not in err
    assert _digests(out) == before
    assert _strays(out) == []


# Run a build that SIGKILLs itself at the swap: just before or just after the rename
# (renameat2, os.replace or os.rename) that puts the finished site in place, i.e. whose
# destination is the output folder.
KILL_AT_SWAP = r"""
import os, signal, sys
from generator.publish import swap
when = sys.argv[1]

def deadly(real):
    def op(src, dst, *args, **kwargs):
        hit = Path(dst) == Path(os.environ["KILL_AT_SWAP_INTO"])      # the rename into the output
        if hit and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = real(src, dst, *args, **kwargs)
        if hit and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    return op

from pathlib import Path
swap._exchange = deadly(swap._exchange)
os.replace, os.rename = deadly(os.replace), deadly(os.rename)
from generator.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A sample tree and the site a complete build of it gives (builds are deterministic)."""
    from conftest import copy_tree
    base = tmp_path_factory.mktemp("fresh")
    args = ["--root", str(copy_tree(base / "tree")), "build", "--today", TODAY, "--report-dir", str(base / "r")]
    subprocess.run([sys.executable, "-m", "generator", *args, "--out", str(base / "site")],
                   check=True, capture_output=True)
    return args, base / "site"


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_build_killed_at_the_swap_leaves_the_old_or_the_complete_new_site(fresh, tmp_path, when):
    args, new = fresh
    out = tmp_path / "site"
    shutil.copytree(new, out)
    (out / "index.html").write_text("<html>the previous site</html>", "utf-8")
    before = _digests(out)

    killed = subprocess.run([sys.executable, "-c", KILL_AT_SWAP, when, *args, "--out", str(out)],
                            capture_output=True, text=True, env={**os.environ, "KILL_AT_SWAP_INTO": str(out.resolve())})
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]    # it did reach the swap
    assert _digests(out) == (before if when == "before" else _digests(new))
    swap_mod.remove_stale(out)      # what the next build does first
    assert _strays(out) == []


def test_readers_never_see_a_missing_or_mixed_site_during_rebuilds(tree, tmp_path):
    """Real builds, each a new generation in the site name, while a reader polls."""
    out = tmp_path / "site"
    config = tree / "site_config.yml"
    text = config.read_text("utf-8")
    reader = None
    for gen in range(3):
        marked = text.replace("服务中心\n", f"服务中心 bldgen{gen}x\n").replace("Service Centre\n",
                                                                              f"Service Centre bldgen{gen}x\n")
        assert marked.count(f"bldgen{gen}x") == 2
        config.write_text(marked, "utf-8")
        subprocess.run([sys.executable, "-m", "generator", "--root", str(tree), "build", "--out", str(out),
                        "--today", TODAY, "--report-dir", str(tmp_path / "r")], check=True, capture_output=True)
        if reader is None:          # from the first build on, the site is never missing
            reader = Reader(out, pause=0.002)    # leaves the builds some CPU
            reader.start()
    reader.stop.set()
    reader.join()
    assert reader.problems == [], reader.problems[:5]
    assert reader.seen == {0, 1, 2}, reader.seen
    assert _strays(out) == []


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path, capsys):
    out, order = tmp_path / "site", []

    def second():
        with swap_mod.exclusive(out):
            order.append("second")
    with swap_mod.exclusive(out):
        waiting = threading.Thread(target=second)
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive(), "the second build did not wait"
        order.append("first")
    waiting.join(10)
    assert order == ["first", "second"]
    err = capsys.readouterr().err
    assert "另一个构建正在写入" in err and "Another build is writing" in err and str(out) in err
    assert (tmp_path / ".site.lock").is_file()
    with swap_mod.exclusive(out):     # free again, and no message when nobody holds it
        pass
    assert capsys.readouterr().err == ""


def test_stale_work_and_old_folders_are_removed_and_nothing_else(tmp_path):
    out = _fake_site(tmp_path / "site", 0, filler=1)
    for name in (".site.build-abc", ".site.old-123", ".other.build-1", ".site.lock", "site-old"):
        _fake_site(tmp_path / name, 1, filler=1) if name != ".site.lock" else (tmp_path / name).write_text("")
    swap_mod.remove_stale(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.build-1", ".site.lock", "site", "site-old"]


def test_the_first_swap_puts_the_site_in_place(tmp_path):
    new = _fake_site(tmp_path / ".site.build-1", 1, filler=1)
    expected = _digests(new)
    swap_mod.swap(new, tmp_path / "site")
    assert _digests(tmp_path / "site") == expected and not new.exists()


def test_without_renameat2_the_old_site_is_renamed_aside_then_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(swap_mod, "_exchange", lambda a, b: False)
    out = _fake_site(tmp_path / "site", 0, filler=1)
    swap_mod.swap(_fake_site(tmp_path / ".site.build-1", 1, filler=1), out)
    assert _digests(out) == _digests(_fake_site(tmp_path / "expected", 1, filler=1))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["expected", "site"]


@pytest.mark.skipif(not hasattr(swap_mod._libc, "renameat2"), reason="renameat2 is Linux (glibc ≥ 2.28)")
def test_on_linux_the_swap_is_one_exchange_with_no_rename(tmp_path, monkeypatch):
    a, b = _fake_site(tmp_path / "a", 1, filler=1), _fake_site(tmp_path / "b", 2, filler=1)
    assert swap_mod._exchange(a, b) is True
    assert "bldgen2x" in (a / "index.html").read_text() and "bldgen1x" in (b / "index.html").read_text()
    assert swap_mod._exchange(a, tmp_path / "missing") is False
    monkeypatch.chdir(tmp_path)                 # relative paths: both are taken from the working folder
    assert swap_mod._exchange(Path("a"), Path("b")) is True
    assert swap_mod._exchange(Path("a"), Path("b")) is True     # and back

    def no_rename(*args, **kwargs):
        raise AssertionError("renamed: there would be a moment without a site")
    monkeypatch.setattr(os, "replace", no_rename)
    monkeypatch.setattr(os, "rename", no_rename)
    swap_mod.swap(_fake_site(tmp_path / ".site.build-1", 3, filler=1), b)
    assert "bldgen3x" in (b / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_without_renameat2_in_libc_exchange_says_it_cannot(tmp_path, monkeypatch):
    monkeypatch.setattr(swap_mod, "_libc", object())
    a, b = _fake_site(tmp_path / "a", 1, filler=1), _fake_site(tmp_path / "b", 2, filler=1)
    assert swap_mod._exchange(a, b) is False
    assert "bldgen1x" in (a / "index.html").read_text()


def test_a_leftover_that_cannot_be_removed_does_not_fail_the_swap(tmp_path, monkeypatch):
    """A busy file in the previous site (say an NFS .nfs… file a reader holds open) can stop
    its removal: the new site is in place all the same, and the next build removes it."""
    real = shutil.rmtree

    def busy(path, ignore_errors=False, **kwargs):
        if not ignore_errors:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(path))
        return real(path, ignore_errors=ignore_errors, **kwargs)
    monkeypatch.setattr(shutil, "rmtree", busy)
    out = _fake_site(tmp_path / "site", 0, filler=1)
    _fake_site(tmp_path / ".site.build-old", 9, filler=1)
    swap_mod.remove_stale(out)
    _fake_site(tmp_path / ".site.old-1", 9, filler=1)
    swap_mod.remove_stale(out)
    swap_mod.swap(_fake_site(tmp_path / ".site.build-1", 1, filler=1), out)
    monkeypatch.setattr(swap_mod, "_exchange", lambda a, b: False)
    swap_mod.swap(_fake_site(tmp_path / ".site.build-2", 2, filler=1), out)
    assert "bldgen2x" in (out / "index.html").read_text()
