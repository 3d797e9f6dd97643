"""Run a command and measure it: wall time, CPU time and memory of its whole process tree.

- wall: time.perf_counter() from start to exit.
- cpu_user / cpu_sys: from os.wait4() on the child, which on Linux covers the child and
  every descendant it waited for (the MkDocs builds run as children of `generator build`).
- max_rss_process_mb: ru_maxrss from the same wait4: the largest resident set of any
  ONE process of the tree (per-process maximum, not a sum).
- at_peak: the processes (RSS MB, command) at the moment of that peak.
- peak_rss_tree_mb: the largest SUM of the resident sets of all live processes of the
  tree, sampled from /proc every SAMPLE_S seconds (the two MkDocs builds run at the same
  time, so this is what the machine must hold). Sampling can miss a short peak; it is a
  lower bound of the true peak, and shared pages are counted once per process.
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

SAMPLE_S = 0.1
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measure:
    wall_s: float
    cpu_user_s: float
    cpu_sys_s: float
    max_rss_process_mb: float
    peak_rss_tree_mb: float
    returncode: int
    output: str
    at_peak: list = None

    @property
    def cpu_s(self) -> float:
        return self.cpu_user_s + self.cpu_sys_s

    def figures(self) -> dict:
        d = asdict(self)
        d.pop("output")
        d["cpu_s"] = round(self.cpu_s, 3)
        return d


class TreeSampler(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants, sampled from /proc."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak = pid, 0
        self.at_peak: list = []           # (MB, command) of each process at the peak
        self.known: set[int] = {pid}
        self._stop_event = threading.Event()

    def _descendants(self) -> set[int]:
        parents = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            # the command name may contain spaces and parentheses: split after the last ')'
            fields = stat[stat.rindex(b")") + 2:].split()
            parents[int(entry.name)] = int(fields[1])
        tree, frontier = {self.pid}, [self.pid]
        children: dict[int, list[int]] = {}
        for pid, ppid in parents.items():
            children.setdefault(ppid, []).append(pid)
        while frontier:
            for child in children.get(frontier.pop(), []):
                if child not in tree:
                    tree.add(child)
                    frontier.append(child)
        return tree

    def sample(self) -> None:
        total, procs = 0, []
        for pid in self._descendants():
            try:
                with open(f"/proc/{pid}/statm", "rb") as f:
                    rss = int(f.read().split()[1]) * PAGE
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
            except (OSError, IndexError, ValueError):
                continue
            total += rss
            procs.append((round(rss / 2**20, 1), " ".join(a.rsplit("/", 1)[-1] for a in cmd.split()[:6])))
        if total > self.peak:
            self.peak, self.at_peak = total, sorted(procs, reverse=True)

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(SAMPLE_S)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def run(cmd: list[str], log: Path, env: dict | None = None, cwd: Path | None = None) -> Measure:
    """Run `cmd` to completion with its output in `log`; measure it."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd,
                                env={**os.environ, **(env or {})})
    sampler = TreeSampler(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)     # so Popen never waits again
    return Measure(round(wall, 3), round(usage.ru_utime, 3), round(usage.ru_stime, 3),
                   round(usage.ru_maxrss / 1024, 1), round(sampler.peak / 2**20, 1), proc.returncode,
                   log.read_text("utf-8", "replace"), sampler.at_peak)
