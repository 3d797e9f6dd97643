"""Each vetting rule (generator/vetting/rules.py) on its own, at its boundaries: a table
of one-field edits to a sample order, and what every rule says about each, compared with
tests/golden/rules.json (the exact codes, fields and messages in both languages).

Fast (no build, no CLI), so the mutation job runs it for every mutant of rules.py.
After changing a rule on purpose, regenerate and review the diff:
    RULES_GOLDEN=write .venv/bin/python -m pytest tests/test_rules.py
"""
from __future__ import annotations

import dataclasses
import functools
import datetime as dt
import json
import os

import pytest

from conftest import ROOT
from generator.problems import Collector
from generator.source.load import load_tree
from generator.vetting import rules, verdicts

GOLDEN = ROOT / "tests/golden/rules.json"
TODAY = dt.date(2026, 11, 21)
SG, GD, DZ, JP = "sg-2026-0101", "gd-2026-0501", "dz-2026-0301", "jp-2026-0201"


@functools.lru_cache(maxsize=1)
def _base():
    tree = load_tree(ROOT, Collector())
    return tree, verdicts.context(tree, TODAY)      # ssh-keygen and git: a few seconds


# Loaded when the module is imported: the mutation job imports the tests once and forks a
# process per mutant, which then starts with the tree in memory.
_base()


@pytest.fixture(scope="module")
def base():
    return _base()


def _edit(model, path: str, value):
    head, _, rest = path.partition(".")
    if isinstance(model, tuple):
        items = list(model)
        items[int(head)] = _edit(items[int(head)], rest, value) if rest else value
        return tuple(items)
    if isinstance(model, list):
        items = list(model)
        items[int(head)] = _edit(items[int(head)], rest, value) if rest else value
        return items
    return model.model_copy(update={head: _edit(getattr(model, head), rest, value) if rest else value})


def _policy(tree, **changes):
    site = tree.site.model_copy(update={"policy": tree.site.policy.model_copy(update=changes)})
    return dataclasses.replace(tree, site=site)


def _country(tree, key, path, value):
    return dataclasses.replace(tree, countries={**tree.countries, key: _edit(tree.countries[key], path, value)})


def _agency(tree, agency_id, path, value):
    return dataclasses.replace(tree, agencies={**tree.agencies, agency_id: _edit(tree.agencies[agency_id], path, value)})


def _raw(tree, job_id, path: tuple, value):
    doc = tree.raw_jobs[job_id]
    data = json.loads(json.dumps(doc.data, default=str))
    node = data
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    return dataclasses.replace(tree, raw_jobs={**tree.raw_jobs, job_id: dataclasses.replace(doc, data=data)})


