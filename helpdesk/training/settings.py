"""The training settings ([training]): curriculum, reminders, session length."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.config.convert import PathSetting, integer, setting


@dataclass(frozen=True)
class TrainingConfig:
    curriculum_file: str = setting("", PathSetting("file"))  # empty: the one shipped in the package
    remind_weeks_before_due: int = setting(6, integer(0, 26))
    default_minutes: int = setting(120, integer(15, 8 * 60))
