"""Statutory deadlines of the petition steps (信访工作条例 2022), each step's length and counting
rule from config.toml [deadlines]; handling may be extended within the configured limits."""

from __future__ import annotations

import hashlib
from datetime import date

from helpdesk.calendar import DeadlineResult, WorkCalendar
from helpdesk.cases.settings import DeadlinesConfig
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
        raise UsageError("cases.unknown_step", step=step, steps=", ".join(STEPS))
    rule = rules.steps[step]
    return calendar.deadline(start, rule.days, rule.rule)


def handling_deadline(calendar: WorkCalendar, rules: DeadlinesConfig, accepted: date,
                      extensions: tuple[int, ...] = ()) -> DeadlineResult:
    """The handling deadline, extended (延期) by the approved extensions: Art. 34 allows 60 + 30
    days in all, so an extension counts from the unrolled 60th day and only the final day
    rolls over ("2026-03-06 + 90 = ..."), one count a clerk can check by hand."""
    if len(extensions) > rules.extension_max_count:
        raise UsageError("cases.extension_count", count=rules.extension_max_count)
    for days in extensions:
        if not 0 < days <= rules.extension_max_days:
            raise UsageError("cases.extension_days", days=rules.extension_max_days)
    rule = rules.steps["handling"]
    return calendar.deadline(accepted, rule.days + sum(extensions), rule.rule)


def rereview_deadline(calendar: WorkCalendar, rules: DeadlinesConfig, requested: date,
                      hearing_days: int = 0) -> DeadlineResult:
    """复核: 30 days from the request, the time of any hearing (听证) not counted (Art. 36):
    the hearing's days are added to the count and only the final day rolls over
    ("2026-03-02 + 30 + 3 = ..."), one count a clerk can check by hand."""
    rule = rules.steps["rereview"]
    return calendar.deadline(requested, rule.days + hearing_days, rule.rule)


# The meta row holding the rules the stored step deadlines were computed with.
STEPS_KEY = "step_deadlines"


def rules_fingerprint(rules: DeadlinesConfig) -> str:
    """Every `[deadlines]` value: a change to any step (transfer, objection, the review
    steps too) or to the extension limits recomputes what is stored at the next start."""
    text = repr([sorted((step, rule.days, rule.rule) for step, rule in rules.steps.items()),
                 rules.extension_max_days, rules.extension_max_count])
    return hashlib.sha256(text.encode()).hexdigest()[:16]
