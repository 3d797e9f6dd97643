"""The verify index: filing and licence numbers a worker can check, in small shards.

A worker types a number from a poster or a chat; the browser normalises it the same way
as here (verify.js), hashes it, and downloads only the one shard that can hold it, so a
check costs a few hundred bytes even for a province with thousands of orders.
"""
from __future__ import annotations

import json
import unicodedata

SHARDS = 16


def normalise(number: str) -> str:
    """Full-width to half-width, case folded, only letters and digits: 'ｗｐ 2026－0101' → 'wp20260101'."""
    folded = unicodedata.normalize("NFKC", number).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def shard(key: str) -> int:
    """FNV-1a over the code points; verify.js computes the same."""
    h = 0x811C9DC5
    for ch in key:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % SHARDS


def entries(tree, states: dict[str, str], today) -> dict[str, dict]:
    """Normalised number → what a worker should be told. Refused orders are absent: to a
    worker they are exactly as unapproved as a number nobody ever filed."""
    out: dict[str, dict] = {}
    for job_id, state in sorted(states.items()):
        job = tree.jobs[job_id]
        if state not in ("open", "closed", "expired") or not job.filing.number:
            continue
        out[normalise(job.filing.number)] = {
            "kind": "order", "state": state, "number": job.filing.number, "path": f"jobs/{job_id}/",
            "title": {"zh": job.title.zh, "en": job.title.en}, "apply_by": job.apply_by.isoformat(),
            "approved_on": job.filing.approved_on.isoformat() if job.filing.approved_on else None,
            "approved_by": _reviewer_name(tree, job.filing.approved_by), "signed": bool(job.filing.signature)}
    for agency_id, agency in sorted(tree.agencies.items()):
        out.setdefault(normalise(agency.licence.number), {
            "kind": "agency", "number": agency.licence.number, "name": {"zh": agency.name.zh, "en": agency.name.en},
            "valid_until": agency.licence.valid_until.isoformat(),
            "state": "valid" if agency.licence.valid_until >= today else "expired",
            "scope": sorted(agency.licence.scope), "phone": agency.phone})
    return out


def _reviewer_name(tree, reviewer_id: str | None) -> dict | None:
    reviewer = tree.reviewers.get(reviewer_id) if reviewer_id else None
    return {"zh": reviewer.name.zh, "en": reviewer.name.en} if reviewer else None


def shard_files(index: dict[str, dict]) -> dict[str, str]:
    """File name → JSON text; every shard exists, so a miss is a clean 'not found'."""
    shards: list[dict] = [{} for _ in range(SHARDS)]
    for key, entry in index.items():
        shards[shard(key)][key] = entry
    # json.dumps escapes nothing HTML-dangerous by default; these are fetched as data and
    # written into the page with textContent only.
    return {f"{i:02d}.json": json.dumps(s, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            for i, s in enumerate(shards)}
