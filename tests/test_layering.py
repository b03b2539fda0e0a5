"""helpdesk/ is the core: importing every module of it must not pull in textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SCRIPT = """
import importlib, pkgutil, sys
import helpdesk
names = [m.name for m in pkgutil.walk_packages(helpdesk.__path__, "helpdesk.")
         if ".migrations" not in m.name and not m.name.endswith("__main__")]
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(len(names), loaded)
sys.exit(1 if loaded else 0)
"""


def test_helpdesk_imports_without_textual() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    imported = int(result.stdout.split()[0])
    assert imported > 20  # really walked the package


def test_no_source_in_helpdesk_mentions_textual_imports() -> None:
    from pathlib import Path

    import helpdesk

    root = Path(helpdesk.__file__).parent
    offenders = [str(path) for path in root.rglob("*.py")
                 if any(line.lstrip().startswith(("import textual", "from textual"))
                        for line in path.read_text(encoding="utf-8").splitlines())]
    assert offenders == []


FIRST_FRAME_SCRIPT = """
import sys
import helpdesk.cli.main as cli
cli.build_parser()
# What run_console does before the console: read the config, check the database exists.
from helpdesk.cli.common import config_of, db_of
from helpdesk.config import Config
from helpdesk.storage.target import require_existing
require_existing(Config(), sys.executable)
import screens.app
import screens.today.today
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic",
               "pypinyin", "pendulum", "chinese_calendar", "holidays")
               or m.startswith(("helpdesk.storage.models", "helpdesk.services")))
print(heavy)
sys.exit(1 if heavy else 0)
"""


def test_first_frame_path_does_not_import_the_database_stack() -> None:
    """The console paints before SQLAlchemy loads (~0.3 s); workers import it afterwards."""
    result = subprocess.run([sys.executable, "-c", FIRST_FRAME_SCRIPT], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_console_fast_path_only_for_global_options(monkeypatch: pytest.MonkeyPatch) -> None:
    import helpdesk.cli.main as cli

    opened: list[tuple[str | None, str | None]] = []
    def fake_console(args: Any, console: Any) -> int:
        opened.append((args.db, args.config))
        return 0

    monkeypatch.setattr(cli, "run_console", fake_console)
    assert cli.main(["--db", "x.db", "--config", "c.toml"]) == 0
    assert opened == [("x.db", "c.toml")]
    assert cli._console_only(["--db", "x.db", "doctor"]) is None
    assert cli._console_only(["--help"]) is None


def _imports(root: str) -> dict[str, set[str]]:
    """module -> the modules of `root` it imports (anywhere in the file, lazy imports too)."""
    import ast
    from pathlib import Path

    base = Path(__file__).resolve().parents[1]
    graph: dict[str, set[str]] = {}
    for path in (base / root).rglob("*.py"):
        name = ".".join(path.relative_to(base).with_suffix("").parts).removesuffix(".__init__")
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = found
    return graph


def test_the_core_never_imports_the_ui() -> None:
    offenders = {module: sorted(i for i in imported if i.split(".")[0] == "screens")
                 for module, imported in _imports("helpdesk").items()}
    assert {module: found for module, found in offenders.items() if found} == {}


def test_screens_import_no_circle() -> None:
    """Screens are leaves: the app knows areas only by name (helpdesk/areas.py), screens reach
    the app through screens.host, so no chain of imports comes back to where it started."""
    imports = _imports("screens")
    graph = {module: imported & set(imports) for module, imported in imports.items()}
    state: dict[str, int] = {}
    circle: list[str] = []

    def visit(module: str, path: list[str]) -> bool:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                circle.extend([*path, module, target])
                return True
            if target not in state and visit(target, [*path, module]):
                return True
        state[module] = 2
        return False

    for module in sorted(graph):
        if module not in state and visit(module, []):
            break
    assert circle == []


PROBE = """
import contextlib, io, sys
from helpdesk.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main([sys.argv[1]])
    except SystemExit:
        pass
print(sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "sqlmodel", "alembic",
                                                       "pydantic", "textual", "openpyxl"}))
"""


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_import_no_database_code(option: str) -> None:
    """A script's `helpdesk --version` or a person's `--help` costs a bare interpreter's
    start, not the database stack's (bench/cli.py measures it)."""
    result = subprocess.run([sys.executable, "-c", PROBE, option], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


READ_PROBE = """
import contextlib, io, sys
from helpdesk.cli.main import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(sys.argv[1:])
print(code, any(word in out.getvalue() for word in ("Q2026-", "working_day", "manager")))
print(sorted({m.split(".")[0] for m in sys.modules} & {"sqlmodel", "pydantic", "alembic",
                                                       "textual", "openpyxl"}))
"""


@pytest.mark.parametrize("command", [("staff", "list"), ("question", "list", "--json"),
                                     ("case", "urging", "--json")])
def test_a_command_that_only_reads_imports_no_orm(command: tuple[str, ...],
                                                  tmp_path: Path) -> None:
    """`staff list`, `question list` and `case urging` read on Core (storage/core_tables.py):
    SQLModel and pydantic are half a short command's start (bench/cli.py measures it)."""
    from helpdesk.app.opening import open_workspace
    from helpdesk.config.load import load_config
    from helpdesk.questions.actions import add_question
    from helpdesk.services.workspace import resolve_actor
    from tests.cli_support import marked_database, write_config

    db, config = tmp_path / "helpdesk.db", write_config(tmp_path)
    marked_database(db, config)  # its manager: this account, as the probe runs
    ws = open_workspace(load_config(str(config)), str(db))
    try:
        add_question(ws, resolve_actor(ws), title="账号无法登录", category="registration")
    finally:
        ws.db.dispose()
    result = subprocess.run(
        [sys.executable, "-c", READ_PROBE, "--db", str(db), "--config", str(config), *command],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["0 True", "[]"], result.stdout + result.stderr


def test_a_screen_key_on_an_area_letter_is_in_its_footer() -> None:
    """An area letter opens its area from anywhere unless the screen uses the letter itself,
    and then the footer says so (issue 34: `a` on 网络安全 opened 登记问题 unannounced)."""
    import importlib
    import inspect
    import pkgutil

    from textual.screen import Screen

    import screens
    from helpdesk.areas import AREAS

    letters = {area.key for area in AREAS}
    hidden: list[str] = []
    screen_classes = 0
    for module in pkgutil.walk_packages(screens.__path__, "screens."):
        if module.name.endswith("__main__"):
            continue
        loaded = importlib.import_module(module.name)
        for _name, cls in inspect.getmembers(loaded, inspect.isclass):
            if not (issubclass(cls, Screen) and cls.__module__ == loaded.__name__):
                continue
            screen_classes += 1
            for key, found in cls._merge_bindings().key_to_bindings.items():
                hidden += [f"{cls.__name__}: {key} → {binding.action}" for binding in found
                           if key in letters and not binding.show]
    assert screen_classes > 50  # really walked the console
    assert hidden == []