D = dt.date
# name: (job id, [(field path, value)], tree change or None, today or None, duplicate filing)
CASES = {
    "sample sg": (SG, [], None, None, False),
    "sample gd (domestic)": (GD, [], None, None, False),
    "sample dz (minimum wage)": (DZ, [], None, None, False),
    "sample jp (hourly minimum)": (JP, [], None, None, False),
    "no filing number": (SG, [("filing.number", "")], None, None, False),
    "duplicate filing number": (SG, [], None, None, True),
    "not approved: no reviewer": (SG, [("filing.approved_by", None)], None, None, False),
    "not approved: no date": (SG, [("filing.approved_on", None)], None, None, False),
    "approved today": (SG, [("filing.approved_on", TODAY)], None, None, False),
    "approved tomorrow": (SG, [("filing.approved_on", TODAY + dt.timedelta(days=1))], None, None, False),
    "digest of another text": (SG, [("filing.digest", "sha256:" + "0" * 64)], None, None, False),
    "digest missing, not approved": (SG, [("filing.digest", None), ("filing.approved_by", None)], None, None, False),
    "unknown agency": (SG, [("agency", "nobody")], None, None, False),
    "licence expired yesterday": (SG, [], ("agency", "hanyang-intl", "licence.valid_until", TODAY - dt.timedelta(days=1)), None, False),
    "licence ends today": (SG, [], ("agency", "hanyang-intl", "licence.valid_until", TODAY), None, False),
    "domestic agency abroad": (SG, [("agency", "qihang-hr")], None, None, False),
    "overseas-only agency at home": (GD, [("agency", "dongsheng-labour")], ("agency", "dongsheng-labour", "licence.valid_until", D(2030, 1, 1)), None, False),
    "no 24-hour phone": (SG, [], ("agency", "hanyang-intl", "phone_24h", None), None, False),
    "no 24-hour phone, licence ends today": (SG, [], [("agency", "hanyang-intl", "phone_24h", None),
                                                     ("agency", "hanyang-intl", "licence.valid_until", TODAY)], None, False),
    "no 24-hour phone, policy off": (SG, [], ("policy", "agency_24h_contact", False), None, False),
    "no 24-hour phone, domestic order": (GD, [], ("agency", "qihang-hr", "phone_24h", None), None, False),
    "no 24-hour phone, expired licence": (SG, [("agency", "dongsheng-labour")], ("agency", "dongsheng-labour", "phone_24h", None), None, False),
    "no 24-hour phone, domestic licence": (SG, [("agency", "qihang-hr")], None, None, False),
    "posted tomorrow": (SG, [("posted_on", TODAY + dt.timedelta(days=1))], None, None, False),
    "posted today": (SG, [("posted_on", TODAY)], None, None, False),
    "apply_by before posted_on": (SG, [("apply_by", D(2026, 10, 1)), ("posted_on", D(2026, 10, 2))], None, None, False),
    "apply_by on posted_on": (SG, [("apply_by", D(2026, 10, 2)), ("posted_on", D(2026, 10, 2))], None, TODAY, False),
    "tourist visa": (SG, [("visa", "tourist")], None, None, False),
    "no visa abroad": (SG, [("visa", None)], None, None, False),
    "no visa at home": (GD, [("visa", None)], None, None, False),
    "no work visas known": (SG, [], ("country", "SG", "work_visas", []), None, False),
    "wage 0": (SG, [("wage.amount", 0)], None, None, False),
    "wage negative": (SG, [("wage.amount", -1)], None, None, False),
    "wage just positive": (SG, [("wage.amount", 0.01)], None, None, False),
    "wage below minimum": (DZ, [("wage.amount", 1)], ("country", "DZ", "minimum_wages.0.amount", 20000), None, False),
    # (minimum wages set here, so a new fact in content/countries/ does not move these)
    "wage at the minimum": (DZ, [("wage.currency", "DZD"), ("wage.per", "month"), ("wage.amount", 20000)], ("country", "DZ", "minimum_wages.0.amount", 20000), None, False),
    "wage a cent below the minimum": (DZ, [("wage.currency", "DZD"), ("wage.per", "month"), ("wage.amount", 19999.9)], ("country", "DZ", "minimum_wages.0.amount", 20000), None, False),
    "hourly minimum, daily wage": (DZ, [("wage.currency", "DZD"), ("wage.per", "day"), ("wage.amount", 1000)],
                                   [("country", "DZ", "minimum_wages.0.per", "hour"), ("country", "DZ", "minimum_wages.0.amount", 200)], None, False),
    "hourly minimum met by a monthly wage": (DZ, [("wage.currency", "DZD"), ("wage.per", "month"),
                                             ("wage.amount", lambda job: 200 * job.contract.hours_per_week * 52 / 12)],
                                            [("country", "DZ", "minimum_wages.0.per", "hour"), ("country", "DZ", "minimum_wages.0.amount", 200)], None, False),
    "no rate for the wage": (DZ, [("wage.currency", "EUR")], None, None, False),
    "no region where minimum wages are regional": (JP, [("employer.region", None)], None, None, False),
    "a region with no minimum wage on file": (JP, [("employer.region", "atlantis")], None, None, False),
    "no minimum wage in force yet": (DZ, [], ("country", "DZ", "minimum_wages.0.effective_from", D(2030, 1, 1)), None, False),
    "no rate for the minimum": (DZ, [], ("country", "DZ", "minimum_wages.0.currency", "EUR"), None, False),
    "wage within half a cent of the minimum": (DZ, [], [("country", "DZ", "minimum_wages.0.amount", 13000.005),
                                                       ("country", "DZ", "minimum_wages.0.currency", "CNY")], None, False),
    "fee at the limit": (DZ, [("costs.0.amount", 39000)], None, None, False),     # 12.5% of 24 months at CNY 13,000
    "fee half a cent over the limit": (DZ, [("costs.0.amount", 39000.005)], None, None, False),
    "fee a yuan over the limit": (DZ, [("costs.0.amount", 39001)], None, None, False),
    "fee with no rate for the wage": (DZ, [("costs.0.amount", 2), ("wage.currency", "EUR")], None, None, False),
    "hours over the limit": (SG, [("contract.hours_per_week", 45)], None, None, False),
    "hours at the limit": (SG, [("contract.hours_per_week", 44)], None, None, False),
    "rest days below": (SG, [("contract.rest_days_per_month", 3)], None, None, False),
    "rest days at the least": (SG, [("contract.rest_days_per_month", 4)], None, None, False),
    "fee over the share": (SG, [("costs.0.amount", 99999)], None, None, False),
    "fee with employer-pays policy": (SG, [("costs.0.amount", 1)], ("policy", "max_service_fee_share", 0.0), None, False),
    "zero fee with employer-pays policy": (SG, [("costs.0.amount", 0)], ("policy", "max_service_fee_share", 0.0), None, False),
    "fee in a currency without rate": (SG, [("costs.0.currency", "EUR")], None, None, False),
    "deposit": (SG, [("costs.1.item.en", "Security deposit")], None, None, False),
    "deposit in full-width": (SG, [("costs.1.item.zh", "押　金")], None, None, False),
    "no insurance abroad": (SG, [("provided.insurance", False)], None, None, False),
    "no insurance at home": (GD, [("provided.insurance", False)], None, None, False),
    "age too young": (SG, [("requirements.age", (17, 45))], None, None, False),
    "age too old": (SG, [("requirements.age", (20, 61))], None, None, False),
    "age at the limits": (SG, [("requirements.age", (18, 60))], None, None, False),
    "banned phrase": (SG, [], ("raw", SG, ("description", "en"), "A GUARANTEED   visa for all"), None, False),
    "banned phrase in the filing is not advertising": (SG, [], ("raw", SG, ("filing", "number"), "100%"), None, False),
    "banned phrase in a list": (SG, [], ("raw", SG, ("costs", 1, "item", "zh"), "保证出国体检"), None, False),
    "empty banned phrase": (SG, [], ("policy", "banned_phrases", ["", "  "]), None, False),
    "unknown course": (SG, [("training", ["pre-departure-core", "destination-singapore", "nope"])], None, None, False),
    "no core course": (SG, [("training", ["destination-singapore"])], None, None, False),
    "no destination course": (SG, [("training", ["pre-departure-core"])], None, None, False),
    "destination without a course of its own": (SG, [("training", ["pre-departure-core"])], ("country", "SG", "course", None), None, False),
    "no course at home": (GD, [("training", [])], None, None, False),
    "only a service fee line": (SG, [("costs", lambda job: job.costs[:1])], None, None, False),
    "deposit word split between the languages": (SG, [("costs.1.item.zh", "体检押"), ("costs.1.item.en", "金 medical")], None, None, False),
    "no service fee line": (SG, [("costs", [])], None, None, False),
    "do not travel": (SG, [], ("country", "SG", "advisory", "do_not_travel"), None, False),
    "caution": (SG, [], ("country", "SG", "advisory", "caution"), None, False),
}


