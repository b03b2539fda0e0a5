"""The areas of the core (helpdesk/<area>/, one per part of the contract) depend on each other
only through the modules each lists in its `EXPORTS`, never on a private name, and in one
direction: no two areas import each other, so the picture of the code is a ladder (questions
and cases at the bottom, reports and the contract on top). Cross-area use cases that would
run the other way (a finding raised at the desk, the terminal on a question's page) live in
helpdesk/app/. Outside cli/ (its per-command imports keep `helpdesk --help` quick) and the
console (screens/, whose lazy imports keep the first frame quick), the core imports at the
top, except a third-party library that costs start-up time, or a place that says why."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AREAS = ("questions", "cases", "roster", "training", "inspection", "monitoring", "security",
         "contract", "reports", "data")
# Imported inside a function by design: each costs start-up time that most commands never
# need (measured with `python -X importtime`: openpyxl ~90 ms, alembic ~60 ms, icalendar,
# holidays and chinese_calendar ~20-40 ms each, the cryptography stack ~50 ms).
LAZY_LIBRARIES = {"sqlmodel", "openpyxl", "alembic", "cryptography", "msoffcrypto", "platformdirs",
                  "holidays", "chinese_calendar", "pypinyin", "rich", "python_calamine",
                  "icalendar", "psycopg", "markdown_it"}


def _cross_area_imports() -> list[tuple[str, str, str, list[str]]]:
    """(importing file, its area, imported module, names) for every import between areas."""
    found = []
    for area in AREAS:
        for path in (ROOT / "helpdesk" / area).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    parts = node.module.split(".")
                    target = parts[1] if parts[0] == "helpdesk" and len(parts) > 1 else None
                    if target in AREAS and target != area:
                        found.append((str(path.relative_to(ROOT)), area, node.module,
                                      [alias.name for alias in node.names]))
    return found


def test_areas_use_each_other_only_through_their_exports() -> None:
    offenders = []
    for file, _area, module, names in _cross_area_imports():
        parts = module.split(".")
        target = parts[1]
        exports = importlib.import_module(f"helpdesk.{target}").EXPORTS
        if len(parts) == 2:  # from helpdesk.cases import rates
            bad = [n for n in names if n not in exports]
        else:
            bad = [] if parts[2] in exports else [parts[2]]
        bad += [n for n in names if n.startswith("_")]
        if bad:
            offenders.append(f"{file}: {module} {bad}")
    assert offenders == []


def test_every_export_is_used_by_another_area() -> None:
    """A stale entry would widen the surface for nothing."""
    used = {(module.split(".")[1], module.split(".")[2])
            for _f, _a, module, _n in _cross_area_imports() if module.count(".") >= 2}
    for area in AREAS:
        exports = importlib.import_module(f"helpdesk.{area}").EXPORTS
        assert {(area, name) for name in exports} <= used, area


def test_no_two_areas_import_each_other() -> None:
    edges = {(area, module.split(".")[1]) for _f, area, module, _n in _cross_area_imports()}
    assert sorted((a, b) for a, b in edges if (b, a) in edges) == []


def test_the_walk_reads_real_cross_area_imports() -> None:
    """The checks above are not vacuous: the walk finds imports that do cross areas."""
    assert any(module == "helpdesk.questions.models" for _f, _a, module, _n
               in _cross_area_imports())


def _lazy_imports(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        scope = parents.get(node)
        while scope is not None and not isinstance(scope, ast.FunctionDef
                                                   | ast.AsyncFunctionDef):
            scope = parents.get(scope)
        if scope is None:
            continue
        module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
        if (module or "").split(".")[0] in LAZY_LIBRARIES:
            continue
        # a comment on the line before the import, or before the first import of its group
        line = node.lineno - 1
        while line > 0 and (not lines[line - 1].strip()
                            or lines[line - 1].lstrip().startswith(("from ", "import "))):
            line -= 1
        if line > 0 and lines[line - 1].lstrip().startswith("#"):
            continue
        found.append((node.lineno, module or ""))
    return found


def test_the_core_imports_at_the_top() -> None:
    offenders = []
    for path in (ROOT / "helpdesk").rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[1] == "cli" or "migrations" in relative.parts:
            continue
        offenders += [f"{relative}:{line}: {module}" for line, module in _lazy_imports(path)]
    assert offenders == []


# What an area's declarations (helpdesk/<area>/settings.py, keys.py) may import: the shared
# declaration helpers only. config/ and keymap.py gather these files, so one that reached back
# into an area (its rules, its models) would close an import circle through config/.
DECLARATION_HELPERS = {"helpdesk.config.convert", "helpdesk.config.reader", "helpdesk.keyspec",
                       "helpdesk.i18n", "helpdesk.vocab"}


def test_area_declarations_import_only_the_declaration_helpers() -> None:
    offenders = []
    declarations = [path for area in AREAS for name in ("settings.py", "keys.py")
                    if (path := ROOT / "helpdesk" / area / name).exists()]
    assert len(declarations) >= 2 * 9  # nearly every area has both
    for path in declarations:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module \
                    and node.module.startswith("helpdesk") \
                    and node.module not in DECLARATION_HELPERS:
                offenders.append(f"{path.relative_to(ROOT)}: {node.module}")
    assert offenders == []


def test_every_area_section_is_registered_in_the_config() -> None:
    """An area's settings.py declares sections; each is a field of Config (the one-line
    registration), so config.toml's test covers it."""
    import dataclasses

    from helpdesk.config import Config
    registered = {f.type for f in dataclasses.fields(Config)}
    for area in AREAS:
        path = ROOT / "helpdesk" / area / "settings.py"
        if not path.exists():
            continue
        module = importlib.import_module(f"helpdesk.{area}.settings")
        for name, value in vars(module).items():
            if name.endswith("Config") and isinstance(value, type) \
                    and value.__module__ == module.__name__:
                assert name in registered, f"{area}: {name} is not a field of Config"


def test_any_module_can_be_the_first_one_imported() -> None:
    """An area's settings or its calendar use loaded first, in a fresh interpreter: the config
    package used to import every area's settings while the first was half-made."""
    import subprocess
    import sys

    first = [f"helpdesk.{path.parent.name}.settings" for path in
             sorted((ROOT / "helpdesk").glob("*/settings.py"))]
    first += ["helpdesk.app.calendar_sync", "helpdesk.cases.deadlines", "helpdesk.cli.main"]
    for name in first:
        result = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, f"{name}: {result.stderr[-1500:]}"
