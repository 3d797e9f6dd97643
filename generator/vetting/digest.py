"""The approval digest of a job order: what a reviewer's signature covers.

It covers every field except `filing.digest` and `filing.signature` themselves: the
content, the filing number, the reviewer, the date, and `status`. Any change to a covered
field after approval changes the digest, and the order is not published until it is
approved again.

`status` is covered so that opening an order needs a reviewer: an order approved while
closed cannot be set to open by whoever can commit. Closing needs no one: an approval
made while the order was open still holds once it is closed (`accepted`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

PREFIX = "sha256:"
UNCOVERED = ("digest", "signature")        # inside filing


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__}")


def canonical(data: dict) -> str:
    # Shallow copies: only the top level and filing change, and the data is never mutated.
    covered = dict(data)
    if isinstance(covered.get("filing"), dict):
        covered["filing"] = {k: v for k, v in covered["filing"].items() if k not in UNCOVERED}
    return json.dumps(covered, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain)


def digest(data: dict) -> str:
    return PREFIX + hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()


def accepted(data: dict) -> tuple[str, ...]:
    """The digests an approval of this order may carry: of the order as it is, and for a
    closed order also of the same order open (it was closed after approval)."""
    now = digest(data)
    if data.get("status") == "closed":
        return now, digest({**data, "status": "open"})
    return (now,)


def content_digest(data: dict) -> str:
    """The order's content without its approval and status: what its author wrote. Two
    versions with the same content digest differ only by an approval or a closing."""
    covered = {k: v for k, v in data.items() if k != "status"}
    if isinstance(covered.get("filing"), dict):
        covered["filing"] = {k: v for k, v in covered["filing"].items() if k not in ("approved_by", "approved_on")}
    return digest(covered)
