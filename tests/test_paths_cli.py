"""A path the user gave that cannot be used (an output folder that does not exist, an input
file that is missing) is a usage error naming the path (exit 2), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_support import cli_runner, write_config


def test_unusable_paths_exit_2_naming_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    run = cli_runner(write_config(tmp_path), str(tmp_path / "h.db"), monkeypatch, capsys,
                     "2026-11-24T10:00:00+08:00")
    missing_folder = tmp_path / "no-such-folder"
    for args in (("report", "monthly", "2026-10", "--format", "md", "-o",
                  str(missing_folder / "r.md")),
                 ("kb", "export", "--format", "md", "-o", str(missing_folder / "kb.md")),
                 ("case", "import", str(tmp_path / "missing.csv")),
                 ("kb", "import", str(tmp_path / "missing.md")),
                 ("training", "attendees", "import", "1", str(tmp_path / "missing.xlsx"))):
        code, out = run(*args)
        assert code == 2, (args, out)
        assert "Traceback" not in out and "无法使用路径" in out, (args, out)
        assert str(missing_folder) in out or "missing." in out


def test_no_terminal_and_a_demo_url_are_usage_errors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli_runner(write_config(tmp_path), str(tmp_path / "h.db"), monkeypatch, capsys,
                     "2026-11-24T10:00:00+08:00")
    code, out = run()  # the console, with stdout captured: not a terminal
    assert code == 2 and "终端" in out
    from helpdesk.cli.main import main

    capsys.readouterr()
    # A URL is a URL (never a SQLite file named after it): a server that is not there, or a
    # database it does not have, is a usage error saying what the server said.
    code = main(["demo", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/x"])
    assert code == 2 and "无法连接数据库" in capsys.readouterr().err
    assert not list(tmp_path.glob("postgresql*"))


def test_a_closed_pipe_is_not_a_path_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """`helpdesk … | head`: BrokenPipeError is an OSError, but the quiet exit 0 wins."""
    import io
    import os
    import sys

    run = cli_runner(write_config(tmp_path), str(tmp_path / "h.db"), monkeypatch, capsys,
                     "2026-11-24T10:00:00+08:00")
    assert run("staff", "list")[0] == 0
    sink = os.open(tmp_path / "sink", os.O_CREAT | os.O_WRONLY)

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return sink

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code, out = run("staff", "list")
    os.close(sink)
    assert code == 0 and "无法使用路径" not in out
