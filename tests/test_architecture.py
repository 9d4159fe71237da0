"""Apps depend one way: kpis <- returns; kpis <- findings <- boards; all <- dashboard; and every
app, and the project package, on accounts (people and their roles), which depends on none."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What each app may import from the others. accounts (people and their roles) is the base:
# every app may check a role, and accounts imports none of them.
ALLOWED = {
    "accounts": set(),
    "kpis": {"accounts"},
    "returns": {"accounts", "kpis"},
    "findings": {"accounts", "kpis"},
    "boards": {"accounts", "kpis", "findings"},
    "dashboard": {"accounts", "kpis", "returns", "findings", "boards"},
}
APPS = list(ALLOWED)


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_apps_import_only_the_apps_below_them(app):
    offences = []
    for path in (ROOT / app).rglob("*.py"):
        wrong = imported_apps(path) - ALLOWED[app] - {app}
        if wrong:
            offences.append(f"{path.relative_to(ROOT)} imports {sorted(wrong)}")
    assert offences == []


def test_the_project_package_holds_nothing_domain_specific():
    """The navigation may check roles (accounts); nothing else of ours."""
    for path in (ROOT / "wokingham_cs").rglob("*.py"):
        assert imported_apps(path) <= {"accounts"}, path


@pytest.mark.parametrize("app", APPS)
def test_no_function_local_imports_of_other_apps(app):
    """A function-local import is how import cycles hide; fix the direction instead."""
    offences = []
    for path in (ROOT / app).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    offences.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offences == []
