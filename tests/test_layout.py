"""The package reads as the pipeline: folders by stage, each importing only the stages
before it, as its `__init__.py` states (MAY_IMPORT). Imports inside functions count too."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "generator"
# The order data flows in; reports/ stands beside the pipeline, after vetting.
ORDER = ["source", "vetting", "render", "publish", "preview"]
EARLIER = {stage: set(ORDER[:i]) for i, stage in enumerate(ORDER)} | {"reports": {"source", "vetting"}}
SHARED = {"generator.problems", "generator.library_messages"}
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(path: Path, module: str) -> set[str]:
    """Every generator module this file imports, wherever the import statement stands."""
    found = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        found |= {n for n in names if n in MODULES}
    return found


def _stage(module: str) -> str:
    parts = module.split(".")
    if module in SHARED:
        return "shared"
    if len(parts) == 1 or parts[1] in ("cli", "__main__"):
        return "cli"
    return parts[1]


def _contract(stage: str) -> tuple[str, tuple]:
    init = PACKAGE / stage / "__init__.py"
    tree = ast.parse(init.read_text("utf-8"))
    may = next((ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "MAY_IMPORT" for t in n.targets)), None)
    return ast.get_docstring(tree) or "", may


STAGES = sorted({_stage(m) for m in MODULES} - {"shared", "cli"})


def test_the_folders_are_the_stages():
    assert set(STAGES) == set(EARLIER), "a new folder needs its place in the pipeline (ORDER) and a contract"


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_states_its_contract(stage):
    doc, may = _contract(stage)
    for part in ("In:", "Out:", "May import:"):
        assert part in doc, f"generator/{stage}/__init__.py should say '{part}'"
    assert may is not None, f"generator/{stage}/__init__.py needs MAY_IMPORT"
    assert set(may) <= EARLIER[stage], f"{stage} may not import a later or sideways stage: {set(may) - EARLIER[stage]}"


def test_no_module_imports_against_the_flow():
    wrong = []
    for module, path in MODULES.items():
        stage = _stage(module)
        if stage == "cli":
            continue
        allowed = SHARED if stage == "shared" else SHARED | {
            m for m in MODULES if _stage(m) in {stage, *_contract(stage)[1]}}
        for target in _imports(path, module):
            if _stage(target) == "cli" or target not in allowed | {"generator"} and target != module:
                wrong.append(f"{path.relative_to(ROOT)} imports {target}")
            if target == "generator":
                wrong.append(f"{path.relative_to(ROOT)} imports the package root")
    assert not wrong, "imports against the pipeline:\n" + "\n".join(wrong)


def test_modules_stay_small():
    long = {str(p.relative_to(ROOT)): n for p in MODULES.values()
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these by what they do: {long}"


def test_the_import_walk_sees_nested_and_relative_imports(tmp_path):
    """The test above can fail: a lower stage importing a higher one is caught."""
    fake = tmp_path / "renderer.py"
    fake.write_text("def f():\n    from generator.publish import build\n    from ..preview import serve\n", "utf-8")
    found = _imports(fake, "generator.render.renderer")
    assert {"generator.publish.build", "generator.preview.serve"} <= found
