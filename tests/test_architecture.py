"""Apps depend one way: kpis <- returns; kpis <- findings <- boards <- recommendations <- packs;
all <- dashboard; and every app, and the project package, on accounts (people and their roles),
which depends on none."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps

ROOT = Path(__file__).resolve().parents[1]
# What each app may import from the others. accounts (people and their roles) is the base:
# every app may check a role, and accounts imports none of them.
ALLOWED = {
    "accounts": set(),
    "kpis": {"accounts"},
    "returns": {"accounts", "kpis"},
    "findings": {"accounts", "kpis"},
    "boards": {"accounts", "kpis", "findings"},
    "recommendations": {"accounts", "kpis", "findings", "boards"},
    "packs": {"accounts", "kpis", "findings", "boards", "recommendations"},
    "dashboard": {"accounts", "kpis", "returns", "findings", "boards", "recommendations", "packs"},
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


# Layering through the ORM: a base app must not name the relations that a higher app declares
# on its models (kpi.reporting_lines, "finding_links__finding__area"), or the base app breaks
# when the higher app changes shape. The higher app provides what is needed instead.


def relation_names_declared_by_others(app: str) -> set[str]:
    """Reverse relation names (accessors and query names) that apps `app` may not import
    declare on models of `app` or of the apps it may import."""
    reachable = ALLOWED[app] | {app}
    names = set()
    for model in django_apps.get_models():
        owner = model._meta.app_label
        if owner not in APPS or owner in reachable:
            continue
        for field in model._meta.get_fields():
            target = getattr(field, "related_model", None)
            if not field.is_relation or field.auto_created or target is None:
                continue
            if target._meta.app_label not in reachable:
                continue
            remote = field.remote_field
            accessor = remote.get_accessor_name()
            if accessor and not accessor.endswith("+"):
                names.add(accessor)
            names.add(field.related_query_name())
    return {name for name in names if name and not name.endswith("+")}


LOOKUP = r"[a-z_]+(__[a-z_]+)*"


def lookups_in_python(path: Path) -> set[str]:
    """Every name the module uses as an attribute, keyword argument or part of a lookup
    string ("a__b__c"), where a relation name could appear."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.keyword) and node.arg:
            found |= set(node.arg.split("__"))
        elif isinstance(node, ast.Constant) and re.fullmatch(LOOKUP, str(node.value)):
            found |= set(node.value.split("__"))
    return found


def lookups_in_template(path: Path) -> set[str]:
    """Names a template reaches through dots inside {{ }} and {% %}."""
    text = path.read_text(encoding="utf-8")
    found = set()
    for tag in re.findall(r"{[{%](.*?)[}%]}", text, re.S):
        found |= set(re.findall(r"\.([a-z_]+)", tag))
    return found


@pytest.mark.parametrize("app", APPS)
def test_apps_do_not_name_the_relations_of_apps_above_them(app):
    forbidden = relation_names_declared_by_others(app)
    offences = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        wrong = lookups_in_python(path) & forbidden
        if wrong:
            offences.append(f"{path.relative_to(ROOT)} names {sorted(wrong)}")
    for path in (ROOT / "templates" / app).rglob("*.html"):
        wrong = lookups_in_template(path) & forbidden
        if wrong:
            offences.append(f"{path.relative_to(ROOT)} names {sorted(wrong)}")
    assert offences == []


def test_the_relation_check_knows_the_relations_it_guards():
    """The check above is only as good as its list: kpis must not name what findings and
    boards declare on KPIs, nor findings what boards declares on findings' models."""
    assert {"finding_links", "reporting_lines", "findings"} <= relation_names_declared_by_others(
        "kpis"
    )
    assert {"reporting_lines", "recommendations"} <= relation_names_declared_by_others("findings")
    assert "reporting_lines" not in relation_names_declared_by_others("boards")
    # Boards' page and pack show recommendations and members' challenges, declared above it.
    assert {"led_recommendations", "led_actions", "challenges", "actions"} <= (
        relation_names_declared_by_others("boards")
    )
    assert "actions" not in relation_names_declared_by_others("recommendations")


def test_the_relation_check_catches_a_lookup_in_python_and_in_a_template(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "Kpi.objects.filter(reporting_lines__board__slug=slug)\n"
        'rows.values_list("finding_links__finding__area")\n'
        "kpi.findings.all()\n"
    )
    assert {"reporting_lines", "finding_links", "findings"} <= lookups_in_python(module)
    page = tmp_path / "page.html"
    page.write_text("{% for line in kpi.reporting_lines.all %}{{ line }}{% endfor %}")
    assert "reporting_lines" in lookups_in_template(page)


# Statuses, polarities, units, frequencies and the plan's ratings are enums defined once
# (kpis/choices.py, recommendations/choices.py); code and templates compare with the enum,
# never with its value typed out, so renaming a value cannot leave a comparison silently false.
CHOICE_MODULES = ("kpis.choices", "recommendations.choices")
COMPARED_FIELD = r"(?:status|polarity|unit|frequency|progress|kind)\w*"


def choice_values() -> set[str]:
    import importlib

    from django.db.models import TextChoices

    values = set()
    for name in CHOICE_MODULES:
        for obj in vars(importlib.import_module(name)).values():
            if isinstance(obj, type) and issubclass(obj, TextChoices) and obj is not TextChoices:
                values |= set(obj.values)
    return values


def bare_choice_comparisons(text: str, values: set[str]) -> list[str]:
    literal = "|".join(re.escape(value) for value in sorted(values))
    pattern = re.compile(
        rf"""{COMPARED_FIELD}\)?\s*(?:[=!]=|\bin\b)\s*[(\[{{]?\s*["']({literal})["']"""
    )
    return [match.group(0) for match in pattern.finditer(text)]


def test_no_choice_is_compared_as_a_bare_string():
    values = choice_values()
    sources = [
        path
        for app in [*APPS, "wokingham_cs"]
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and path.name != "choices.py"
    ]
    offences = [
        f"{path.relative_to(ROOT)}: {found}"
        for path in [*sources, *(ROOT / "templates").rglob("*.html")]
        for found in bare_choice_comparisons(path.read_text(encoding="utf-8"), values)
    ]
    assert offences == []


def test_the_choice_check_catches_comparisons_in_python_and_in_templates():
    values = choice_values()
    assert {"approved", "higher", "percent", "monthly", "closed", "on-track"} <= values
    assert bare_choice_comparisons('if value.status == "approved":', values)
    assert bare_choice_comparisons("kpi.polarity != 'lower'", values)
    assert bare_choice_comparisons('if kpi.unit in ("percent", "count"):', values)
    assert bare_choice_comparisons('{% if action.status == "closed" %}', values)
    assert not bare_choice_comparisons("if value.status == Status.APPROVED:", values)
    assert not bare_choice_comparisons('if trace.fill != "none":', values)