def _unverified(ctx, job_id):
    ctx.verified = {k: v for k, v in ctx.verified.items() if k != job_id}


def _reviewer_wrote(ctx, job_id, commit="abc1234"):
    from generator.vetting.authorship import Author, Authorship
    reviewer = ctx.tree.reviewers[ctx.tree.jobs[job_id].filing.approved_by]
    ctx.authorship = Authorship({job_id: Author("Someone", reviewer.email, commit, D(2026, 11, 1) if commit else None)})


def _someone_else_wrote(ctx, job_id):
    from generator.vetting.authorship import Author, Authorship
    ctx.authorship = Authorship({job_id: Author("Someone", "someone@example.org", "abc1234", D(2026, 11, 1))})


def _unsigned(ctx, job_id):
    from generator.vetting import approvals
    data = json.loads(json.dumps(ctx.tree.raw_jobs[job_id].data, default=str))
    del data["filing"]["signature"]
    data["filing"]["approved_on"] = dt.date.fromisoformat(data["filing"]["approved_on"])
    ctx.approvals = {**ctx.approvals, job_id: approvals.claim_or_finding(data, ctx.tree)}


# name: what else is true of the world (signatures, git authorship)
WORLD = {
    "unsigned approval": _unsigned,
    "unsigned approval, allowed by the policy": _unsigned,
    "signature not verified": _unverified,
    "reviewer made the last change": _reviewer_wrote,
    "reviewer made the last change, not yet committed": lambda ctx, j: _reviewer_wrote(ctx, j, commit=""),
    "reviewer made the last change, refuse policy": _reviewer_wrote,
    "reviewer made the last change, signature not verified": lambda ctx, j: (_reviewer_wrote(ctx, j), _unverified(ctx, j)),
    "someone else made the last change": _someone_else_wrote,
}
CASES.update({
    "unsigned approval": (SG, [], None, None, False),
    "unsigned approval, allowed by the policy": (SG, [], ("policy", "allow_unsigned_approvals", True), None, False),
    "filing number shared by three orders": (SG, [], None, None, ["other-2026-0001", "third-2026-0002"]),
    "signature not verified": (SG, [], None, None, False),
    "reviewer made the last change": (SG, [], None, None, False),
    "reviewer made the last change, not yet committed": (SG, [], None, None, False),
    "reviewer made the last change, refuse policy": (SG, [], ("policy", "four_eyes", "refuse"), None, False),
    "reviewer made the last change, signature not verified": (SG, [], None, None, False),
    "someone else made the last change": (SG, [], None, None, False),
})


