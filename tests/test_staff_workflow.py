"""Staff workflow: JSON Schemas for editors, `new`, the preview's problem banner, the
pre-commit hook and CI sample, and the report for superiors on a known git history."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import DEMO, DEMO_KEY, ROOT, TODAY, copy_tree
from generator.preview import banner as preview_banner
from generator.source import schemas
from generator.vetting.check import check
from generator.cli import _parser
from generator.reports.figures import parse_period
from generator.source.yamlload import parse

JOB = "content/jobs/sg-2026-0101.yml"


# ---- JSON Schemas -----------------------------------------------------------------

def _plain(value):
    """YAML data as an editor's JSON view of it: dates are strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _validator(kind) -> Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / f"{kind.name}.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_committed_schemas_are_up_to_date(cli):
    for kind in schemas.KINDS:
        committed = (ROOT / "schemas" / f"{kind.name}.schema.json").read_text("utf-8")
        assert committed == schemas.text(kind), \
            f"schemas/{kind.name}.schema.json is out of date: run python -m generator schema"
    code, out, err = cli("--root", ROOT, "schema", "--check")
    assert code == 0, err


def test_schema_check_fails_on_a_stale_schema_and_schema_rewrites_it(tmp_path, cli):
    out = tmp_path / "schemas"
    assert cli("--root", ROOT, "schema", "--out", out)[0] == 0
    (out / "job.schema.json").write_text("{}", "utf-8")
    code, _, err = cli("--root", ROOT, "schema", "--out", out, "--check")
    assert code == 1
    assert "JSON Schema 已过期" in err and "the JSON Schema is out of date" in err
    assert (out / "job.schema.json").read_text("utf-8") == "{}"      # --check writes nothing
    assert cli("--root", ROOT, "schema", "--out", out)[0] == 0
    assert cli("--root", ROOT, "schema", "--out", out, "--check")[0] == 0


@pytest.mark.parametrize("rel", schemas.data_files(ROOT))
def test_every_sample_file_validates_against_its_schema_and_names_it(rel):
    kind = schemas.kind_of(rel)
    assert kind is not None
    text = (ROOT / rel).read_text("utf-8")
    first = text.splitlines()[0]
    assert first == schemas.modeline(rel), f"{rel}: run python -m generator schema --modelines"
    target = (ROOT / rel).parent / first.split("$schema=", 1)[1]
    assert target.resolve() == (ROOT / "schemas" / f"{kind.name}.schema.json").resolve()
    errors = [e.message for e in _validator(kind).iter_errors(_plain(yaml.safe_load(text)))]
    assert errors == []


BROKEN = [
    # (file, regex, replacement)  — each also fails `check`
    (JOB, r"(?m)^apply_by:", "aply_by:"),                          # misspelt field
    (JOB, r"(?m)^positions: \d+", "positions: forty"),             # not a number
    (JOB, r"(?m)^status: open", "status: maybe"),                  # not an allowed value
    (JOB, r"(?m)^posted_on: .*", "posted_on: next week"),          # not a date
    (JOB, r"(?m)^  currency: SGD", "  currency: sgd"),             # wrong format
    (JOB, r"(?m)^title:\n  zh: .*\n", "title:\n"),                  # missing Chinese text
    (JOB, r"(?m)^  hours_per_week: 44", "  hours_per_week: 200"),  # out of range
    ("content/agencies.yml", r"(?m)^    valid_until: .*\n", ""),    # missing field in a list item
    ("content/countries/SG.yml", r"(?m)^key: SG", "key: Singapore"),
    ("courses/pre-departure-core/quizzes/your-contract.yml", r"type: single", "type: essay"),
    ("site_config.yml", r"(?m)^  languages: .*", "  languages: [zh, fr]"),
]


