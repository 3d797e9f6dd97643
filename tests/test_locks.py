"""The lock files install what pyproject.toml asks for, every file checked by hash, and
the scripts and CI install from them: a fresh machine gets the versions CI passed with."""
from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
LOCKS = {"runtime": ROOT / "requirements/runtime.lock.txt", "test": ROOT / "requirements/test.lock.txt"}


def _pins(path) -> dict[str, list[tuple[str, str, list[str]]]]:
    """name -> [(version, marker, hashes)] from a `uv pip compile --generate-hashes` file."""
    text = re.sub(r"\\\n\s*", " ", path.read_text("utf-8"))
    pins: dict = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)\s*(?:;\s*(.*?))?\s*((?:--hash=\S+\s*)*)$", line)
        assert m, f"{path.name}: not a pinned, hashed line: {line[:80]}"
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", m[4])
        pins.setdefault(canonicalize_name(m[1]), []).append((m[2], m[3] or "", hashes))
    return pins


@pytest.mark.parametrize("kind", ["runtime", "test"])
def test_every_locked_package_is_pinned_with_hashes(kind):
    pins = _pins(LOCKS[kind])
    assert pins
    for name, versions in pins.items():
        for version, _, hashes in versions:
            assert hashes, f"{name}=={version} has no hash in {LOCKS[kind].name}"


@pytest.mark.parametrize("kind", ["runtime", "test"])
def test_the_lock_satisfies_pyproject(kind):
    """A dependency added or narrowed in pyproject.toml without `bash scripts/lock.sh` fails here."""
    wanted = list(PYPROJECT["project"]["dependencies"])
    if kind == "test":
        wanted += PYPROJECT["project"]["optional-dependencies"]["test"]
    pins = _pins(LOCKS[kind])
    env = default_environment()
    for spec in wanted:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is in pyproject.toml but not in {LOCKS[kind].name}: run scripts/lock.sh"
        for version, marker, _ in pins[name]:
            if marker and not Requirement(f"x; {marker}").marker.evaluate(env):
                continue
            assert req.specifier.contains(version, prereleases=True), (
                f"{LOCKS[kind].name} pins {req.name}=={version}, outside pyproject.toml's {req.specifier}")
        for extra in req.extras:            # e.g. pagefind[extended] brings pagefind-bin-extended
            assert any(n.startswith(name) and n != name for n in pins), f"{req.name}[{extra}] not locked"


def test_the_test_lock_pins_the_runtime_versions():
    runtime, test = _pins(LOCKS["runtime"]), _pins(LOCKS["test"])
    for name, versions in runtime.items():
        assert test.get(name) == versions, f"{name}: the test lock and the runtime lock disagree"


def test_scripts_and_ci_install_from_the_locks():
    install = (ROOT / "scripts/install.sh").read_text("utf-8")
    test = (ROOT / "scripts/test.sh").read_text("utf-8")
    assert "--require-hashes -r requirements/runtime.lock.txt" in install
    assert "--require-hashes -r requirements/test.lock.txt" in test
    for script in (install, test):
        # the project itself goes in without resolving anything outside the lock
        assert re.search(r"pip install .*--no-deps --no-build-isolation -e \.", script)
        assert not re.search(r"pip install (?!.*--require-hashes)(?!.*--no-deps).*", script)
    publish = (ROOT / ".github/workflows/publish.yml").read_text("utf-8")
    runs = [line.strip() for line in publish.splitlines() if "pip install" in line]
    assert runs and all("--require-hashes" in r or "--no-deps" in r for r in runs), runs
    ci = (ROOT / ".ci/run").read_text("utf-8")
    assert "scripts/test.sh" in ci


def test_a_scheduled_job_tries_the_newest_allowed_versions():
    workflow = yaml.safe_load((ROOT / ".github/workflows/dependencies.yml").read_text("utf-8"))
    assert workflow[True]["schedule"]          # YAML reads the key `on` as True
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any("pip install --upgrade" in s and ".[test]" in s and "lock" not in s for s in steps)
    assert any("pytest" in s for s in steps)


def test_the_mutation_lock_is_hashed_and_agrees_with_the_test_lock():
    """requirements/mutation.lock.txt (the weekly mutation job's mutmut) is resolved against
    the test lock: installed on top of it, it changes no version the tests run with."""
    mutation, test = _pins(ROOT / "requirements/mutation.lock.txt"), _pins(LOCKS["test"])
    assert "mutmut" in mutation
    for name, versions in mutation.items():
        for version, marker, hashes in versions:
            assert hashes, f"{name}=={version} has no hash in mutation.lock.txt"
            if name in test:
                assert version in [v for v, _, _ in test[name]], f"{name}=={version} differs from test.lock.txt"
