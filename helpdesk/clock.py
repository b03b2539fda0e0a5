"""The one source of "now". Inject a Clock everywhere; tests freeze it."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    def __init__(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._instant = instant.astimezone(UTC)

    def now(self) -> datetime:
        return self._instant

    def set(self, instant: datetime) -> None:
        self._instant = instant.astimezone(UTC)


def clock_from_env() -> Clock:
    """HELPDESK_NOW=2026-11-24T10:00:00+08:00 freezes the clock (demos, screenshots, tests)."""
    frozen = os.environ.get("HELPDESK_NOW")
    if not frozen:
        return SystemClock()
    instant = datetime.fromisoformat(frozen)
    if instant.tzinfo is None:
        from zoneinfo import ZoneInfo

        instant = instant.replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    return FrozenClock(instant)
