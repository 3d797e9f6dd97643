"""Our stages before MkDocs, in-process: load, validate, vet, render, stage.

    python -m tests.benchmarks.render_stage --root TREE --stage DEST [--json OUT] [--profile FILE]

Runs the project's real `generator.publish.build.build` with its MkDocs step replaced by a stub
that moves the staged Markdown (one folder per language plus mkdocs.<lang>.yml) to DEST
and stops: whatever the build does before MkDocs, this does too, and stays in step with
the code. The staged pages are what the floor builds with plain mkdocs-material.
With --profile, the run is under cProfile and the top functions are printed.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import pstats
import sys
import time
from pathlib import Path

from generator.publish import build as gbuild
from generator.source.labels import LANGS
from generator.vetting.check import check


class _Staged(Exception):
    pass


def stage_only(root: Path, dest: Path, today: dt.date) -> dict:
    """Run the build's stages up to MkDocs in this process, staging the Markdown of both
    languages into `dest`; return figures."""
    from generator.publish.mkdocs_site import mkdocs_config, stage
    figures: dict = {}
    started = time.perf_counter()
    result = check(root, today)
    figures["check_s"] = round(time.perf_counter() - started, 3)
    states = [v.state for v in result.verdicts.values()]
    figures["orders"] = {s: states.count(s) for s in sorted(set(states))}
    catalogues, renderer = gbuild.renderer_for(result, root, today)
    tree = result.tree
    figures["configs"], figures["pages"] = [], {}
    for lang in LANGS:
        pages = renderer.pages(lang)
        config = mkdocs_config(tree, lang, catalogues[lang], root / "theme", dest / lang, dest / "out" / lang)
        figures["configs"].append(str(stage(dest, lang, pages, config, renderer.files(lang))))
        figures["pages"][lang] = len(pages)
    figures["staged_from"] = str(dest)
    figures["total_s"] = round(time.perf_counter() - started, 3)
    figures["render_stage_s"] = round(figures["total_s"] - figures["check_s"], 3)
    return figures


def top(stats: pstats.Stats, key: str, n: int) -> str:
    buf = io.StringIO()
    stats.stream = buf
    stats.sort_stats(key).print_stats(n)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.benchmarks.render_stage")
    p.add_argument("--root", type=Path, required=True)
    p.add_argument("--stage", type=Path, required=True, help="where the staged Markdown goes (must not exist)")
    p.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 21))
    p.add_argument("--json", type=Path, default=None, help="write the figures here")
    p.add_argument("--profile", type=Path, default=None, help="run under cProfile; save the stats here")
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args(argv)
    dest = args.stage.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    if args.profile:
        prof = cProfile.Profile()
        figures = prof.runcall(stage_only, args.root.resolve(), dest, args.today)
        prof.dump_stats(str(args.profile))
        stats = pstats.Stats(prof)
        print(top(stats, "cumulative", args.top))
        print(top(stats, "tottime", args.top))
    else:
        figures = stage_only(args.root.resolve(), dest, args.today)
    text = json.dumps(figures, ensure_ascii=False, indent=1)
    if args.json:
        args.json.write_text(text, "utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
