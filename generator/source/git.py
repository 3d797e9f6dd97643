"""Reading the project's git history: who changed a file, and when.

The history is a help, never a requirement: outside a git repository, without git, or in a
shallow clone (most CI checkouts) the callers go on without it and say so.
"""
from __future__ import annotations

import subprocess
from pathlib import Path


class NoHistory(Exception):
    """Not a git repository, or git is not installed."""


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(root), *args], input=stdin,
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise NoHistory("git is not installed") from None
    if done.returncode != 0:
        raise NoHistory(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


def blobs(root: Path, prefix: str, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Many files at many commits, (commit, path) -> text, through one `git cat-file --batch`."""
    if not wanted:
        return {}
    request = "".join(f"{commit}:{prefix}{path}\n" for commit, path in wanted).encode("utf-8")
    raw = git(root, "cat-file", "--batch", stdin=request)
    out, at = {}, 0
    for key in wanted:
        end = raw.index(b"\n", at)
        header = raw[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            out[key] = raw[at:at + size].decode("utf-8-sig", "replace")
            at += size + 1
    return out


def is_shallow(root: Path) -> bool:
    return git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"


def local_user(root: Path) -> tuple[str, str]:
    """(name, e-mail) git would write as the author of a commit made here now."""
    def value(key: str) -> str:
        try:
            return git(root, "config", key).decode("utf-8", "replace").strip()
        except NoHistory:
            return ""
    return value("user.name"), value("user.email")
