"""helpdesk/ is the core: importing every module of it must not pull in textual."""

from __future__ import annotations

import subprocess
import sys
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
import screens.app
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic",
               "pypinyin", "pendulum", "chinese_calendar"))
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
    def fake_console(args: Any) -> int:
        opened.append((args.db, args.config))
        return 0

    monkeypatch.setattr(cli, "run_console", fake_console)
    assert cli.main(["--db", "x.db", "--config", "c.toml"]) == 0
    assert opened == [("x.db", "c.toml")]
    assert cli._console_only(["--db", "x.db", "doctor"]) is None
    assert cli._console_only(["--help"]) is None
