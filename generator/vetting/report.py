"""The vetting report for staff: every order with its state, on the terminal and as
JSON and HTML files kept outside the public site."""
from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from generator.source.load import Tree
from generator.vetting import help_review
from generator.vetting.verdicts import Verdict

STATE_LABELS = {"published": "已发布 published", "refused": "未发布 REFUSED", "closed": "已停招 closed",
                "expired": "已截止 expired"}


def rows(tree: Tree, verdicts: dict[str, Verdict]) -> list[dict]:
    out = []
    for job_id, v in sorted(verdicts.items()):
        job = tree.jobs[job_id]
        out.append({"id": job_id, "file": tree.raw_jobs[job_id].path, "state": v.state,
                    "filing_number": job.filing.number, "title": {"zh": job.title.zh, "en": job.title.en},
                    "apply_by": job.apply_by.isoformat(),
                    "refusals": [{"code": r.code, "field": ".".join(map(str, r.loc)),
                                  "line": tree.raw_jobs[job_id].line(r.loc), "zh": r.zh, "en": r.en}
                                 for r in v.refusals]})
    return out


def table(tree: Tree, verdicts: dict[str, Verdict]) -> str:
    lines = ["审核结果 / Vetting report", f"{'id':<16} {'state':<18} {'filing':<14} reasons"]
    for row in rows(tree, verdicts):
        codes = ", ".join(sorted({r["code"] for r in row["refusals"]})) or "—"
        lines.append(f"{row['id']:<16} {STATE_LABELS[row['state']]:<18} {row['filing_number'] or '—':<14} {codes}")
    counts = {s: sum(1 for v in verdicts.values() if v.state == s) for s in STATE_LABELS}
    lines.append("合计 / Total: " + ", ".join(f"{STATE_LABELS[s]} {n}" for s, n in counts.items()))
    return "\n".join(lines)


def write(tree: Tree, verdicts: dict[str, Verdict], folder: Path, today: dt.date) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    help_items = [{**item, "reviewed_on": item["reviewed_on"].isoformat()} for item in help_review.items(tree)]
    data = {"date": today.isoformat(), "orders": rows(tree, verdicts), "help_numbers": help_items}
    (folder / "vetting.json").write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                         encoding="utf-8")
    e = html.escape
    body = []
    for row in data["orders"]:
        reasons = "".join(f"<li><code>{e(r['code'])}</code> {e(row['file'])}:{r['line']} {e(r['field'])}<br>"
                          f"{e(r['zh'])}<br>{e(r['en'])}</li>" for r in row["refusals"])
        body.append(f"<tr class='{e(row['state'])}'><td>{e(row['id'])}</td><td>{e(STATE_LABELS[row['state']])}</td>"
                    f"<td>{e(row['filing_number'] or '—')}</td><td>{e(row['title']['zh'])}<br>{e(row['title']['en'])}</td>"
                    f"<td>{e(row['apply_by'])}</td><td><ul>{reasons}</ul></td></tr>")
    (folder / "vetting.html").write_text(
        "<!doctype html><html lang='zh'><meta charset='utf-8'><title>审核结果 Vetting report</title>"
        "<style>body{font-family:sans-serif}td{border-top:1px solid #ccc;vertical-align:top;padding:4px}"
        ".refused{background:#fde2e2}</style>"
        f"<h1>审核结果 / Vetting report — {today.isoformat()}</h1><table><tr><th>id</th><th>状态 State</th>"
        "<th>备案号 Filing</th><th>岗位 Title</th><th>截止 Apply by</th><th>原因 Reasons</th></tr>"
        + "".join(body) + "</table>" + _help_table(data["help_numbers"]) + "</html>\n", encoding="utf-8")


def _help_table(items: list[dict]) -> str:
    """The help numbers, oldest check first; those known only from copies are marked."""
    e = html.escape
    body = "".join(
        f"<tr class='{'secondary' if i['verified'] == 'secondary' else ''}'><td>{e(i['reviewed_on'])}</td>"
        f"<td>{e(i['file'])}:{i['line']} {e(i['field'])}</td><td>{e(i['zh'])}<br>{e(i['en'])}</td>"
        f"<td>{e(i['phone'])}</td><td>{e({'primary': '一手 primary', 'secondary': '二手 SECONDARY'}.get(i['verified'], ''))}"
        f"</td><td>{e(i['note'])}</td><td>{' '.join(f'<a href={chr(39)}{e(s)}{chr(39)}>{e(s)}</a>' for s in i['source'].split())}"
        "</td></tr>" for i in items)
    return ("<h2>求助电话核对表 / Help numbers to review (oldest first)</h2><style>.secondary{background:#fff4e5}</style>"
            "<table><tr><th>核对 Checked</th><th>位置 Where</th><th>内容 What</th><th>号码 Number</th>"
            "<th>来源类别 Source kind</th><th>说明 Note</th><th>来源 Source</th></tr>" + body + "</table>")
