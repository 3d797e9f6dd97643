"""What checking approval signatures costs at every build: `check` on a generated tree
with the verification cache empty (a fresh CI runner) and full (the next local build),
and `ssh-keygen -Y verify` alone.

    python -m tests.benchmarks.signatures --n 5000 [--work DIR]

Prints the figures and the load average; run by hand, like the rest of the benchmark.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from generator.vetting import approvals, signatures
from generator.vetting.check import check

from .generate import TODAY, make_tree


def _fresh_cache(folder: Path) -> None:
    os.environ["XDG_CACHE_HOME"] = str(folder)
    signatures._good.clear()
    signatures._file_loaded = None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=5000)
    p.add_argument("--work", type=Path, default=None)
    args = p.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-signatures-"))
    tree = work / "tree"
    started = time.perf_counter()
    make_tree(tree, args.n)
    print(f"generated and signed {args.n} orders in {time.perf_counter() - started:.1f} s")
    figures = {}
    _fresh_cache(work / "cache-cold")
    started = time.perf_counter()
    result = check(tree, TODAY)
    figures["check, cache empty"] = time.perf_counter() - started
    published = sum(v.state == "published" for v in result.verdicts.values())
    assert published >= args.n, f"only {published} of {args.n} published"
    started = time.perf_counter()
    signatures._good.clear()
    signatures._file_loaded = None
    os.environ["XDG_CACHE_HOME"] = str(work / "cache-none")
    approvals.verify_all(result.tree)
    figures["verify_all alone, cache empty"] = time.perf_counter() - started
    _fresh_cache(work / "cache-cold")          # the file written by the first check
    started = time.perf_counter()
    check(tree, TODAY)
    figures["check, cache full (next build)"] = time.perf_counter() - started
    started = time.perf_counter()
    approvals.verify_all(result.tree)
    figures["verify_all alone, cache in memory (serve)"] = time.perf_counter() - started
    for name, seconds in figures.items():
        print(f"{name:<45} {seconds:7.2f} s   ({seconds / args.n * 1000:.2f} ms per order)")
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()), f"cores: {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
