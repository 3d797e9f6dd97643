"""Who made the last change to each job order's content, from the git history: the
four-eyes rule compares that person with the reviewer who approved it.

"Content" is everything but the approval (approved_by, approved_on, digest, signature)
and `status`: the commit in which a reviewer only approves, or staff only close an order,
changes no content. A working file that differs in content from its last commit was
changed here, by the person git would name as the author now (`git config user.email`).

Without history (not a git repository, no git, a shallow clone) there is no answer, and
the rule says so once instead of guessing.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generator.source.git import NoHistory, blobs, git, is_shallow, local_user
from generator.source.yamlload import Doc, parse
from generator.vetting.digest import content_digest

JOBS = "content/jobs"
_NOT_CONTENT = re.compile(r"(?m)^(?:status|\s+(?:approved_by|approved_on|digest|signature)):.*\n?")


@dataclass(frozen=True)
class Author:
    name: str
    email: str
    commit: str          # short hash, "" for a change not yet committed
    on: dt.date | None


@dataclass
class Authorship:
    authors: dict            # job id -> Author
    why_not: str = ""        # "", or why there is no history: "none", "shallow"


def _same_content(a: str | None, b: str | None, path: str) -> bool:
    if a is None or b is None:
        return a is b
    if _NOT_CONTENT.sub("", a) == _NOT_CONTENT.sub("", b):
        return True          # the usual case, decided without parsing
    da, db = parse(a, path), parse(b, path)
    if not (isinstance(da, Doc) and isinstance(db, Doc) and isinstance(da.data, dict) and isinstance(db.data, dict)):
        return False
    try:
        return content_digest(da.data) == content_digest(db.data)
    except TypeError:
        return False


def last_authors(root: Path, docs: dict[str, Doc]) -> Authorship:
    """For each order in `docs` (job id -> its Doc as read now), the author of the last
    change to its content."""
    try:
        git(root, "rev-parse", "--verify", "-q", "HEAD")
        if is_shallow(root):
            return Authorship({}, "shallow")
        prefix = git(root, "rev-parse", "--show-prefix").decode().strip()
        log = git(root, "log", "--no-renames", "--name-status", "--relative", "--format=%x1e%h%x1f%an%x1f%ae%x1f%aI",
                  "--", JOBS).decode("utf-8", "replace")
    except NoHistory:
        return Authorship({}, "none")
    versions: dict[str, list] = {}           # path -> [(commit, Author, deleted)], newest first
    for entry in log.split("\x1e")[1:]:
        head, _, files = entry.partition("\n")
        commit, name, email, when = (head.split("\x1f") + ["", "", "", ""])[:4]
        author = Author(name, email, commit, dt.datetime.fromisoformat(when.strip()).date())
        for line in files.splitlines():
            status, _, path = line.partition("\t")
            if path.startswith(JOBS + "/") and path.endswith(".yml"):
                versions.setdefault(path, []).append((commit, author, status[:1] == "D"))
    me = Author(*local_user(root), "", None)
    out: dict[str, Author] = {}
    # Walk every file back one version at a time, fetching each level in one batch.
    walking = {jid: (doc.path, doc.text, 0) for jid, doc in docs.items()}
    while walking:
        wanted = [(versions[p][i][0], p) for p, _, i in walking.values()
                  if i < len(versions.get(p, [])) and not versions[p][i][2]]
        texts = blobs(root, prefix, wanted)
        following = {}
        for jid, (path, newer, i) in walking.items():
            history = versions.get(path, [])
            if i >= len(history):                 # no older version: whoever made the newer one
                out[jid] = me if i == 0 else history[i - 1][1]
                continue
            commit, _, deleted = history[i]
            older = None if deleted else texts.get((commit, path))
            if not _same_content(newer, older, path):
                out[jid] = me if i == 0 else history[i - 1][1]
            else:
                following[jid] = (path, older, i + 1)
        walking = following
    return Authorship(out)


def is_reviewer(author: Author, reviewer) -> bool:
    """The reviewer, as git names them: their commit e-mail, or else their id or name."""
    if reviewer.email and author.email:
        return author.email.casefold() == reviewer.email.casefold()
    names = {reviewer.id, reviewer.name.zh, reviewer.name.en}
    return author.name.strip() in names