@pytest.mark.parametrize("rel,pattern,replacement", BROKEN)
def test_a_broken_file_fails_its_schema_as_it_fails_check(tree, rel, pattern, replacement):
    path = tree / rel
    text, n = re.subn(pattern, replacement, path.read_text("utf-8"), count=1)
    assert n == 1, pattern
    path.write_text(text, "utf-8")
    data = yaml.safe_load(text)
    assert list(_validator(schemas.kind_of(rel)).iter_errors(_plain(data))), "the schema accepted it"
    with pytest.raises(Exception) as caught:
        check(tree, dt.date.fromisoformat(TODAY))
    assert type(caught.value).__name__ == "InputError"
    assert any(p.path == rel for p in caught.value.problems)


def _properties(node, where=""):
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{where}.{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for sub in node:
            yield from _properties(sub, where)


CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{2,}")


def test_every_field_has_a_title_and_description_in_both_languages():
    for kind in schemas.KINDS:
        schema = schemas.schema(kind)
        assert CJK.search(schema["title"]) and LATIN.search(schema["title"])
        fields = list(_properties(schema))
        assert fields
        for where, prop in fields:
            # pydantic leaves out a field's description when it is its model's own
            ref = schema["$defs"][prop["$ref"].rsplit("/", 1)[1]] if "$ref" in prop else {}
            for key in ("title", "description"):
                text = prop.get(key) or ref.get(key, "") if key == "description" else prop.get(key, "")
                assert CJK.search(text) and LATIN.search(text), f"{kind.name}{where}: {key} {text!r}"


# ---- new --------------------------------------------------------------------------

def _fill(text: str, reference: dict, overrides: dict) -> str:
    """What a staff member does: type a value into every blank line of the template."""
    doc = parse(text, "new.yml")
    lines = text.split("\n")

    def lookup(path):
        if path in overrides:
            return overrides[path], True
        value = reference
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None, False
        return value, True

    def walk(value, path):
        if isinstance(value, dict) and value:
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif value in (None, "", []) and path[0] != "filing":
            new, found = lookup(path)
            if not found:
                return
            n = doc.lines[path] - 1
            head = lines[n][: lines[n].index(":") + 1]
            shown = new.isoformat() if isinstance(new, dt.date) else json.dumps(new, ensure_ascii=False)
            lines[n] = f"{head} {shown}"
    walk(doc.data, ())
    return "\n".join(lines)


def test_new_job_from_the_template_passes_check_once_filled_and_approved(tree, cli):
    code, out, err = cli("--root", tree, "new", "job", "gd-2026-0599")
    assert code == 0, err
    path = tree / "content/jobs/gd-2026-0599.yml"
    text = path.read_text("utf-8")
    assert text.startswith(schemas.modeline("content/jobs/gd-2026-0599.yml") + "\n")
    # every field of the format is present, under a comment in both languages
    data = parse(text, "x").data
    reference = parse((ROOT / "content/jobs/gd-2026-0501.yml").read_text("utf-8"), "ref").data
    assert set(data) >= set(reference) - {"visa"} and "visa" in data
    for key in reference:
        line = next(i for i, l in enumerate(text.splitlines()) if l.startswith(f"{key}:"))
        comments = [l for l in text.splitlines()[max(0, line - 3):line] if l.startswith("#")]
        assert any(CJK.search(c) for c in comments) and any(LATIN.search(c) for c in comments), key
    # unfilled, it is refused with a message per blank field
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 1 and "gd-2026-0599.yml" in err and "is empty" in err
    # filled in as a staff member would, it is only waiting for its filing
    path.write_text(_fill(text, reference, {("costs", 0, "amount"): 0, ("id",): "gd-2026-0599"}), "utf-8")
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 1
    codes = set(re.findall(r"gd-2026-0599\.yml:\d+: [\w.\[\]]+: \[([A-Z-]+)\]", err))
    assert codes == {"V-FILING-NUMBER", "V-FILING-APPROVAL"}, err
    path.write_text(path.read_text("utf-8").replace("  number: null", '  number: "WP-2026-0599"'), "utf-8")
    code, _, err = cli("--root", tree, "approve", path, "--by", DEMO, "--key", DEMO_KEY, "--today", TODAY)
    assert code == 0, err
    code, out, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 0, err
    assert "gd-2026-0599" in out and "检查通过 / Check passed" in out


def test_new_job_like_an_existing_one_copies_it_with_the_filing_cleared(tree, cli):
    code, _, err = cli("--root", tree, "new", "job", "sg-2026-0199", "--like", "sg-2026-0101")
    assert code == 0, err
    path = tree / "content/jobs/sg-2026-0199.yml"
    new = parse(path.read_text("utf-8"), "new").data
    old = parse((tree / JOB).read_text("utf-8"), "old").data
    assert new["filing"] == {"number": None, "approved_by": None, "approved_on": None, "digest": None,
                             "signature": None}
    assert new["id"] == "sg-2026-0199"
    # Dates and the number of positions are the new order's own (tests/test_never_published.py).
    fresh = ("id", "filing", "posted_on", "apply_by", "starts", "positions", "selection")
    assert {k: v for k, v in new.items() if k not in fresh} == {k: v for k, v in old.items() if k not in fresh}
    assert {k: v for k, v in new["selection"].items() if k != "date"} == \
           {k: v for k, v in old["selection"].items() if k != "date"}
    assert "# 复制自 sg-2026-0101" in path.read_text("utf-8")
    text = path.read_text("utf-8").replace("  number: null", '  number: "WP-2026-0199"')
    for field, value in [("posted_on", TODAY), ("apply_by", "2027-01-31"), ("positions", "12"), ("  date", "2027-02-10")]:
        text = text.replace(f"\n{field}:\n", f"\n{field}: {value}\n", 1)
    path.write_text(text.replace('\nstarts: ""\n', "\nstarts: 2027-04\n"), "utf-8")
    assert cli("--root", tree, "approve", path, "--by", DEMO, "--key", DEMO_KEY, "--today", TODAY)[0] == 0
    assert cli("--root", tree, "check", "--today", TODAY)[0] == 0


@pytest.mark.parametrize("args,zh,en", [
    (("new", "job", "sg-2026-0101"), "这个文件已经存在", "this file already exists"),
    (("new", "job", "SG 2026/1"), "不合格式", "is not a valid id"),
    (("new", "job", "sg-2026-0199", "--like", "nope"), "没有编号为“nope”的招聘信息", "there is no job order 'nope'"),
])
def test_new_refuses_in_both_languages_and_writes_nothing(tree, cli, args, zh, en):
    before = sorted(p.name for p in (tree / "content/jobs").iterdir())
    code, out, err = cli("--root", tree, *args)
    assert code == 1 and zh in err and en in err and "Traceback" not in err
    assert sorted(p.name for p in (tree / "content/jobs").iterdir()) == before


@pytest.mark.parametrize("args", [("new",), ("new", "course", "x"), ("report",),
                                  ("report", "--from", "2026-03-31", "--to", "2026-01-01"),
                                  ("report", "--period", "2026Q5"),
                                  ("report", "--period", "2026", "--from", "2026-01-01")])
def test_usage_errors_exit_2(cli, args):
    with pytest.raises(SystemExit) as exc:
        cli("--root", ROOT, *args)
    assert exc.value.code == 2


# ---- the report ---------------------------------------------------------------------

@pytest.mark.parametrize("text,period", [
    ("2026-03", ("2026-03-01", "2026-03-31")), ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2026Q1", ("2026-01-01", "2026-03-31")), ("2026q4", ("2026-10-01", "2026-12-31")),
    ("2026H2", ("2026-07-01", "2026-12-31")), ("2026", ("2026-01-01", "2026-12-31")),
    ("2026-13", None), ("Q1", None), ("2026H3", None)])
def test_parse_period(text, period):
    expected = tuple(dt.date.fromisoformat(d) for d in period) if period else None
    assert parse_period(text) == expected


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Staff", "GIT_AUTHOR_EMAIL": "staff@example.org",
           "GIT_COMMITTER_NAME": "Staff", "GIT_COMMITTER_EMAIL": "staff@example.org"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T10:00:00+08:00"
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)


