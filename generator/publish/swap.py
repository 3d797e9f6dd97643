"""The last step of a build: put the finished site in place of the old one, atomically,
one build at a time.

The work folder sits beside the output, so the swap is a rename on one disk. With Linux's
renameat2 exchange there is no moment without a complete site; elsewhere the old site is
renamed aside and the new one in. A killed build leaves only folders the next one removes.
"""
from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
import sys
from pathlib import Path


@contextlib.contextmanager
def exclusive(out: Path):
    """One build at a time per output folder: a second one waits for the first."""
    with open(out.parent / f".{out.name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"另一个构建正在写入 {out}，等待中… / Another build is writing {out}; waiting…",
                  file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


_libc = ctypes.CDLL(None, use_errno=True)
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    fn = getattr(_libc, "renameat2", None)
    if fn is None:
        return False
    return fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def swap(new: Path, out: Path) -> None:
    """Put `new` where `out` is. With an atomic exchange there is no moment without a site;
    elsewhere, rename the old one aside and the new one in."""
    if not out.exists():
        os.replace(new, out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)     # `new` now holds the previous site
        return
    os.replace(out, old)
    try:
        os.replace(new, out)
    except BaseException:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def remove_stale(out: Path) -> None:
    """Leftovers of builds that were killed: their work and old folders beside the output."""
    for stale in out.parent.glob(f".{out.name}.build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)
