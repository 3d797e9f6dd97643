"""`report --from … --to …` (or `--period 2026Q1`): the figures for superiors, printed and
written as CSV (for spreadsheets) and as a printable HTML page, both in Chinese and English.

Reads the YAML and its git history (history.py); the figures are computed in
figures.py; labels come from theme/i18n/staff.<lang>.yml.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
from pathlib import Path

from pydantic import ValidationError

from generator.reports import history
from generator.source.labels import LANGS
from generator.vetting.check import check
from generator.source.labels import Catalogue, load_catalogues
from generator.source.models import Job
from generator.reports.figures import Approval, Figures, Order, date_from_history, date_from_yaml, figures
from generator.vetting import approvals
from generator.vetting.authorship import is_reviewer


def collect(root: Path, today: dt.date) -> tuple[list[Order], object, list[tuple[str, str]], bool]:
    """Every order the tree has or its history had, dated; the tree; notes; whether git was used."""
    result = check(root, today)           # unusable files stop the report, as they stop a build
    tree = result.tree
    orders = {jid: Order(jid, job, refused=result.verdicts.get(jid) is not None
                         and result.verdicts[jid].state == "refused") for jid, job in tree.jobs.items()}
    notes = []
    try:
        versions, changed, git = history.job_versions(root), history.uncommitted(root), True
    except history.NoHistory:
        versions, changed, git = {}, set(), False
        notes.append(("这里不是 git 仓库（或没有安装 git）：发布日期取自各文件的 filing.approved_on，停招日期无法得知。",
                      "This is not a git repository (or git is not installed): publication dates are taken from "
                      "each file's filing.approved_on, and closings cannot be dated."))
    for jid, vs in sorted(versions.items()):
        if jid in orders:
            continue
        last = next((v.data for v in reversed(vs) if v.data is not None), None)
        try:
            orders[jid] = Order(jid, Job.model_validate(last), deleted=True)
        except ValidationError:
            notes.append((f"已删除的招聘信息 {jid} 的最后版本无法读取，未计入。",
                          f"The last version of the deleted order {jid} cannot be read; it is not counted."))
    # Every version's approval is checked as the build checks it, all signatures in one batch.
    flat = [(jid, v) for jid, vs in versions.items() for v in vs]
    valid = dict(zip(((jid, i) for jid, vs in versions.items() for i in range(len(vs))),
                     approvals.valid_approvals([v.data for _, v in flat], tree)))
    for order in orders.values():
        if versions.get(order.id):
            date_from_history(order, versions[order.id], [valid[(order.id, i)]
                                                          for i in range(len(versions[order.id]))])
        else:
            verdict = result.verdicts.get(order.id)
            date_from_yaml(order, verdict is not None and approvals.holds(
                approvals.claim_or_finding(tree.raw_jobs[order.id].data, tree), result.verified.get(order.id, False)))
    _mark_own_changes(orders, tree, result)
    pending = sorted(changed & {o.id for o in orders.values() if versions.get(o.id)})
    if pending:
        notes.append((f"以下文件有未提交的修改，日期以已提交的版本为准：{', '.join(pending)}",
                      f"These files have uncommitted changes; dates follow their committed versions: "
                      f"{', '.join(pending)}"))
    return sorted(orders.values(), key=lambda o: o.id), tree, notes, git


def _mark_own_changes(orders: dict, tree, result) -> None:
    """The current approval of each order whose reviewer also made the last content change."""
    authors = result.authorship.authors if result.authorship else {}
    for jid, order in orders.items():
        reviewer = tree.reviewers.get(order.job.filing.approved_by)
        author = authors.get(jid)
        if not (order.approvals and reviewer and author and is_reviewer(author, reviewer)):
            continue
        last = order.approvals[-1]
        if last.reviewer == reviewer.id:
            order.approvals[-1] = Approval(last.order, last.reviewer, last.on, own_change=True)


def compute(root: Path, start: dt.date, end: dt.date, today: dt.date) -> tuple[Figures, object, bool]:
    orders, tree, notes, git = collect(root, today)
    courses = {cid: files.course for cid, files in tree.courses.items()}
    f = figures(orders, start, end, today, tree.site, tree.countries, tree.agencies, courses)
    f.notes = notes + f.notes
    return f, tree, git


# ---- output ------------------------------------------------------------------------

class Labels:
    """Both languages of each label."""

    def __init__(self, catalogues: dict[str, Catalogue]):
        self.zh, self.en = catalogues["zh"], catalogues["en"]

    def __call__(self, key: str) -> tuple[str, str]:
        return self.zh(f"staff_report_{key}"), self.en(f"staff_report_{key}")

    def both(self, key: str, sep: str = " / ") -> str:
        zh, en = self(key)
        return f"{zh}{sep}{en}"


def _share(f: Figures) -> str:
    return "—" if f.zero_fee_share is None else f"{f.zero_fee_share:.1%}"


def summary_rows(f: Figures) -> list[tuple[str, int, int | None, str]]:
    """(label key, orders, positions, note) for the summary table."""
    return [("published", len(f.published), sum(o.job.positions for o in f.published), ""),
            ("closed", len(f.closed), sum(o.job.positions for o in f.closed), ""),
            ("expired", len(f.expired), sum(o.job.positions for o in f.expired), ""),
            ("refused", len(f.refused), sum(o.job.positions for o in f.refused), ""),
            ("zero_fee", f.zero_fee, sum(o.job.positions for o in f.published if o.zero_fee),
             f"{f.zero_fee}/{len(f.published)} = {_share(f)}")]


def _groups(f: Figures) -> list[tuple[str, list]]:
    return [("by_destination", f.by_destination), ("by_trade", f.by_trade), ("by_agency", f.by_agency),
            ("courses", f.courses)]


def terminal(f: Figures, t: Labels, unit: str) -> str:
    out = [f"{t.both('title')} — {unit}", f"{t.both('period')}: {f.start} – {f.end}"]
    for key, orders, positions, note in summary_rows(f):
        out.append(f"  {t.both(key)}: {orders}" + (f" ({t.both('col_positions')} {positions})" if positions else "")
                   + (f" — {note}" if note else ""))
    for key, groups in _groups(f):
        out.append(f"{t.both(key)}:")
        out += [f"  {g.key:<22} {g.zh} / {g.en}: {g.orders} / {g.positions}" for g in groups] or \
               [f"  {t.both('none')}"]
    out.append(f"{t.both('overdue')}: " + (", ".join(f"{o.id} ({key})" for o, key, _, _ in f.overdue)
                                            or t.both("none")))
    out.append(f"{t.both('by_reviewer')}:")
    out += [f"  {r:<22} {n} ({t.both('col_exceptions')} {e})" for r, n, e in f.by_reviewer] or [f"  {t.both('none')}"]
    out.append(f"{t.both('four_eyes')}: " + (", ".join(f"{a.order} ({a.reviewer}, {a.on})" for a in f.four_eyes)
                                              or t.both("none")))
    out += [f"  * {zh}\n    {en}" for zh, en in f.notes]
    return "\n".join(out)


def _reviewer_name(tree, reviewer_id: str) -> str:
    r = tree.reviewers.get(reviewer_id) if tree is not None else None
    return f"{r.name.zh} / {r.name.en}" if r else reviewer_id


def csv_text(f: Figures, t: Labels, tree=None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    head = ["key", "name", "orders", "positions"]
    w.writerow(["类别 section"] + [t.both(f"col_{h}") for h in head] + [t.both("col_published_on"),
                                                                        t.both("col_closed_on"), t.both("notes")])
    w.writerow([t.both("period"), "period", f"{f.start} – {f.end}", "", "", "", "", ""])
    for key, orders, positions, note in summary_rows(f):
        w.writerow([t.both("summary"), key, t.both(key), orders, positions, "", "", note])
    for section, groups in _groups(f):
        for g in groups:
            w.writerow([t.both(section), g.key, f"{g.zh} / {g.en}", g.orders, g.positions, "", "", ""])
    for o, key, reviewed, due in f.overdue:
        w.writerow([t.both("overdue"), o.id, f"{o.job.title.zh} / {o.job.title.en}", 1, o.job.positions,
                    "", "", f"{key}: {t.both('col_reviewed_on')} {reviewed}, {t.both('col_review_due')} {due}"])
    for reviewer, n, e in f.by_reviewer:
        w.writerow([t.both("by_reviewer"), reviewer, _reviewer_name(tree, reviewer), n, "", "", "",
                    f"{t.both('col_exceptions')}: {e}"])
    for a in f.four_eyes:
        w.writerow([t.both("four_eyes"), a.order, "", 1, "", a.on, "", f"{t.both('col_reviewer')}: {a.reviewer}"])
    for o in f.published:
        w.writerow([t.both("details"), o.id, f"{o.job.title.zh} / {o.job.title.en}", 1, o.job.positions,
                    o.published_on, o.closed_on or "", f"{o.job.employer.country}; {o.job.agency}; {o.source}"])
    for zh, en in f.notes:
        w.writerow([t.both("notes"), "", f"{zh} / {en}", "", "", "", "", ""])
    return buf.getvalue()


CSS = """@page{size:A4;margin:14mm}body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",
"PingFang SC",sans-serif;font-size:10.5pt;color:#000;max-width:60em;margin:1em auto}h1{font-size:15pt;margin:0}
h2{font-size:12pt;margin:1.2em 0 .3em;break-after:avoid}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #888;padding:2px 6px;text-align:left;vertical-align:top}td.n,th.n{text-align:right}
tr{break-inside:avoid}.en{color:#333;font-size:.9em}.meta td{border:none;padding:1px 6px 1px 0}.meta td:first-child{white-space:nowrap}
.sign{margin-top:2.5em;display:flex;justify-content:space-between}.sign span{min-width:12em}"""


def html_text(f: Figures, t: Labels, unit: tuple[str, str], today: dt.date, git: bool, tree=None) -> str:
    e = html.escape

    def label(key: str, tag: str = "span") -> str:
        zh, en = t(key)
        return f"{e(zh)} <{tag} class=en lang=en>{e(en)}</{tag}>"

    def th(key: str, cls: str = "") -> str:
        zh, en = t(key)
        return f"<th{' class=n' if cls else ''}>{e(zh)}<br><span class=en lang=en>{e(en)}</span></th>"

    def names(zh: str, en: str) -> str:
        return f"{e(zh)}<br><span class=en lang=en>{e(en)}</span>"

    def table(head: str, rows: list[str]) -> str:
        body = "".join(rows) or f"<tr><td colspan=9>{label('none')}</td></tr>"
        return f"<table><tr>{head}</tr>{body}</table>"

    parts = [f"<h1>{label('title')}</h1>",
             "<table class=meta>"
             f"<tr><td>{label('unit')}</td><td>{names(*unit)}</td></tr>"
             f"<tr><td>{label('period')}</td><td>{f.start} {label('to')} {f.end}</td></tr>"
             f"<tr><td>{label('generated')}</td><td>{today}</td></tr>"
             f"<tr><td>{label('source')}</td><td>{label('source_git' if git else 'source_yaml')}</td></tr></table>",
             f"<h2>{label('summary')}</h2>",
             table(th("col_item") + th("col_orders", "n") + th("col_positions", "n") + th("share", "n"),
                   [f"<tr><td>{label(key)}</td><td class=n>{orders}</td><td class=n>{positions}</td>"
                    f"<td class=n>{e(note.split(' = ')[-1]) if note else ''}</td></tr>"
                    for key, orders, positions, note in summary_rows(f)])]
    for section, groups in _groups(f):
        parts += [f"<h2>{label(section)}</h2>",
                  table(th("col_key") + th("col_name") + th("col_orders", "n") + th("col_positions", "n"),
                        [f"<tr><td>{e(g.key)}</td><td>{names(g.zh, g.en)}</td><td class=n>{g.orders}</td>"
                         f"<td class=n>{g.positions}</td></tr>" for g in groups])]
    parts += [f"<h2>{label('overdue')}</h2>",
              table(th("col_id") + th("col_title") + th("col_destination") + th("col_reviewed_on")
                    + th("col_review_due"),
                    [f"<tr><td>{e(o.id)}</td><td>{names(o.job.title.zh, o.job.title.en)}</td><td>{e(key)}</td>"
                     f"<td>{reviewed}</td><td>{due}</td></tr>" for o, key, reviewed, due in f.overdue])]
    parts += [f"<h2>{label('by_reviewer')}</h2>",
              table(th("col_reviewer") + th("col_name") + th("col_approvals", "n") + th("col_exceptions", "n"),
                    [f"<tr><td>{e(r)}</td><td>{e(_reviewer_name(tree, r))}</td><td class=n>{n}</td>"
                     f"<td class=n>{x}</td></tr>" for r, n, x in f.by_reviewer]),
              f"<h2>{label('four_eyes')}</h2>",
              table(th("col_id") + th("col_reviewer") + th("col_approved_on"),
                    [f"<tr><td>{e(a.order)}</td><td>{e(a.reviewer)}</td><td>{a.on}</td></tr>" for a in f.four_eyes])]
    yes, no = label("yes"), label("no")
    parts += [f"<h2>{label('details')}</h2>",
              table(th("col_id") + th("col_title") + th("col_destination") + th("col_agency")
                    + th("col_positions", "n") + th("col_zero_fee") + th("col_published_on") + th("col_closed_on")
                    + th("col_date_source"),
                    [f"<tr><td>{e(o.id)}</td><td>{names(o.job.title.zh, o.job.title.en)}</td>"
                     f"<td>{e(o.job.employer.country)}</td><td>{e(o.job.agency)}</td><td class=n>{o.job.positions}</td>"
                     f"<td>{yes if o.zero_fee else no}</td><td>{o.published_on}</td><td>{o.closed_on or ''}</td>"
                     f"<td>{e(o.source)}</td></tr>" for o in f.published])]
    defs = "".join(f"<li>{label(k, 'div')}</li>" for k in
                   ("def_published", "def_closed", "def_expired", "def_refused", "def_groups", "def_overdue",
                    "def_approvals", "def_four_eyes"))
    parts += [f"<h2>{label('definitions')}</h2><ul>{defs}</ul>"]
    if f.notes:
        parts += [f"<h2>{label('notes')}</h2><ul>"
                  + "".join(f"<li>{e(zh)}<div class=en lang=en>{e(en)}</div></li>" for zh, en in f.notes) + "</ul>"]
    parts += [f"<div class=sign><span>{label('prepared_by')}：</span><span>{label('checked_by')}：</span>"
              f"<span>{label('date_line')}：</span></div>"]
    title = f"{t('title')[0]} {f.start}–{f.end}"
    return (f"<!doctype html><html lang=zh><head><meta charset=utf-8><title>{e(title)}</title>"
            f"<style>{CSS}</style></head><body>" + "\n".join(parts) + "</body></html>\n")


def report_command(root: Path, start: dt.date, end: dt.date, today: dt.date, out_dir: Path) -> int:
    f, tree, git = compute(root, start, end, today)
    t = Labels(load_catalogues(root / "theme", LANGS))
    unit = (tree.site.site.name.zh, tree.site.site.name.en)
    print(terminal(f, t, unit[0]))
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"report-{start}_{end}"
    stem.with_suffix(".csv").write_text(csv_text(f, t, tree), encoding="utf-8-sig", newline="")
    stem.with_suffix(".html").write_text(html_text(f, t, unit, today, git, tree), encoding="utf-8")
    print(f"已写入 / Wrote {stem.with_suffix('.csv')} (Excel)、{stem.with_suffix('.html')} "
          "(用浏览器打开后打印 / open in a browser and print)")
    return 0
