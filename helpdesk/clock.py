"""The one source of "now". Inject a Clock everywhere; tests freeze it.

`HELPDESK_NOW` freezes the clock only where a frozen clock harms nobody: a database that
`helpdesk demo` built (or a test built: the mark `meta.clock = environment`), or a process of
the test suite (`allow_environment_clock`, called by the suite's own code). A real database
refuses it: every record and its audit entry would take whatever instant the caller chose,
and backdated answers, urgings and deliveries feed the SLA ledger and so the payment."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from helpdesk.errors import UsageError

ENVIRONMENT = "HELPDESK_NOW"
MARK_KEY, MARK_VALUE = "clock", "environment"  # meta row of a database that takes it
_allowed_in_process = False


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


def allow_environment_clock() -> None:
    """For the test suite's own processes (tests/conftest.py, tests/run_as.py)."""
    global _allowed_in_process
    _allowed_in_process = True


def environment_instant() -> datetime | None:
    """HELPDESK_NOW=2026-11-24T10:00:00+08:00 (no offset: Asia/Shanghai), or None."""
    frozen = os.environ.get(ENVIRONMENT)
    if not frozen:
        return None

    try:
        instant = datetime.fromisoformat(frozen)
    except ValueError:
        raise UsageError("err.clock.bad_environment", value=frozen) from None
    if instant.tzinfo is None:

        instant = instant.replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    return instant


def clock_from_env() -> Clock:
    """For what writes no database record (building a new demo, `calendar show`'s today)."""
    instant = environment_instant()
    return SystemClock() if instant is None else FrozenClock(instant)


def clock_for_database(marked: Callable[[], bool]) -> Clock:
    """The clock of a database: the system's, unless HELPDESK_NOW is set and the database
    (`marked()`, asked only then) or this process, in the test suite, may take it; otherwise
    the command is refused."""
    instant = environment_instant()
    if instant is None:
        return SystemClock()
    if not (_allowed_in_process or marked()):

        raise UsageError("err.clock.environment_refused", variable=ENVIRONMENT)
    return FrozenClock(instant)
