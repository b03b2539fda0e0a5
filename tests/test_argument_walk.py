"""No argument a script or a typo hands over ends in a traceback (issue 35): the walk takes
every subcommand of the real parser, finds each argument that converts its value, and feeds
it hostile values of its kind; each is either converted to a value in range or refused as a
usage error. Then the repros of the issue run end to end: exit 2, the message, and under
--json the error object, argument errors included."""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpdesk.cli.argtypes import FIRST_YEAR, LAST_YEAR
from helpdesk.cli.main import build_parser
from helpdesk.errors import HelpdeskError
from tests.cli_support import CliRun, cli_runner, write_config

DATES = ["2026-02-30", "2026-13-01", "2026/01/05", "２０２６-０１-０５", "", " ", "9999-12-31",
         "0001-01-01", "2026-1-5", "长" * 1000, "2026-01-05T10:00", "\x00"]
NUMBERS = ["0", "-1", "2" * 30, str(2**63), str(2**64), "inf", "-inf", "nan", "1e309", "１２",
           "", "1.5", "0x10", "长", "9" * 5000, "-0", " 7 "]


def _actions() -> Iterator[tuple[str, argparse.Action]]:
    def walk(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, Any]]:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    yield from walk(child, f"{path} {name}".strip())
            elif action.type is not None:
                yield path, action

    yield from walk(build_parser(), "")


def test_every_converting_argument_is_bounded() -> None:
    """A bare int or float lets 0, 2⁶⁴ or nan through to the services."""
    found = list(_actions())
    assert len(found) > 60
    bare = [f"{path} {action.dest}" for path, action in found
            if action.type in (int, float)]
    assert bare == []


@pytest.mark.parametrize("kind", ["date", "number"])
def test_hostile_values_are_converted_or_refused(kind: str) -> None:
    checked = 0
    for path, action in _actions():
        convert: Callable[[str], Any] = action.type  # type: ignore[assignment]
        is_date = getattr(convert, "__name__", "") in ("date", "parse_day")
        if is_date != (kind == "date") or convert is Path:
            continue
        for value in DATES if is_date else NUMBERS:
            try:
                result = convert(value)
            except (argparse.ArgumentTypeError, HelpdeskError):
                continue
            except Exception as err:
                pytest.fail(f"{path} {action.dest} {value[:30]!r}: {type(err).__name__} {err}")
            checked += 1
            if isinstance(result, date):
                assert FIRST_YEAR <= result.year <= LAST_YEAR, (path, value)
            else:
                assert isinstance(result, int | float) and math.isfinite(result), (path, value)
                assert abs(result) < 2**62 and result >= 0, (path, action.dest, value)
    assert checked > 0  # some values are fine: full-width digits, " 7 ", "0" where allowed


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-11-24T10:00:00+08:00")


REPROS = [
    ("security", "exam", "add", "tester", "--date", "2026-02-30", "--result", "pass"),
    ("security", "exam", "add", "tester", "--date", "", "--result", "pass"),
    ("ledger", "breach", "add", "--date", "2026/01/05", "--clause", "x"),
    ("ledger", "breach", "add", "--date", "2026-13-01", "--clause", "x"),
    ("audit", "list", "--limit", "0"),
    ("audit", "list", "--limit", str(2**64)),
    ("calendar", "deadline", "2026-11-02", str(2**64)),
    ("calendar", "deadline", "9999-12-31", "5"),
    ("calendar", "add-hours", "2026-11-02T10:00", "inf"),
    ("calendar", "add-hours", "2026-11-02T10:00", "nan"),
    ("calendar", "add-hours", "2026-11-02T10:00", "1e309"),
    ("roster", "export", "--format", "ics", "--remind", str(2**64), "-o", "x.ics"),
    ("--db", "see http://x/y", "staff", "list"),
    ("--db", "mysql://user@host/db", "staff", "list"),
    ("ledger", "breach", "add", "--clause", "x"),  # argparse: --date is required
]


def test_the_issue_repros_exit_2_with_a_message(cli: CliRun) -> None:
    for args in REPROS:
        code, out = cli(*args)
        assert code == 2, (args, out[-300:])
        assert "Traceback" not in out and out.startswith(("usage:", "helpdesk:")), (args, out)
        code, out = cli(*args, "--json")
        error = json.loads(next(line for line in out.splitlines() if line.startswith("{")))
        assert error["error"]["exit_code"] == 2 and error["error"]["message"], args


def test_a_full_width_date_is_read(cli: CliRun) -> None:
    code, out = cli("calendar", "deadline", "２０２６-１１-０２", "５", "--json")
    assert code == 0 and json.loads(out)["deadline"] == "2026-11-09"


def test_a_csv_with_a_long_field_imports_or_names_its_line(cli: CliRun, tmp_path: Path) -> None:
    """csv's 128 KiB field limit stopped every CSV import with a traceback."""
    long_csv = tmp_path / "long.csv"
    long_csv.write_text("信访件编号,登记日期,信访事由,诉求摘要\n"
                        f"GD1,2026-11-02,噪音,{'长' * 200_000}\n", encoding="utf-8")
    code, out = cli("case", "import", str(long_csv), "--dry-run")
    assert "Traceback" not in out and code in (0, 1), out[-500:]
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"a,b\n1,\"2\x00\n")
    code, out = cli("case", "import", str(broken), "--dry-run")
    assert "Traceback" not in out and code in (1, 2), out[-500:]


def test_version_is_the_installed_distributions(capsys: pytest.CaptureFixture[str]) -> None:
    """Read from the installed metadata, not a constant in the code (0.1.1 said 0.1.0)."""
    from importlib.metadata import version

    from helpdesk.cli.main import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"helpdesk {version('helpdesk')}"
    assert main(["--db", "elsewhere.db", "--version"]) == 0  # no database is opened for it
    assert capsys.readouterr().out.strip() == f"helpdesk {version('helpdesk')}"
