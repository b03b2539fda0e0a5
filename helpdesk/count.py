"""A label and how many: the smallest figure a report, a ledger or a list shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Count:
    label: str
    count: int