def _commit(repo: Path, date: str, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--no-verify", "-m", message, date=date)


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))[1:]


def _figure(rows, key: str) -> tuple[int, int]:
    row = next(r for r in rows if r[1] == key)
    return int(row[3]), int(row[4])


def _sample(job_id: str) -> dict:
    return yaml.safe_load((ROOT / f"content/jobs/{job_id}.yml").read_text("utf-8"))


@pytest.fixture
def history(tmp_path):
    """A tree whose job orders have a known git history:
    2026-01-10 A (sg-2026-0101) and B (jp-2026-0201) approved; 2026-02-05 C (gd-2026-0501);
    2026-02-20 E (sg-2026-0102, changed after approval: refused); 2026-03-20 A closed;
    2026-04-10 F (dz-2026-0301); 2026-05-02 B's file deleted. JP's facts were last
    reviewed in 2024, so B is overdue for review in Q1."""
    repo = copy_tree(tmp_path / "repo")
    jobs = repo / "content/jobs"
    shutil.rmtree(jobs)
    jobs.mkdir()
    jp = repo / "content/countries/JP.yml"
    jp.write_text(re.sub(r"(?m)^reviewed_on: .*", "reviewed_on: 2024-01-15", jp.read_text("utf-8")), "utf-8")
    _git(repo, "init", "-q", "-b", "main")
    (jobs / ".keep").write_text("", "utf-8")
    _commit(repo, "2025-12-01", "base")

    def add(job_id, text=None):
        (jobs / f"{job_id}.yml").write_text(text or (ROOT / f"content/jobs/{job_id}.yml").read_text("utf-8"), "utf-8")

    add("sg-2026-0101")
    add("jp-2026-0201")
    _commit(repo, "2026-01-10", "A and B")
    add("gd-2026-0501")
    _commit(repo, "2026-02-05", "C")
    text = (ROOT / "content/jobs/sg-2026-0102.yml").read_text("utf-8")
    add("sg-2026-0102", re.sub(r"(?m)^positions: (\d+)", lambda m: f"positions: {int(m[1]) + 1}", text))
    _commit(repo, "2026-02-20", "E, edited after approval")
    a = jobs / "sg-2026-0101.yml"
    a.write_text(a.read_text("utf-8").replace("\nstatus: open\n", "\nstatus: closed\n"), "utf-8")
    _commit(repo, "2026-03-20", "close A")
    add("dz-2026-0301")
    _commit(repo, "2026-04-10", "F")
    (jobs / "jp-2026-0201.yml").unlink()
    _commit(repo, "2026-05-02", "B removed")
    return repo