def _tree_for(tree, change):
    if change is None:
        return tree
    if isinstance(change, list):
        for one in change:
            tree = _tree_for(tree, one)
        return tree
    kind, *args = change
    if kind == "agency":
        return _agency(tree, *args)
    if kind == "country" and args[1] == "advisory":
        country = tree.countries[args[0]]
        advisory = country.advisory or next(c.advisory for c in tree.countries.values() if c.advisory)
        return dataclasses.replace(tree, countries={**tree.countries, args[0]: country.model_copy(
            update={"advisory": advisory.model_copy(update={"level": args[2]})})})
    if kind == "country":
        return _country(tree, *args)
    if kind == "policy":
        return _policy(tree, **{args[0]: args[1]})
    return _raw(tree, *args)


def _run(base, name):
    tree, ctx = base
    job_id, edits, change, today, duplicate = CASES[name]
    job = tree.jobs[job_id]
    for path, value in edits:
        job = _edit(job, path, value(job) if callable(value) else value)
    ctx = dataclasses.replace(ctx, tree=_tree_for(tree, change), today=today or TODAY,
                              filing_numbers={**ctx.filing_numbers})
    ctx.verified = dict(ctx.verified)
    if name in WORLD:
        WORLD[name](ctx, job_id)
    if duplicate:
        others = duplicate if isinstance(duplicate, list) else ["other-2026-0001"]
        ctx.filing_numbers[rules.normalise(job.filing.number)] = [job_id, *others]
    out = {}
    for rule in rules.CONTENT_RULES + rules.CURRENT_RULES:
        found = [[r.code, [str(x) for x in r.loc], r.zh, r.en, r.warning] for r in rule(job, ctx)]
        if found:
            out[rule.__name__] = found
    return out


def test_each_rule_at_its_boundaries(base):
    got = {name: _run(base, name) for name in CASES}
    if os.environ.get("RULES_GOLDEN") == "write":
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    want = json.loads(GOLDEN.read_text("utf-8"))
    for name in CASES:
        assert got[name] == want.get(name), name
    assert set(want) == set(CASES)


def test_rule_lists():
    assert rules.APPROVAL_RULES <= set(rules.CONTENT_RULES)
    assert not set(rules.CONTENT_RULES) & set(rules.CURRENT_RULES)
    assert [r.__name__ for r in rules.CURRENT_RULES] == ["agency_licence", "agency_24h", "advisory"]
    assert len(rules.CONTENT_RULES) == 16


def test_normalise_folds_case_width_and_spaces():
    assert rules.normalise("Ｇ U A R A N T E E D\t visa") == "guaranteedvisa"
    assert rules.normalise("押　金") == "押金"
