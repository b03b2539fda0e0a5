"""The duty roster's settings ([roster]): shift mode, staffing, handover and calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Literal

from helpdesk.config.convert import choice, clock_time, integer, roles, setting, text


@dataclass(frozen=True)
class RosterConfig:
    shift_mode: Literal["full_day", "halves"] = setting("full_day", choice(("full_day", "halves")))
    half_day_split: time = setting(time(13), clock_time)
    engineers_per_shift: int = setting(1, integer(1, 50))
    max_consecutive_days: int = setting(5, integer(1, 31))
    roles_on_duty: tuple[str, ...] = setting(("engineer",), roles)
    handover_ack_minutes: int = setting(60, integer(0, 24 * 60))
    gap_lookahead_days: int = setting(14, integer(0, 366))
    calendar_uid_domain: str = setting("helpdesk", text)  # the .ics UIDs' domain: one per district
    # a VALARM this long before each duty; 0 = none
    calendar_reminder_minutes: int = setting(0, integer(0, 24 * 60))