def test_report_figures_on_a_known_history(history, tmp_path, cli):
    out = tmp_path / "out"
    code, printed, err = cli("--root", history, "report", "--from", "2026-01-01", "--to", "2026-03-31",
                             "--today", TODAY, "--out", out)
    assert code == 0, err
    rows = _rows(out / "report-2026-01-01_2026-03-31.csv")
    a, b, c, e = (_sample(i) for i in ("sg-2026-0101", "jp-2026-0201", "gd-2026-0501", "sg-2026-0102"))
    assert _figure(rows, "published") == (3, a["positions"] + b["positions"] + c["positions"])
    assert _figure(rows, "closed") == (1, a["positions"])
    assert _figure(rows, "expired") == (0, 0)
    assert _figure(rows, "refused") == (1, e["positions"] + 1)
    zero = [j for j in (a, b, c) if sum(x["amount"] for x in j["costs"] if x["kind"] == "service_fee") == 0]
    assert _figure(rows, "zero_fee")[0] == len(zero)
    assert f"{len(zero)}/3 = {len(zero) / 3:.1%}" in next(r for r in rows if r[1] == "zero_fee")[7]
    details = {r[1]: r for r in rows if r[0].endswith("details")}
    assert set(details) == {"sg-2026-0101", "jp-2026-0201", "gd-2026-0501"}
    # dated by git, not by the approval dates written in the files (November 2026)
    assert details["sg-2026-0101"][5] == "2026-01-10" and details["sg-2026-0101"][6] == "2026-03-20"
    assert details["gd-2026-0501"][5] == "2026-02-05"
    by_destination = {r[1]: (int(r[3]), int(r[4])) for r in rows if r[0].endswith("Positions by destination")}
    assert by_destination == {"SG": (1, a["positions"]), "JP": (1, b["positions"]), "CN-GD": (1, c["positions"])}
    by_agency = {r[1]: int(r[4]) for r in rows if r[0].endswith("Positions by agency")}
    assert sum(by_agency.values()) == a["positions"] + b["positions"] + c["positions"]
    courses = {r[1]: int(r[3]) for r in rows if r[0].endswith("courses required")}
    assert courses["pre-departure-core"] == sum("pre-departure-core" in j["training"] for j in (a, b, c))
    overdue = [r[1] for r in rows if r[0].endswith("overdue for review")]
    assert overdue == ["jp-2026-0201"]
    page = (out / "report-2026-01-01_2026-03-31.html").read_text("utf-8")
    for text in ("外派劳务工作统计报表", "Labour export report", "2026-01-01", "Orders published",
                 "本期新发布招聘信息", "jp-2026-0201", "@page"):
        assert text in page
    assert "本期新发布招聘信息 / Orders published: 3" in printed

    code, _, err = cli("--root", history, "report", "--period", "2026Q2", "--today", TODAY, "--out", out)
    assert code == 0, err
    rows = _rows(out / "report-2026-04-01_2026-06-30.csv")
    assert _figure(rows, "published")[0] == 1       # F
    assert _figure(rows, "closed")[0] == 1          # B, by deleting its file
    assert _figure(rows, "refused")[0] == 0
    assert any("deleted" in r[2] for r in rows if r[0].endswith("Notes"))


