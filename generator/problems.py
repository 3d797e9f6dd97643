"""Problems found in the input, reported to staff in Chinese and English.

Every rule that finds something wrong makes a Problem; nothing raises on bad input.
The pipeline collects them all, prints them once with a count, and exits 1.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str           # file, relative to the project root
    line: int           # 1-based; 0 when the problem concerns the whole file
    field: str          # dotted path inside the file, "" for the file itself
    zh: str             # what is wrong — how to fix it
    en: str
    code: str = ""      # stable rule code (vetting rules); "" for schema problems
    warning: bool = False

    def format(self) -> str:
        """Two lines, Chinese then English, each `path:line: field: what — fix`."""
        where = f"{self.path}:{self.line}:" if self.line else f"{self.path}:"
        head = f"{where} {self.field}:" if self.field else where
        code = f" [{self.code}]" if self.code else ""
        return f"{head}{code} {self.zh}\n{head}{code} {self.en}"


class InputError(Exception):
    """Raised once, after collection, when a run found problems it cannot go past."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)


class BuildFailed(Exception):
    """The build could not finish for a reason outside the staff's files (disk, MkDocs,
    Pagefind). The previous site stays; `detail` is the tool's own output, shown last."""

    def __init__(self, text: tuple[str, str], detail: str = ""):
        super().__init__(text[1])
        self.text, self.detail = text, detail.strip()

    def __str__(self) -> str:
        lines = [f"构建失败：{self.text[0]}", f"Build failed: {self.text[1]}"]
        return "\n".join(lines + ["  | " + line for line in self.detail.splitlines()])


def msg(zh_what: str, zh_fix: str, en_what: str, en_fix: str) -> tuple[str, str]:
    """A message in both languages, each as `what is wrong — how to fix it`."""
    return f"{zh_what} — {zh_fix}", f"{en_what} — {en_fix}"


def summary(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if not p.warning)
    warnings = len(problems) - errors
    parts_zh = [f"{errors} 个错误"] + ([f"{warnings} 个警告"] if warnings else [])
    parts_en = [f"{errors} error{'s' if errors != 1 else ''}"] + (
        [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else [])
    return f"共发现 {'，'.join(parts_zh)} / Found {', '.join(parts_en)}"


def report(problems: list[Problem]) -> str:
    lines = [p.format() for p in sorted(problems)]
    lines.append(summary(problems))
    return "\n".join(lines)


@dataclass
class Collector:
    """Gathers problems across a whole run, so staff fix ten mistakes in one pass."""
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, fld: str, text: tuple[str, str], code: str = "",
            warning: bool = False) -> None:
        self.problems.append(Problem(path, line, fld, text[0], text[1], code, warning))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]
