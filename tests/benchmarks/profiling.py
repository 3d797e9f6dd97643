"""Where the build's time goes, at one N: cProfile of our build and of one MkDocs build.

    python -m tests.benchmarks.profiling --n 1000 [--work DIR] [--top 25]

1. Our whole build, in-process under cProfile (`generator.publish.build.build`): the MkDocs
   builds and other tools run as child processes, so they appear as time spent waiting
   in build_all and the like; everything of ours in Python is profiled function by function.
   Printed: our own functions by cumulative time (the phases), then every function by
   own time.
2. The Chinese MkDocs build of the same pages with our configuration (theme overrides,
   hooks), under cProfile: what MkDocs, Material and Python-Markdown spend it on.
The .prof files stay in the work folder for snakeviz or pstats.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .generate import ROOT, TODAY, make_tree


def _print(stats: pstats.Stats, key: str, n: int, *restrict) -> None:
    buf = io.StringIO()
    stats.stream = buf
    stats.sort_stats(key).print_stats(*restrict, n)
    text = buf.getvalue()
    print(text[text.find("   ncalls"):] if "   ncalls" in text else text)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.benchmarks.profiling")
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--work", type=Path, default=None)
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    work = (args.work or Path(tempfile.mkdtemp(prefix="lx-profile-"))).resolve()
    tree = work / "tree"
    if not tree.exists():
        print(f"generating {args.n} job orders in {tree}", file=sys.stderr)
        make_tree(tree, args.n, seed=args.seed)

    from generator.publish.build import build
    prof = cProfile.Profile()
    started = time.perf_counter()
    prof.runcall(build, tree, work / "site", TODAY)
    wall = time.perf_counter() - started
    prof.dump_stats(str(work / "build.prof"))
    stats = pstats.Stats(prof)
    print(f"== our build, N={args.n}, in-process under cProfile: {wall:.1f} s wall "
          f"(profiling slows the Python parts; compare shares, not seconds)\n")
    print("-- our functions by cumulative time (the phases) --")
    _print(stats, "cumulative", args.top, "generator/")
    print("-- all functions by own time --")
    _print(stats, "tottime", args.top)

    staged = work / "staged"
    if not staged.exists():
        figures = work / "render_stage.json"
        subprocess.run([sys.executable, "-m", "tests.benchmarks.render_stage", "--root", str(tree), "--stage",
                        str(staged), "--json", str(figures)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    staged_from = json.loads((work / "render_stage.json").read_text("utf-8"))["staged_from"]
    config = json.loads((staged / "mkdocs.zh.yml").read_text("utf-8"))
    config["docs_dir"] = str(staged / Path(config["docs_dir"]).relative_to(staged_from))
    config["site_dir"] = str(work / "mkdocs-zh-site")
    cfg = staged / "profile.zh.yml"
    cfg.write_text(json.dumps(config, ensure_ascii=False), "utf-8")
    out = work / "mkdocs-zh.prof"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "-q", "-f", str(cfg)],
                   cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"== MkDocs build of the Chinese pages with our configuration, under cProfile: "
          f"{time.perf_counter() - started:.1f} s wall\n")
    stats = pstats.Stats(str(out))
    print("-- by cumulative time --")
    _print(stats, "cumulative", args.top)
    print("-- by own time --")
    _print(stats, "tottime", args.top)
    print(f"profiles: {work / 'build.prof'}, {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