def test_report_without_git_uses_the_approval_dates_and_says_so(tree, tmp_path, cli):
    code, printed, err = cli("--root", tree, "report", "--period", "2026Q4", "--today", TODAY,
                             "--out", tmp_path)
    assert code == 0, err
    assert "不是 git 仓库" in printed and "not a git repository" in printed
    rows = _rows(tmp_path / "report-2026-10-01_2026-12-31.csv")
    approved = [j for j in (yaml.safe_load(p.read_text("utf-8")) for p in (tree / "content/jobs").glob("*.yml"))
                if j["filing"].get("digest") and dt.date(2026, 10, 1) <= j["filing"]["approved_on"]]
    assert _figure(rows, "published")[0] == len(approved) > 0
    assert "filing.approved_on" in (tmp_path / "report-2026-10-01_2026-12-31.html").read_text("utf-8")


# ---- pre-commit and CI -------------------------------------------------------------

def _generator_args(command: str) -> list[str] | None:
    argv = shlex.split(command)
    for i in range(len(argv) - 2):
        if argv[i + 1:i + 3] == ["-m", "generator"]:
            return argv[i + 3:]
    return None


def test_pre_commit_hooks_name_existing_commands():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    assert {h["id"] for h in hooks} >= {"generator-check"}
    for hook in hooks:
        argv = shlex.split(hook["entry"])
        assert argv[0] == ".venv/bin/python" and hook["language"] == "system"
        assert hook["pass_filenames"] is False
        _parser().parse_args(_generator_args(hook["entry"]))      # a real subcommand and options
        assert re.compile(hook["files"])
    try:
        from pre_commit.clientlib import load_config
    except ImportError:
        return
    load_config(str(ROOT / ".pre-commit-config.yaml"))


def test_pre_commit_check_hook_runs(tmp_path):
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hook = next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "generator-check")
    argv = shlex.split(hook["entry"])
    assert (ROOT / argv[0]).exists()
    done = subprocess.run([sys.executable] + argv[1:] + ["--today", TODAY], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "检查通过 / Check passed" in done.stdout


def test_ci_workflow_runs_real_commands():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text("utf-8"))
    runs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    commands = [line for run in runs for line in run.splitlines() if "-m generator" in line]
    assert any(_generator_args(c)[0] == "check" for c in commands)
    assert any(_generator_args(c)[:2] == ["build", "--strict"] for c in commands)
    for command in commands:
        args = _generator_args(command.replace('"$(date -u -d \'last month\' +%Y-%m)"', "2026-10"))
        _parser().parse_args(args)
    assert (ROOT / "docs/deploy.md").read_text("utf-8").count("deploy/nginx.conf") >= 1


