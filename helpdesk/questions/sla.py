"""SLA clocks in business hours: first response and resolution, with pauses that give time back.

A clock runs from its start instant; while paused (waiting on the asker, or escalated when
configured) it stops. The service stores, for each running clock, the instant it will turn
at-risk and the instant it breaches, so the queue can filter and sort in SQL; both are
recomputed by `schedule` whenever the question's state changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from helpdesk.calendar import BusinessHours, format_duration

SlaState = Literal["on_track", "at_risk", "breached", "paused", "met", "missed"]
SLA_STATES: tuple[str, ...] = ("on_track", "at_risk", "breached", "paused", "met", "missed")


@dataclass(frozen=True)
class Schedule:
    """When a running clock turns at-risk and when it breaches."""

    risk_at: datetime
    due_at: datetime


def schedule(hours: BusinessHours, start: datetime, remaining: timedelta, target: timedelta,
             at_risk_share: float) -> Schedule:
    """Deadlines for a clock that (re)starts at `start` with `remaining` business time left."""
    risk_left = remaining - target * (1 - at_risk_share)
    due = hours.add(start, remaining).end if remaining > timedelta() else start
    risk = hours.add(start, risk_left).end if risk_left > timedelta() else start
    return Schedule(risk, due)


@dataclass(frozen=True)
class ClockReading:
    state: SlaState
    target: timedelta
    remaining: timedelta  # business time; negative once breached
    due_at: datetime | None

    def label(self) -> str:
        """Remaining business time the way the queue shows it: 1h20m, or -35m when breached."""
        return format_duration(self.remaining)


def read_clock(hours: BusinessHours, *, now: datetime, target: timedelta,
               done_at: datetime | None, due_at: datetime | None, risk_at: datetime | None,
               paused_remaining: timedelta | None, breached_at: datetime | None = None
               ) -> ClockReading:
    """The state of one clock at `now` from what the question stores."""
    if done_at is not None:
        met = due_at is None or done_at <= due_at
        if breached_at is not None:
            met = False
        return ClockReading("met" if met else "missed", target, timedelta(), due_at)
    if due_at is None:
        return ClockReading("paused", target, paused_remaining or timedelta(), None)
    if now >= due_at:
        return ClockReading("breached", target, -hours.duration(due_at, now), due_at)
    remaining = hours.duration(now, due_at)
    state: SlaState = "at_risk" if risk_at is not None and now >= risk_at else "on_track"
    return ClockReading(state, target, remaining, due_at)


def current_state(response: SlaState, resolution: SlaState) -> SlaState:
    """The state the queue shows: the response clock until answered, then the resolution
    clock (a missed response stays on record as a breach and in the detail view)."""
    return resolution if response in ("met", "missed") else response
