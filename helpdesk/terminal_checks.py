"""Is the terminal the console runs in set up for a keyboard-only app? Under tmux, an
`escape-time` of tmux's default 500 ms makes every Esc lag half a second, and an Esc followed
quickly by a letter arrives as Alt+letter and is lost (issue 34). doctor reports it with the
fix; the console says it once at start."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping
from typing import Any

from helpdesk.doctor_finding import Finding
from helpdesk.i18n import t

ESCAPE_TIME_MAX_MS = 50


def fix() -> str:
    return t("terminal.escape_time_fix")


def tmux_escape_time(env: Mapping[str, str] | None = None,
                     run: Callable[..., Any] = subprocess.run) -> int | None:
    """tmux's escape-time in ms when running inside tmux, else None (or when unreadable)."""
    if not (env if env is not None else os.environ).get("TMUX"):
        return None
    try:
        done = run(["tmux", "show-options", "-sv", "escape-time"], capture_output=True,
                   text=True, timeout=3)
    except (OSError, subprocess.SubprocessError):
        return None
    value = str(done.stdout).strip()
    return int(value) if done.returncode == 0 and value.isdigit() else None


def escape_time_problem(ms: int | None) -> str | None:
    if ms is None or ms <= ESCAPE_TIME_MAX_MS:
        return None
    return t("terminal.escape_time", ms=ms)


def terminal_findings(env: Mapping[str, str] | None = None,
                      run: Callable[..., Any] = subprocess.run) -> list[Finding]:
    ms = tmux_escape_time(env, run)
    if ms is None:
        return []
    problem = escape_time_problem(ms)
    if problem:
        return [Finding("warning", "terminal", problem, fix())]
    return [Finding("ok", "terminal", t("terminal.escape_time_ok", ms=ms))]
