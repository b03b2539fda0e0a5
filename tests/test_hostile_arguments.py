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
    ("question", "resolve", "{}", "--answer", "{}"),
    ("question", "move", "1", "--to", "{}", "--note", "{}"),
    ("case", "import", "{}"),
    ("calendar", "add-hours", "{}", "2"),
    ("calendar", "years"),
    ("roster", "generate", "--month", "{}", "--dry-run"),
    ("roster", "gaps", "--from", "{}", "--to", "2026-12-31"),
    ("roster", "export", "--format", "xlsx", "--month", "{}", "-o", "r.xlsx"),
    ("roster", "swap", "{}", "{}", "--reason", "{}"),
    ("roster", "assign", "{}", "{}", "--reason", "{}"),
    ("roster", "leave", "add", "{}", "--from", "{}"),
    ("handover", "sign", "--note", "{}", "--attention", "{}"),
    ("handover", "review", "{}", "taken"),
    ("handover", "ack", "{}"),
    ("handover", "show", "{}"),
    ("training", "add", "--kind", "business", "--date", "{}", "--time", "{}", "--place", "{}"),
    ("training", "show", "{}"),
    ("training", "status", "{}", "held", "--reason", "{}"),
    ("training", "attendees", "import", "1", "{}"),
    ("training", "evaluations", "import", "1", "{}"),
    ("training", "report", "{}", "--format", "md", "-o", "t.md"),
    ("training", "obligation", "--date", "{}"),
    ("inspection", "show", "{}"),
    ("inspection", "check", "{}", "1", "issue", "--note", "{}"),
    ("inspection", "usage", "{}", "--expected", "1", "--connected", "1", "--issued", "1",
     "--active", "1"),
    ("inspection", "usage-import", "{}", "{}"),
    ("inspection", "finish", "{}", "--summary", "{}"),
    ("inspection", "problem", "{}", "1"),
    ("report", "quarterly", "{}", "--format", "md", "-o", "q.md"),
    ("report", "annual", "{}", "--format", "md", "-o", "a.md"),
    ("data", "show", "{}"),
    ("data", "edit", "{}", "--title", "{}"),
    ("data", "run", "{}", "--from", "2026-10-01", "--to", "2026-10-31"),
    ("data", "fulfil", "{}", "case_list", "--from", "{}", "--to", "2026-10-31"),
    ("data", "deliver", "{}", "{}"),
    ("data", "cancel", "{}", "--reason", "{}"),
    ("ledger", "pack", "-o", "{}"),
    ("kb", "export", "--format", "md", "-o", "{}"),
    ("staff", "deactivate", "{}", "--reason", "{}"),
    ("audit", "list", "--limit", "{}"),
    ("backup", "{}"),
    ("restore", "{}"),
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
        try:
            code, out = run(*args)
        except SystemExit as stop:  # argparse refusing a value: its usage line, exit 2
            code, out = int(stop.code or 0), capsys.readouterr().err
        assert code in DOCUMENTED, (command, code, out[-500:])
        assert "Traceback" not in out, (command, out[-2000:])
        assert "\x1b]0;pwned" not in out  # a terminal escape never comes back out raw
