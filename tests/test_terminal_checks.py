"""tmux's escape-time: at tmux's default 500 ms every Esc lags and Esc-then-a-letter arrives as
Alt+letter (issue 34); doctor and the console say so with the fix."""

from __future__ import annotations

import subprocess
from typing import Any

from helpdesk.terminal_checks import terminal_findings, tmux_escape_time


def _tmux(value: str, code: int = 0) -> Any:
    def run(args: list[str], **_kwargs: Any) -> subprocess.CompletedProcess[str]:
        assert args == ["tmux", "show-options", "-sv", "escape-time"]
        return subprocess.CompletedProcess(args, code, stdout=value + "\n", stderr="")

    return run


def test_outside_tmux_nothing_is_asked() -> None:
    def never(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("tmux asked outside tmux")

    assert tmux_escape_time({}, never) is None
    assert terminal_findings({}, never) == []


def test_the_default_escape_time_is_a_warning_with_its_fix() -> None:
    inside = {"TMUX": "/tmp/tmux-0/default,1,0"}
    [slow] = terminal_findings(inside, _tmux("500"))
    assert slow.level == "warning" and "500 毫秒" in slow.message
    assert "set -sg escape-time 10" in slow.fix
    [fine] = terminal_findings(inside, _tmux("10"))
    assert fine.level == "ok"
    assert terminal_findings(inside, _tmux("", code=1)) == []  # unreadable: say nothing


def test_a_missing_tmux_binary_is_no_crash() -> None:
    def missing(*_args: Any, **_kwargs: Any) -> None:
        raise FileNotFoundError("tmux")

    assert tmux_escape_time({"TMUX": "x"}, missing) is None
