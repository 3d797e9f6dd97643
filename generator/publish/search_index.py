"""Site search with Pagefind, one index per language.

A search downloads only its language's index and only the chunks its words need: a
phone never downloads the whole index. The `extended` build segments Chinese words.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator.library_messages import tool_detail, tool_failed
from generator.problems import BuildFailed


def build(site: Path, lang: str) -> None:
    """Index one language's finished site into its own pagefind/ folder: a search then
    never touches the other language's files, and the two runs overlap the MkDocs builds."""
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind",
                           "--force-language", lang, "--silent"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildFailed(tool_failed("Pagefind", lang), tool_detail(proc.stdout + proc.stderr))
    # Pagefind writes its tables in hash-map order, which can vary from run to run: sort
    # them, so two builds of the same input stay byte-identical.
    entry = site / "pagefind" / "pagefind-entry.json"
    entry.write_text(json.dumps(json.loads(entry.read_text("utf-8")), sort_keys=True, ensure_ascii=False,
                                separators=(",", ":")), encoding="utf-8")
