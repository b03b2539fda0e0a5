"""No input produces a traceback: every command, given hostile text where a user types (markup,
terminal escapes, bidi overrides, NUL, lone surrogates, GBK bytes, a megabyte), answers with a
message and an exit code from the README's list."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_support import cli_runner, write_config

HOSTILE = {
    "markup": "[bold red]x[/] [@click=app.quit]y",
    "escapes": "\x1b]0;pwned\x07\x1b[31mred\x1b[0m",
    "bidi": "abc\u202edcba\u2066x",
    "nul": "a\x00b",
    "surrogate": "a\ud800b",
    "gbk": b"\xc7\xeb\xce\xca".decode("utf-8", "surrogateescape"),
    "megabyte": "长" * 1_000_000,
}
COMMANDS = [
    ("question", "add", "--title", "{}", "--unit", "S01", "--category", "other"),
    ("question", "list", "--search", "{}"),
    ("question", "show", "{}"),
    ("case", "rates", "--from", "{}", "--to", "2026-11-30"),
    ("case", "urging", "--date", "{}"),
    ("calendar", "deadline", "{}", "5"),
    ("calendar", "show", "{}"),
    ("calendar", "load", "{}"),
    ("kb", "import", "{}"),
    ("data", "add", "--title", "{}"),
    ("staff", "add", "{}", "--name", "{}", "--role", "engineer"),
    ("report", "monthly", "{}", "--format", "md", "-o", "r.md"),
    ("inspection", "start", "{}"),
    ("handover", "list", "--search", "{}"),
    ("roster", "show", "--month", "{}"),
    ("ledger", "--date", "{}"),
]
DOCUMENTED = {0, 1, 2, 3, 4, 5, 6, 7}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_text_in_every_command(kind: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli_runner(write_config(tmp_path), str(tmp_path / "h.db"), monkeypatch, capsys,
                     "2026-11-24T10:00:00+08:00")
    value = HOSTILE[kind]
    for command in COMMANDS:
        args = [part.format(value) if part == "{}" else part for part in command]
        code, out = run(*args)
        assert code in DOCUMENTED, (command, code, out[-500:])
        assert "Traceback" not in out, (command, out[-2000:])
        assert "\x1b]0;pwned" not in out  # a terminal escape never comes back out raw
