"""One key binding as data: id, default key(s), the action it runs and its footer label."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeySpec:
    id: str
    key: str
    action: str
    label: str  # i18n key of the footer/help description
    show: bool = True
