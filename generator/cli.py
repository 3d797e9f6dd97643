"""Command line: python -m generator check | build | serve | approve | new | schema | report | review.

Bad input prints every problem with file, line and field in Chinese and English, then a
count, and exits 1. Usage errors exit 2 (argparse). Staff never see a traceback for
anything they wrote.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.source.labels import MissingLabel
from generator.problems import BuildFailed, InputError, Problem, msg, report


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD / 不是日期：{text}") from None


SAMPLE = "sample"


def _build_date(text: str) -> dt.date | str:
    """A date, or `sample`: the sample_date that site_config.yml declares."""
    return SAMPLE if text == SAMPLE else _date(text)


def _sample_date(root: Path) -> dt.date:
    from generator.source.yamlload import Doc, load
    doc = load(root / "site_config.yml", "site_config.yml")
    value = doc.data.get("sample_date") if isinstance(doc, Doc) and isinstance(doc.data, dict) else None
    if not isinstance(value, dt.date):
        raise InputError([Problem("site_config.yml", doc.line(("sample_date",)) if isinstance(doc, Doc) else 0,
                                  "sample_date", *msg(
            "--today sample 需要 site_config.yml 中的 sample_date", "写上 sample_date: YYYY-MM-DD，或用 --today 给出日期",
            "--today sample needs sample_date in site_config.yml",
            "add sample_date: YYYY-MM-DD, or give a date with --today"))])
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m generator",
                                description="Build the service centre's bilingual site from YAML. "
                                            "由 YAML 生成外派劳务服务中心的中英文网站。")
    p.add_argument("--root", type=Path, default=Path("."), help="project folder (default: current folder)")
    sub = p.add_subparsers(dest="command", required=True)
    today = dict(type=_build_date, default=None,
                 help="the build date YYYY-MM-DD, or 'sample' for site_config.yml's sample_date (default: today)")

    c = sub.add_parser("check", help="validate everything; write nothing / 检查所有文件，不写入任何内容")
    c.add_argument("--today", **today)

    b = sub.add_parser("build", help="build the site / 生成网站")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: site/)")
    b.add_argument("--today", **today)
    b.add_argument("--strict", action="store_true",
                   help="fail instead of publishing without refused orders / 有未通过审核的招聘信息时构建失败")
    b.add_argument("--report-dir", type=Path, default=None,
                   help="where to write the vetting report (default: reports/, outside the site)")
    b.add_argument("--clean", action="store_true",
                   help="build everything anew, without the build cache beside the output / 不使用构建缓存，全部重新生成")

    s = sub.add_parser("serve", help="preview on 127.0.0.1, rebuilding on change / 本地预览")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--today", **today)

    a = sub.add_parser("approve", help="record the filing approval of job orders / 记录审核备案")
    a.add_argument("files", nargs="+", type=Path)
    a.add_argument("--by", required=True,
                   help="the reviewer's id in content/reviewers.yml (or their name) / 审核人编号（或姓名）")
    a.add_argument("--key", type=Path, default=None,
                   help="the reviewer's private key file (default: ssh-agent, then ~/.ssh) / 审核人的私钥文件")
    a.add_argument("--today", **today)

    n = sub.add_parser("new", help="start a new job order, every field explained / 新建招聘信息（每项都有说明）")
    n.add_argument("kind", choices=["job"], help="what to create / 新建什么: job")
    n.add_argument("id", help="the new id, e.g. sg-2026-0104 / 新编号")
    n.add_argument("--like", metavar="EXISTING_ID",
                   help="copy an existing order, filing cleared / 复制已有的招聘信息（清空备案信息）")

    sc = sub.add_parser("schema", help="write the JSON Schemas editors use / 生成编辑器使用的 JSON Schema")
    sc.add_argument("--out", type=Path, default=None, help="output folder (default: schemas/)")
    sc.add_argument("--check", action="store_true",
                    help="write nothing; fail if the schemas are out of date / 只检查是否过期")
    sc.add_argument("--modelines", action="store_true",
                    help="add the editor line to data files that lack it / 给缺少的文件加上编辑器提示行")

    r = sub.add_parser("report", help="figures for superiors: monthly, quarterly, yearly / 月报、季报、半年报、年报")
    r.add_argument("--from", dest="start", type=_date, default=None, help="first day YYYY-MM-DD / 起始日期")
    r.add_argument("--to", dest="end", type=_date, default=None, help="last day YYYY-MM-DD / 截止日期")
    r.add_argument("--period", type=_period, default=None,
                   help="instead of --from/--to: 2026-03 (month 月), 2026Q1 (quarter 季), 2026H1 (half 半年), "
                        "2026 (year 年)")
    r.add_argument("--out", type=Path, default=None, help="folder for the CSV and HTML (default: reports/)")
    r.add_argument("--today", **today)
    rv = sub.add_parser("review", help="every dated fact, oldest first, with its sources / 列出所有待核对的事实（最旧的在前）")
    rv.add_argument("--due", action="store_true", help="only those past the review period / 只列出已到期的")
    rv.add_argument("--today", **today)
    return p


def _period(text: str) -> tuple[dt.date, dt.date]:
    from generator.reports.figures import parse_period
    period = parse_period(text)
    if period is None:
        raise argparse.ArgumentTypeError(
            f"not a period / 不是报告期：{text} (2026-03, 2026Q1, 2026H1, 2026)")
    return period


def _report_period(parser: argparse.ArgumentParser, args) -> tuple[dt.date, dt.date]:
    if args.period and (args.start or args.end):
        parser.error("give --period or --from/--to, not both / --period 与 --from/--to 只能用一种")
    if args.period:
        return args.period
    if not (args.start and args.end):
        parser.error("give --from and --to, or --period / 请给出 --from 和 --to，或 --period")
    if args.start > args.end:
        parser.error("--from is after --to / 起始日期晚于截止日期")
    return args.start, args.end


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = _parser()
    args = parser.parse_args(argv)
    root = args.root.resolve()
    period = _report_period(parser, args) if args.command == "report" else None
    try:
        if getattr(args, "today", None) == SAMPLE:
            args.today = _sample_date(root)
        today = getattr(args, "today", None) or dt.date.today()
        if args.command == "check":
            from generator.vetting.check import check_command
            return check_command(root, today)
        if args.command == "build":
            from generator.publish.build import build_command
            return build_command(root, args.out or root / "site", today, args.strict,
                          args.report_dir or root / "reports", args.clean)
        if args.command == "serve":
            from generator.preview.serve import serve
            return serve(root, args.port, args.today)
        if args.command == "approve":
            from generator.vetting.approve import approve_files
            return approve_files(root, args.files, args.by, today, args.key)
        if args.command == "new":
            from generator.source.new_job import new_job
            return new_job(root, args.id, args.like)
        if args.command == "schema":
            from generator.source.schemas import run
            return run(root, args.out, args.check, args.modelines)
        if args.command == "review":
            from generator.reports.review import review_command
            return review_command(root, today, args.due)
        if args.command == "report":
            from generator.reports.command import report_command
            return report_command(root, *period, today, args.out or root / "reports")
    except InputError as exc:
        print(report(exc.problems), file=sys.stderr)
        return 1
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    except MissingLabel as exc:
        print(f"构建失败 / Build failed:\n{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # Ctrl+C: one line, never a traceback. Stopping is how serve ends, so it exits 0; a
        # build stopped half-way has left the previous site in place (publish/swap.py).
        if args.command == "serve":
            print("\n已停止预览 / Preview stopped", flush=True)
            return 0
        print("\n已中断 / Interrupted", file=sys.stderr, flush=True)
        return 130
    return 0


