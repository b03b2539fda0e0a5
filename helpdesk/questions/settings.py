"""The desk's settings ([sla]): the response and resolution targets per category and
priority, when a clock is at risk, and the follow-up periods."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helpdesk.config.convert import boolean, integer, number, setting, table_setting
from helpdesk.config.reader import Reader, Where, describe
from helpdesk.i18n import t
from helpdesk.vocab import PRIORITIES, QUESTION_CATEGORIES


@dataclass(frozen=True)
class SlaTarget:
    response_hours: float
    resolve_hours: float


def default_sla_targets() -> dict[str, dict[str, SlaTarget]]:
    standard = {
        "urgent": SlaTarget(0.5, 4),
        "high": SlaTarget(1, 8),
        "normal": SlaTarget(2, 16),
        "low": SlaTarget(4, 40),
    }
    return {category: dict(standard) for category in QUESTION_CATEGORIES}


def read_sla_targets(reader: Reader, value: Any, path: Where,
                     default: dict[str, dict[str, SlaTarget]]
                     ) -> dict[str, dict[str, SlaTarget]]:
    given = reader.table(value, path, QUESTION_CATEGORIES)
    targets = {category: dict(levels) for category, levels in default.items()}
    missing = [category for category in QUESTION_CATEGORIES if category not in given]
    if given and missing:  # a table that names some categories must name them all
        reader.problem(path, t("err.config.sla_categories", missing=", ".join(missing)))
    for category in QUESTION_CATEGORIES:
        where = (*path, category)
        levels = reader.table(given.get(category), where, PRIORITIES)
        for priority in PRIORITIES:
            if priority not in levels:
                continue
            pair = levels[priority]
            ok = (
                isinstance(pair, list) and len(pair) == 2
                and all(isinstance(x, int | float) and not isinstance(x, bool) and x > 0
                        for x in pair)
            )
            if not ok or pair[0] > pair[1]:
                reader.problem((*where, priority), t("err.config.not_sla_pair",
                                                     got=describe(pair)))
                continue
            targets[category][priority] = SlaTarget(float(pair[0]), float(pair[1]))
    return targets


@dataclass(frozen=True)
class SlaConfig:
    at_risk_share: float = setting(0.75, number(0.05, 1.0))
    pause_when_escalated: bool = setting(True, boolean)
    problem_follow_up_workdays: int = setting(5, integer(1, 120))
    # a requirement fed back to the province by then
    requirement_feedback_workdays: int = setting(20, integer(1, 250))
    targets: dict[str, dict[str, SlaTarget]] = table_setting(default_sla_targets,
                                                             read_sla_targets)
