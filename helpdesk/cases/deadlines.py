"""Statutory deadlines of the petition steps (信访工作条例 2022), each step's length and counting
rule from config.toml [deadlines]; handling may be extended within the configured limits."""

from __future__ import annotations

from datetime import date

from helpdesk.calendar import DeadlineResult, WorkCalendar
from helpdesk.config.schema import DeadlinesConfig
from helpdesk.errors import UsageError

# step -> (article, what starts its clock)
STEPS: dict[str, tuple[str, str]] = {
    "transfer": ("第22条", "registered"),
    "accept_notice": ("第23条", "received"),
    "objection": ("第23条", "received"),
    "handling": ("第34条", "accepted"),
    "review_request": ("第35条", "replied"),
    "review": ("第35条", "review_requested"),
    "rereview_request": ("第36条", "reviewed"),
    "rereview": ("第36条", "rereview_requested"),
}


def step_deadline(calendar: WorkCalendar, rules: DeadlinesConfig, step: str,
                  start: date) -> DeadlineResult:
    if step not in STEPS:
        raise UsageError(f"unknown step {step!r}: one of {', '.join(STEPS)}")
    rule = rules.steps[step]
    return calendar.deadline(start, rule.days, rule.rule)


def handling_deadline(calendar: WorkCalendar, rules: DeadlinesConfig, accepted: date,
                      extensions: tuple[int, ...] = ()) -> DeadlineResult:
    """The handling deadline, extended (延期) by each approved extension in turn, counted from
    the previous deadline under the same rule."""
    if len(extensions) > rules.extension_max_count:
        raise UsageError(f"延期最多 {rules.extension_max_count} 次 / at most "
                         f"{rules.extension_max_count} extension(s)")
    for days in extensions:
        if not 0 < days <= rules.extension_max_days:
            raise UsageError(f"延期不超过 {rules.extension_max_days} 日 / an extension is 1 to "
                             f"{rules.extension_max_days} days")
    result = step_deadline(calendar, rules, "handling", accepted)
    for days in extensions:
        extended = calendar.deadline(result.deadline, days, rules.steps["handling"].rule)
        result = DeadlineResult(accepted, result.days + days, extended.rule, extended.deadline,
                                result.skipped + extended.skipped,
                                result.warnings + extended.warnings)
    return result
