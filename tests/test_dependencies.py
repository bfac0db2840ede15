"""Dependencies are declared once, agree between pip and conda, and cover every import."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

LOCAL = {"trustwork", "conftest", "servers"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def split_requirement(text: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*", text)
    assert match, f"cannot read requirement {text!r}"
    return normalise(match.group(1)), match.group(2).replace(" ", "")


def pip_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return dict(split_requirement(r) for r in project["dependencies"])


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for item in env["dependencies"]:
        if isinstance(item, dict):
            assert item.get("pip") == ["-e ."], "only the course package itself belongs under pip:"
            continue
        name, spec = split_requirement(item)
        if name not in {"python", "pip"}:
            found[name] = spec
    return found


def test_pip_and_conda_list_the_same_packages_and_ranges():
    assert pip_requirements() == conda_requirements()


def test_both_pin_python_311():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"].startswith(">=3.11")


def test_the_stack_is_declared_with_compatible_ranges():
    declared = pip_requirements()
    for name, major in [("jupyterlab", "5"), ("ipywidgets", "9"), ("nbgrader", "0.10"), ("notebook", "8")]:
        assert f"<{major}" in declared[name], (name, declared[name])
    for name in ("pandas", "matplotlib", "nbval", "pytest", "pyyaml", "jsonschema"):
        assert name in declared


def imported_modules(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("folder", ["trustwork", "tests", "benchmarks"])
def test_every_third_party_import_is_declared(folder):
    if not (ROOT / folder).exists():
        pytest.skip(f"no {folder}/ yet")
    declared = set(pip_requirements())
    providers = packages_distributions()
    undeclared = []
    for module in sorted(imported_modules(ROOT / folder) - set(sys.stdlib_module_names) - LOCAL):
        dists = {normalise(d) for d in providers.get(module, [])}
        if not dists & declared:
            undeclared.append(f"{module} (from {', '.join(sorted(dists)) or 'nothing installed'})")
    assert not undeclared, f"imported in {folder}/ but not declared in pyproject.toml: {undeclared}"


def test_installed_environment_satisfies_the_declared_ranges():
    """pip's own resolver check: the environment make builds is consistent."""
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
