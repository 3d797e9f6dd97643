"""The approval digest of a job order.

It covers every field except `filing.digest` itself and `status` (staff may close an
order without a new review). Any change to a covered field after approval changes the
digest, and the order is not published until it is approved again.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json

PREFIX = "sha256:"


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__}")


def canonical(data: dict) -> str:
    covered = copy.deepcopy(data)
    covered.pop("status", None)
    if isinstance(covered.get("filing"), dict):
        covered["filing"].pop("digest", None)
    return json.dumps(covered, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain)


def digest(data: dict) -> str:
    return PREFIX + hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()
