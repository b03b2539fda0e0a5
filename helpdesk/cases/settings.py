"""The petition-case settings ([deadlines], [cases]): the statutory steps' day counts and
rules, the worklist's and rates' choices, the import's column names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from helpdesk.config.convert import boolean, choice, integer, setting, table_setting
from helpdesk.config.reader import Reader, Where, describe
from helpdesk.i18n import t

DayRule = Literal["calendar", "rollover", "workdays"]
DAY_RULES: tuple[str, ...] = ("calendar", "rollover", "workdays")


@dataclass(frozen=True)
class StepRule:
    days: int
    rule: DayRule


def default_steps() -> dict[str, StepRule]:
    return {
        "transfer": StepRule(15, "rollover"),
        "accept_notice": StepRule(15, "rollover"),
        "objection": StepRule(5, "workdays"),
        "handling": StepRule(60, "rollover"),
        "review_request": StepRule(30, "rollover"),
        "review": StepRule(30, "rollover"),
        "rereview_request": StepRule(30, "rollover"),
        "rereview": StepRule(30, "rollover"),
    }


def read_steps(reader: Reader, table: Any, path: Where,
               default: dict[str, StepRule]) -> dict[str, StepRule]:
    """`[deadlines] handling = { days = 60, rule = "rollover" }`: one key per step, in the
    section's own table."""
    steps = dict(default)
    for step, rule in default.items():
        where = (*path, step)
        entry = reader.table(table.get(step), where, ("days", "rule"))
        steps[step] = StepRule(
            days=reader.value(entry, (*where, "days"), rule.days, integer(1, 366)),
            rule=reader.value(entry, (*where, "rule"), rule.rule, choice(DAY_RULES)),
        )
    return steps


def default_import_headers() -> dict[str, tuple[str, ...]]:
    return {
        "case_number": ("信访件编号", "信访编号", "件号"),
        "registered_on": ("登记日期", "登记时间"),
        "channel": ("信访形式", "来源渠道", "渠道"),
        "petitioner_name": ("信访人", "信访人姓名", "姓名"),
        "id_number": ("证件号码", "身份证号", "身份证号码"),
        "phone": ("联系电话", "手机号码", "电话"),
        "subject": ("信访事由", "事由", "标题"),
        "summary": ("诉求摘要", "主要诉求", "内容摘要"),
        "category": ("问题分类", "内容分类"),
        "unit": ("责任单位", "办理单位"),
        "transferred_on": ("转送日期", "交办日期", "转送交办日期"),
        "accepted_on": ("受理日期", "受理告知日期"),
        "replied_on": ("答复日期", "办结日期"),
        "rating": ("满意度", "评价结果"),
        "supervised": ("是否督办", "督办"),
    }


def read_import_headers(reader: Reader, value: Any, path: Where,
                        default: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    headers = dict(default)
    for name, given in reader.table(value, path, tuple(default)).items():
        names = [given] if isinstance(given, str) else given
        if not isinstance(names, list) or not names or \
                not all(isinstance(n, str) and n.strip() for n in names):
            reader.problem((*path, name), t("err.config.not_headers", got=describe(given)))
            continue
        if name in headers:
            headers[name] = tuple(n.strip() for n in names)
    return headers


# Which date puts a case in a period, per rate (the one place that chooses; every rates output
# states it): the step's deadline, or the day the case was received, registered or replied.
RATE_PERIOD_CHOICES: dict[str, tuple[str, ...]] = {
    "timely_acceptance": ("deadline", "received", "registered"),
    "on_time_completion": ("deadline", "replied", "registered"),
    "participation": ("replied", "rating_deadline", "registered"),
    "satisfaction": ("replied", "registered"),
}


def default_rate_period() -> dict[str, str]:
    return {rate: choices[0] for rate, choices in RATE_PERIOD_CHOICES.items()}


def read_rate_period(reader: Reader, value: Any, path: Where,
                     default: dict[str, str]) -> dict[str, str]:
    chosen = dict(default)
    for rate, given in reader.table(value, path, tuple(RATE_PERIOD_CHOICES)).items():
        choices = RATE_PERIOD_CHOICES.get(rate)
        if choices is None:
            continue  # reported as an unknown key
        if given not in choices:
            reader.problem((*path, rate), t("err.config.not_choice", options=", ".join(choices),
                                            got=describe(given)))
            continue
        chosen[rate] = given
    return chosen


@dataclass(frozen=True)
class DeadlinesConfig:
    # the steps' keys sit in [deadlines] itself: handling = { days = 60, rule = "rollover" }
    steps: dict[str, StepRule] = table_setting(default_steps, read_steps, flat=True)
    extension_max_days: int = setting(30, integer(0, 366))
    extension_max_count: int = setting(1, integer(0, 10))


@dataclass(frozen=True)
class CasesConfig:
    due_soon_workdays: int = setting(3, integer(0, 60))
    urge_rating: bool = setting(True, boolean)
    urge_revisit: bool = setting(True, boolean)
    rating_window_days: int = setting(30, integer(1, 366))
    revisit_window_days: int = setting(60, integer(1, 366))
    rate_period: dict[str, str] = table_setting(default_rate_period, read_rate_period)
    import_headers: dict[str, tuple[str, ...]] = table_setting(default_import_headers,
                                                                 read_import_headers)
