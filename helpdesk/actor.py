"""The person acting: a registered staff member resolved from the OS account."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    login: str
    name: str
    role: str


SYSTEM = Actor("system", "系统", "manager")
