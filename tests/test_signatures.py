"""Approvals no one can forge: the five cases through `check`, `build` and `approve`, the
demo reviewer, the unsigned-approvals setting, and the property that any change to a
signed field voids the signature.

Reviewers for the tests: wang-fang (authorised), li-jianguo (authority ended 2026-06-30)
and mallory, whose key is on no list. Their key pairs are made per test module.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import DEMO, DEMO_KEY, ROOT, TODAY, with_value
from generator.source.yamlload import parse
from generator.vetting import signatures
from generator.vetting.approve import approved_text
from generator.vetting.check import check
from generator.vetting.digest import digest

SG = "content/jobs/sg-2026-0101.yml"
DAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("keys")
    out = {}
    for name in ("wang-fang", "li-jianguo", "mallory"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(folder / name)],
                       check=True)
        out[name] = folder / name
    return out


def _pub(key: Path) -> str:
    return key.with_name(key.name + ".pub").read_text("utf-8").strip()


@pytest.fixture
def staff(tree, keys) -> Path:
    """The sample tree with two more reviewers: wang-fang (authorised) and li-jianguo (ended)."""
    path = tree / "content/reviewers.yml"
    path.write_text(path.read_text("utf-8") + f"""- id: wang-fang
  name: {{zh: 王芳, en: Wang Fang}}
  role: {{zh: 审核科科长, en: Head of the Vetting Section}}
  key: {_pub(keys['wang-fang'])}
  valid_from: 2026-01-01
  email: wang.fang@example.org
- id: li-jianguo
  name: {{zh: 李建国, en: Li Jianguo}}
  role: {{zh: 原审核员, en: Former reviewer}}
  key: {_pub(keys['li-jianguo'])}
  valid_from: 2025-01-01
  valid_until: 2026-06-30