# ---- the preview's banner ----------------------------------------------------------

def test_banner_goes_into_the_content_and_the_reload_script_before_body_end():
    page = '<html><body class="x"><article class="md-content__inner md-typeset"><h1>T</h1></article></body></html>'
    out = preview_banner.inject(page, ["<div>BANNER</div>"])
    assert '<article class="md-content__inner md-typeset"><div>BANNER</div><h1>' in out
    assert out.endswith(f'<script src="{preview_banner.RELOAD_PATH}" defer></script></body></html>')
    assert preview_banner.job_of("/en/jobs/sg-2026-0101/") == ("sg-2026-0101", "en")
    assert preview_banner.job_of("/jobs/sg-2026-0101/index.html") == ("sg-2026-0101", "zh")
    assert preview_banner.job_of("/jobs/") == (None, "zh")


def test_public_build_has_no_preview_banner(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "lx-preview-banner" not in html and "__preview__" not in html, page


def _lines(stream, into: queue.Queue):
    for line in iter(stream.readline, ""):
        into.put(line)


def _wait_for(lines: queue.Queue, pattern: str, seconds: float) -> re.Match:
    deadline, seen = time.monotonic() + seconds, []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if m := re.search(pattern, line):
            return m
    raise AssertionError(f"no {pattern!r} in serve's output:\n{''.join(seen)}")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def test_serve_shows_a_refused_order_with_the_problems_check_prints(tree):
    path = tree / JOB
    path.write_text(path.read_text("utf-8").replace("  hours_per_week: 44", "  hours_per_week: 60"), "utf-8")
    problems = [p for p in check(tree, dt.date.fromisoformat(TODAY)).problems if p.path == JOB]
    assert {p.code for p in problems} == {"V-FILING-DIGEST", "V-HOURS-WEEK"}

    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(tree), "serve", "--port", "0",
                             "--today", TODAY], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, encoding="utf-8")
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        url = _wait_for(lines, r"Preview: (http://127\.0\.0\.1:\d+/)", 180)[1]
        for lang, prefix, title in (("zh", "", "预览：这条招聘信息不会发布"),
                                    ("en", "en/", "Preview: this job order would NOT be published")):
            page = _get(f"{url}{prefix}jobs/sg-2026-0101/")
            assert f'<html lang="{lang}"' in page
            banner = re.search(r'<div class="admonition danger lx-preview-banner".*?</div>', page, re.S)
            assert banner, page[:500]
            assert title in banner[0]
            for p in problems:          # the very lines `check` prints, both languages
                for line in p.format().splitlines():
                    assert html_escape(line) in banner[0]
            assert "共发现 2 个错误 / Found 2 errors" in banner[0]
        # the order is not in the lists, and other orders carry no banner
        assert "sg-2026-0101" not in _get(f"{url}jobs/")
        assert "lx-preview-banner" not in _get(f"{url}jobs/sg-2026-0102/")
        generation = _get(f"{url}__preview__/generation")

        # a job order that cannot be read: set aside, its own page says why, the rest is served
        # (tests/test_preview_staff.py)
        (tree / "content/jobs/sg-2026-0102.yml").write_text("positions: [\n", "utf-8")
        deadline = time.monotonic() + 120
        while _get(f"{url}__preview__/generation") == generation and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "lx-preview-banner" not in _get(f"{url}jobs/")
        page = _get(f"{url}jobs/sg-2026-0102/")
        assert 'data-preview-banner="incomplete"' in page and "a bracket [ is not closed" in page
        generation = _get(f"{url}__preview__/generation")

        # a mistake that stops the rebuild: the last good preview stays, every page says why
        (tree / "site_config.yml").write_text("site: [\n", "utf-8")
        deadline = time.monotonic() + 120
        while _get(f"{url}__preview__/generation") == generation and time.monotonic() < deadline:
            time.sleep(0.5)
        page = _get(f"{url}jobs/")
        assert 'data-preview-banner="failed"' in page and "a bracket [ is not closed" in page
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def html_escape(text: str) -> str:
    import html
    return html.escape(text)
