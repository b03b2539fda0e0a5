"""One line of `helpdesk doctor`: how bad, which check, what was found, how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["ok", "warning", "error"]


@dataclass(frozen=True)
class Finding:
    level: Level
    check: str
    message: str
    fix: str = ""