""", "utf-8")
    return tree


def _write_approval(root: Path, by: str, key: Path, on: dt.date = DAY, rel: str = SG) -> None:
    path = root / rel
    text = approved_text(parse(path.read_text("utf-8"), rel), by, on, lambda m: signatures.sign(key, m))
    assert isinstance(text, str), text
    path.write_text(text, "utf-8")


def _set(root: Path, rel: str, pattern: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert re.search(pattern, text, re.M), pattern
    path.write_text(re.sub(pattern, new, text, count=1, flags=re.M), "utf-8")


def _redigest(root: Path, rel: str = SG) -> None:
    """What a forger does: compute the digest of the edited file, as approve would."""
    data = parse((root / rel).read_text("utf-8"), rel).data
    _set(root, rel, r"^  digest: .*$", f"  digest: {digest(data)}")


def forged(root, keys):
    """A typed name, a hand-computed digest, no key."""
    _set(root, SG, r"^  approved_by: .*$", "  approved_by: 张三")
    _set(root, SG, r"^  signature: .*\n", "")
    _redigest(root)


def unlisted_key(root, keys):
    _write_approval(root, "wang-fang", keys["mallory"])


def expired_reviewer(root, keys):
    _write_approval(root, "li-jianguo", keys["li-jianguo"])


def changed_digest(root, keys):
    """Signed by wang-fang; then the content changed and the digest computed again by hand."""
    _write_approval(root, "wang-fang", keys["wang-fang"])
    _set(root, SG, r"^positions: 30", "positions: 300")
    _redigest(root)


def valid(root, keys):
    _write_approval(root, "wang-fang", keys["wang-fang"])


# (case, code, what check says in English, in Chinese)
CASES = [
    (forged, "V-FILING-SIGNATURE-MISSING", "approved_by says '张三' but there is no signature", "没有签名"),
    (unlisted_key, "V-FILING-SIGNATURE-KEY", "that key is not in content/reviewers.yml, not the key listed for "
                                             "'wang-fang'", "这把密钥不在 content/reviewers.yml 中"),
    (expired_reviewer, "V-FILING-SIGNATURE-DATES", "'li-jianguo' was authorised to approve from 2025-01-01 to "
                                                   "2026-06-30; the approval is dated 2026-11-20", "不在其内"),
    (changed_digest, "V-FILING-SIGNATURE-INVALID", "the signature does not match this order", "签名与这条招聘信息不符"),
]


@pytest.mark.parametrize("case,code,en,zh", CASES, ids=[c[0].__name__ for c in CASES])
def test_check_and_build_refuse_each_bad_approval_and_publish_the_rest(staff, keys, cli, case, code, en, zh):
    case(staff, keys)
    status, out, err = cli("--root", staff, "check", "--today", TODAY)
    assert status == 1
    lines = [l for l in err.splitlines() if f"[{code}]" in l]
    assert len(lines) == 2 and all(l.startswith(f"{SG}:") for l in lines), err   # file:line, Chinese then English
    assert zh in lines[0] and en in lines[1], lines
    assert re.search(r"[\u4e00-\u9fff]", lines[0].split("]", 1)[1])
    assert re.search(r"sg-2026-0101 +未发布 REFUSED +WP-2026-0101 +V-FILING-SIGNATURE", out)

    site = staff / "site"
    status, out, err = cli("--root", staff, "build", "--out", site, "--today", TODAY)
    assert status == 0, err
    assert f"[{code}]" in err
    assert not (site / "jobs/sg-2026-0101").exists()
    assert "sg-2026-0101" not in (site / "jobs/index.html").read_text("utf-8")
    assert (site / "jobs/sg-2026-0102/index.html").exists()           # the rest is published


def test_a_valid_approval_is_published_showing_who_and_when(staff, keys, cli):
    valid(staff, keys)
    status, out, err = cli("--root", staff, "check", "--today", TODAY)
    assert status == 0, err
    assert "V-FILING" not in err
    site = staff / "site"
    assert cli("--root", staff, "build", "--out", site, "--today", TODAY)[0] == 0
    page = (site / "jobs/sg-2026-0101/index.html").read_text("utf-8")
    trust = page[page.index("lx-trust"):]
    assert "王芳" in trust and "审核科科长" in trust and "2026年11月20日" in trust
    assert "2026年11月21日" in trust                                   # checked when the site was built
    en = (site / "en/jobs/sg-2026-0101/index.html").read_text("utf-8")
    assert "Wang Fang" in en[en.index("lx-trust"):]


# ---- the same five through `approve` ------------------------------------------------

def _approve(cli, root, *args):
    before = (root / SG).read_text("utf-8")
    status, out, err = cli("--root", root, "approve", root / SG, *args, "--today", DAY.isoformat())
    return status, out, err, before


def test_approve_refuses_a_typed_name(staff, cli):
    status, out, err, before = _approve(cli, staff, "--by", "张三")
    assert status == 1 and "[V-FILING-SIGNATURE-KEY]" in err
    assert "'张三' is not a reviewer listed in content/reviewers.yml" in err and "不是 content/reviewers.yml 中登记的审核人" in err
    assert (staff / SG).read_text("utf-8") == before


def test_approve_refuses_a_listed_name_without_the_key(staff, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))          # an empty ~/.ssh and no agent
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    status, out, err, before = _approve(cli, staff, "--by", "wang-fang")
    assert status == 1 and "[V-FILING-SIGNATURE-MISSING]" in err
    assert "no private key of 'wang-fang' found" in err and "找不到“wang-fang”的私钥" in err
    assert (staff / SG).read_text("utf-8") == before


def test_approve_refuses_a_key_that_is_not_the_reviewers(staff, keys, cli):
    status, out, err, before = _approve(cli, staff, "--by", "wang-fang", "--key", keys["mallory"])
    assert status == 1 and "[V-FILING-SIGNATURE-KEY]" in err
    assert "is not the key listed for 'wang-fang'" in err and "不是“wang-fang”在 content/reviewers.yml 中登记的密钥" in err
    assert (staff / SG).read_text("utf-8") == before


def test_approve_refuses_a_reviewer_whose_authority_ended(staff, keys, cli):
    status, out, err, before = _approve(cli, staff, "--by", "li-jianguo", "--key", keys["li-jianguo"])
    assert status == 1 and "[V-FILING-SIGNATURE-DATES]" in err
    assert "'li-jianguo' is authorised to approve from 2025-01-01 to 2026-06-30, not on 2026-11-20" in err
    assert (staff / SG).read_text("utf-8") == before


def test_approve_replaces_an_approval_over_a_changed_digest_and_says_so(staff, keys, cli):
    changed_digest(staff, keys)
    status, out, err, before = _approve(cli, staff, "--by", "wang-fang", "--key", keys["wang-fang"])
    assert status == 0, err
    assert "(replaced by this approval) the signature does not match this order" in err
    assert "Approved and signed: content/jobs/sg-2026-0101.yml (wang-fang, 2026-11-20" in out
    assert cli("--root", staff, "check", "--today", TODAY)[0] == 0


def test_approve_signs_with_the_reviewers_key_from_ssh_dir(staff, keys, cli, tmp_path, monkeypatch):
    ssh = tmp_path / ".ssh"
    ssh.mkdir()
    for suffix in ("", ".pub"):
        (ssh / f"id_ed25519{suffix}").write_bytes(keys["wang-fang"].with_name("wang-fang" + suffix).read_bytes())
    (ssh / "id_ed25519").chmod(0o600)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    status, out, err, before = _approve(cli, staff, "--by", "王芳")
    assert status == 0, err
    filing = yaml.safe_load((staff / SG).read_text("utf-8"))["filing"]
    assert filing["approved_by"] == "wang-fang" and filing["approved_on"] == DAY
    assert signatures.signer_fingerprint(filing["signature"]) == signatures.fingerprint(
        signatures.key_blob(_pub(keys["wang-fang"])))
    assert cli("--root", staff, "check", "--today", TODAY)[0] == 0


# ---- the demo reviewer, the setting, status -----------------------------------------

def test_demo_signed_orders_are_refused_once_the_demo_reviewer_is_removed(tree, cli):
    path = tree / "content/reviewers.yml"
    path.write_text(re.sub(r"(?ms)^- id: demo-reviewer\n(?:  .*\n)+", "", path.read_text("utf-8")) or "[]\n", "utf-8")
    assert "demo-reviewer" not in path.read_text("utf-8")
    status, out, err = cli("--root", tree, "check", "--today", TODAY)
    assert status == 1
    jobs = sorted(p.stem for p in (tree / "content/jobs").glob("*.yml"))
    refused = set(re.findall(r"^content/jobs/([\w-]+)\.yml:\d+: filing\.approved_by: \[V-FILING-SIGNATURE-KEY\] "
                             r"there is no reviewer 'demo-reviewer'", err, re.M))
    assert refused == set(jobs)
    assert "W-REVIEWER-DEMO" not in err


def test_the_sample_warns_that_its_reviewer_has_a_public_key(cli):
    status, out, err = cli("--root", ROOT, "check", "--today", TODAY)
    assert status == 0, err
    assert re.search(r"^content/reviewers.yml:\d+: \[0\]\.key: \[W-REVIEWER-DEMO\] 'demo-reviewer' has the demo "
                     r"key published", err, re.M)


def test_unsigned_approvals_only_under_the_setting_with_a_warning_every_time(tree, keys, cli):
    forged(tree, keys)
    _set(tree, SG, r"^  approved_by: .*$", f"  approved_by: {DEMO}")
    _redigest(tree)
    assert cli("--root", tree, "check", "--today", TODAY)[0] == 1
    _set(tree, "site_config.yml", r"^  core_course: .*$", r"\g<0>\n  allow_unsigned_approvals: true")
    for command in ("check", "build"):
        extra = ("--out", tree / "site") if command == "build" else ()
        status, out, err = cli("--root", tree, command, "--today", TODAY, *extra)
        assert status == 0, err
        assert re.search(r"^site_config.yml:\d+: policy.allow_unsigned_approvals: \[W-POLICY-UNSIGNED\]", err, re.M)
        assert f"{SG}:" in err and "[W-FILING-UNSIGNED]" in err
    assert (tree / "site/jobs/sg-2026-0101/index.html").exists()
    # a name that is no reviewer's is still refused
    _set(tree, SG, r"^  approved_by: .*$", "  approved_by: 张三")
    _redigest(tree)
    status, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert status == 1 and "[V-FILING-SIGNATURE-MISSING]" in err and "lists no such reviewer" in err


def test_closing_needs_no_signature_but_opening_does(tree, cli):
    _set(tree, SG, r"^status: open", "status: closed")
    status, out, err = cli("--root", tree, "check", "--today", TODAY)
    assert status == 0, err
    assert re.search(r"sg-2026-0101 +已停招 closed", out)
    # ae-2026-0401 was approved while closed: opening it is a change a reviewer must sign
    _set(tree, "content/jobs/ae-2026-0401.yml", r"^status: closed", "status: open")
    status, out, err = cli("--root", tree, "check", "--today", TODAY)
    assert status == 1
    assert re.search(r"^content/jobs/ae-2026-0401.yml:\d+: filing.digest: \[V-FILING-DIGEST\]", err, re.M)


def test_ssh_keygen_missing_is_a_clear_failure(tree, cli, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    monkeypatch.setattr(signatures, "_good", set())
    status, out, err = cli("--root", tree, "check", "--today", TODAY)
    assert status == 1 and "Traceback" not in err
    assert "找不到 ssh-keygen" in err and "ssh-keygen is not installed" in err and "openssh-client" in err


def test_the_verification_cache_lives_outside_the_project(tree):
    assert ROOT not in signatures.cache_file().parents and tree not in signatures.cache_file().parents


# ---- property: any change to a signed field voids the signature ---------------------

def _signed_paths(data, loc=()):
    if isinstance(data, dict):
        for k, v in data.items():
            if loc + (k,) not in {("filing", "digest"), ("filing", "signature")}:
                yield from _signed_paths(v, loc + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _signed_paths(v, loc + (i,))
    else:
        yield loc


SAMPLE = parse((ROOT / SG).read_text("utf-8"), SG)
PATHS = sorted(_signed_paths(SAMPLE.data), key=str)
DEMO_REVIEWER = None


def _demo_reviewer():
    global DEMO_REVIEWER
    if DEMO_REVIEWER is None:
        from generator.source.models import Reviewer
        entry = yaml.safe_load((ROOT / "content/reviewers.yml").read_text("utf-8"))[0]
        DEMO_REVIEWER = Reviewer.model_validate(entry)
    return DEMO_REVIEWER


def test_the_sample_signature_holds():
    f = SAMPLE.data["filing"]
    claim = signatures.Claim(_demo_reviewer(), f["approved_on"], digest(SAMPLE.data), f["signature"])
    assert signatures.verify_many([claim])[claim] is True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(PATHS), value=st.one_of(st.text(min_size=1, max_size=20), st.integers(0, 10**6),
                                                   st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31))))
def test_any_change_to_a_signed_field_voids_the_signature(path, value):
    """Even with the digest recomputed by hand (a forger's first move), ssh-keygen refuses."""
    data = with_value(SAMPLE.data, path, value)
    if data is None:
        return
    f = data["filing"]
    on = f["approved_on"] if isinstance(f["approved_on"], dt.date) else SAMPLE.data["filing"]["approved_on"]
    claim = signatures.Claim(_demo_reviewer(), on, digest(data), f["signature"])
    assert signatures.verify_many([claim])[claim] is False


def test_ssh_keygen_itself_holds_the_reviewers_dates(keys):
    """Not only our own date check: the allowed-signers line makes ssh-keygen refuse a
    signature dated outside the authority, to the day, at both ends."""
    from generator.source.models import Reviewer
    li = Reviewer(id="li-jianguo", name={"zh": "李建国", "en": "Li Jianguo"}, role={"zh": "原审核员", "en": "Former"},
                  key=_pub(keys["li-jianguo"]), valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2026, 6, 30))
    signature = signatures.sign(keys["li-jianguo"], "sha256:0")
    days = {dt.date(2024, 12, 31): False, dt.date(2025, 1, 1): True, dt.date(2026, 6, 30): True,
            dt.date(2026, 7, 1): False}
    claims = {signatures.Claim(li, day, "sha256:0", signature): ok for day, ok in days.items()}
    assert signatures.verify_many(list(claims)) == claims
