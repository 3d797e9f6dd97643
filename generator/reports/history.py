"""The git history of job orders: every committed version of every file in content/jobs/,
with the date it was committed. The monthly report dates approvals and closings from it,
so the centre keeps no database beside its YAML.

Only the first-parent line of the current branch counts: a change made on a branch is
dated by the merge that brought it in, which is when it was published.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.source.git import NoHistory, blobs, git as _git  # noqa: F401 (NoHistory: callers catch it here)
from generator.source.yamlload import Doc, parse

JOBS = "content/jobs"


@dataclass(frozen=True)
class Version:
    on: dt.date              # commit date, in the committer's own time zone
    commit: str
    data: dict | None        # None: the file was deleted in this commit, or did not parse


def job_versions(root: Path) -> dict[str, list[Version]]:
    """Job id -> its committed versions, oldest first. Raises NoHistory outside git."""
    _git(root, "rev-parse", "--verify", "-q", "HEAD")
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    log = _git(root, "log", "--first-parent", "-m", "--no-renames", "--name-status", "--relative",
               "--format=%x1e%H%x1f%cI", "--", JOBS).decode("utf-8", "replace")
    changes = []                                   # (date, commit, status, path), newest first
    for entry in log.split("\x1e")[1:]:
        head, _, files = entry.partition("\n")
        commit, _, when = head.partition("\x1f")
        on = dt.datetime.fromisoformat(when.strip()).date()
        for line in files.splitlines():
            status, _, path = line.partition("\t")
            if path.startswith(JOBS + "/") and path.endswith(".yml") and path.count("/") == 2:
                changes.append((on, commit, status[:1], path))
    changes.reverse()
    texts = blobs(root, prefix, [(c, p) for _, c, s, p in changes if s != "D"])
    out: dict[str, list[Version]] = {}
    for on, commit, status, path in changes:
        data = None
        if status != "D":
            doc = parse(texts.get((commit, path), ""), path)
            data = doc.data if isinstance(doc, Doc) and isinstance(doc.data, dict) else None
        out.setdefault(Path(path).stem, []).append(Version(on, commit, data))
    return out


def uncommitted(root: Path) -> set[str]:
    """Ids of job files that differ from the last commit, or were never committed."""
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", JOBS).decode("utf-8", "replace")
    return {Path(line[3:].strip()).stem for line in status.splitlines() if line[3:].strip().endswith(".yml")}
