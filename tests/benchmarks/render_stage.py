"""Our stages before MkDocs, in-process: load, validate, vet, render, stage.

    python -m tests.benchmarks.render_stage --root TREE --stage DEST [--json OUT] [--profile FILE]

Runs the project's real `generator.build.build` with its MkDocs step replaced by a stub
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
import shutil
import sys
import time
from pathlib import Path

import generator.build as gbuild


class _Staged(Exception):
    pass


def stage_only(root: Path, dest: Path, today: dt.date) -> dict:
    """Run the build up to MkDocs; leave the staged Markdown in `dest`; return figures."""
    figures: dict = {}
    real_check, real_build_all = gbuild.check, gbuild.build_all

    def timed_check(*args, **kwargs):
        started = time.perf_counter()
        result = real_check(*args, **kwargs)
        figures["check_s"] = round(time.perf_counter() - started, 3)
        states = [v.state for v in result.verdicts.values()]
        figures["orders"] = {s: states.count(s) for s in sorted(set(states))}
        return result

    def capture(configs, env):
        stage_dir = Path(configs[0]).parent
        shutil.move(str(stage_dir), str(dest))
        figures["configs"] = [str(dest / Path(c).name) for c in configs]
        figures["staged_from"] = str(stage_dir)
        raise _Staged

    gbuild.check, gbuild.build_all = timed_check, capture
    started = time.perf_counter()
    try:
        gbuild.build(root, dest.parent / f".{dest.name}-unused-site", today)
    except _Staged:
        pass
    else:
        raise RuntimeError("the build finished without reaching its MkDocs step: the stub was not used")
    finally:
        gbuild.check, gbuild.build_all = real_check, real_build_all
    figures["total_s"] = round(time.perf_counter() - started, 3)
    figures["render_stage_s"] = round(figures["total_s"] - figures.get("check_s", 0), 3)
    figures["pages"] = {}
    for cfg in figures["configs"]:
        config = json.loads(Path(cfg).read_text("utf-8"))
        lang = config["theme"]["language"]
        docs = dest / Path(config["docs_dir"]).relative_to(figures["staged_from"])
        figures["pages"][lang] = sum(1 for _ in docs.rglob("*.md"))
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
