"""Site search with Pagefind, run once over the finished bilingual site.

Pagefind splits the index by `<html lang>`, so a Chinese search downloads only Chinese
chunks, and only the chunks its words need: a phone never downloads the whole index.
The `extended` build segments Chinese text into words.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .mkdocs_site import MkDocsFailed


def build(site: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind",
                           "--silent"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise MkDocsFailed(f"Pagefind: {proc.stdout}{proc.stderr}")
    # Pagefind writes its language table in hash-map order, which varies from run to run:
    # sort it, so two builds of the same input stay byte-identical.
    entry = site / "pagefind" / "pagefind-entry.json"
    entry.write_text(json.dumps(json.loads(entry.read_text("utf-8")), sort_keys=True, ensure_ascii=False,
                                separators=(",", ":")), encoding="utf-8")
