"""Command line: python -m generator check | build | serve | approve.

Bad input prints every problem with file, line and field in Chinese and English, then a
count, and exits 1. Usage errors exit 2 (argparse). Staff never see a traceback for
anything they wrote.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from .i18n import MissingLabel
from .mkdocs_site import MkDocsFailed
from .problems import InputError, report


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD / 不是日期：{text}") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m generator",
                                description="Build the service centre's bilingual site from YAML. "
                                            "由 YAML 生成外派劳务服务中心的中英文网站。")
    p.add_argument("--root", type=Path, default=Path("."), help="project folder (default: current folder)")
    sub = p.add_subparsers(dest="command", required=True)
    today = dict(type=_date, default=None, help="the build date YYYY-MM-DD (default: today)")

    c = sub.add_parser("check", help="validate everything; write nothing / 检查所有文件，不写入任何内容")
    c.add_argument("--today", **today)

    b = sub.add_parser("build", help="build the site / 生成网站")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: site/)")
    b.add_argument("--today", **today)
    b.add_argument("--strict", action="store_true",
                   help="fail instead of publishing without refused orders / 有未通过审核的招聘信息时构建失败")
    b.add_argument("--report-dir", type=Path, default=None,
                   help="where to write the vetting report (default: reports/, outside the site)")

    s = sub.add_parser("serve", help="preview on 127.0.0.1, rebuilding on change / 本地预览")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--today", **today)

    a = sub.add_parser("approve", help="record the filing approval of job orders / 记录审核备案")
    a.add_argument("files", nargs="+", type=Path)
    a.add_argument("--by", required=True, help="the reviewing staff member's name / 审核人姓名")
    a.add_argument("--today", **today)
    return p


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    today = args.today or dt.date.today()
    try:
        if args.command == "check":
            return _check(root, today)
        if args.command == "build":
            return _build(root, args.out or root / "site", today, args.strict,
                          args.report_dir or root / "reports")
        if args.command == "serve":
            from .serve import serve
            return serve(root, args.port, args.today)
        if args.command == "approve":
            from .approve_cmd import approve_files
            return approve_files(root, args.files, args.by, today)
    except InputError as exc:
        print(report(exc.problems), file=sys.stderr)
        return 1
    except (MkDocsFailed, MissingLabel) as exc:
        print(f"构建失败 / Build failed:\n{exc}", file=sys.stderr)
        return 1
    return 0


def _print_vetting(result) -> None:
    from .vetting_report import table
    if result.problems:
        print(report(result.problems), file=sys.stderr)
    print(table(result.tree, result.verdicts))


def _check(root: Path, today: dt.date) -> int:
    from .build import check
    result = check(root, today)
    tree = result.tree
    _print_vetting(result)
    if result.refused:
        print(f"审核未通过 / Refused: {len(result.refused)} job order(s) would not be published", file=sys.stderr)
        return 1
    print(f"检查通过 / Check passed: {len(tree.jobs)} job orders, {len(tree.agencies)} agencies, "
          f"{len(tree.countries)} destinations, {len(tree.courses)} courses, "
          f"{sum(len(c.course.lessons) for c in tree.courses.values())} lessons")
    return 0


def _build(root: Path, out: Path, today: dt.date, strict: bool, report_dir: Path) -> int:
    from .build import build
    started = time.monotonic()
    result = build(root, out, today, strict=strict, report_dir=report_dir)
    _print_vetting(result)
    print(f"网站已生成 / Site built: {out} — {result.pages} pages in "
          f"{time.monotonic() - started:.1f} s; vetting report in {report_dir}. 打开 / Open: {out / 'index.html'}")
    return 0
