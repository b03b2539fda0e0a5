"""The inspection settings ([inspection]): checklist, due day, account-usage bars."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from helpdesk.config.convert import PathSetting, choice, integer, number, setting


@dataclass(frozen=True)
class InspectionConfig:
    checklist_file: str = setting("", PathSetting("file"))  # empty: the one shipped in the package
    due_working_day: int = setting(5, integer(1, 23))
    unused_account_days: int = setting(90, integer(1, 3660))
    active_account_days: int = setting(30, integer(1, 366))
    usage_denominator: Literal["issued", "enabled"] = setting(
        "issued", choice(("issued", "enabled")))
    low_usage_percent: float = setting(50.0, number(0, 100))
