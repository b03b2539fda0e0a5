"""The config keys whose value is a table of their own (deadline steps, SLA targets, import
headers, rate periods, key bindings): their types, defaults and readers, declared once and
named by the schema's fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from helpdesk.config.convert import choice, integer
from helpdesk.config.reader import Reader, describe
from helpdesk.i18n import t
from helpdesk.keymap import ALL_KEYS, RENAMED_BINDINGS
from helpdesk.vocab import PRIORITIES, QUESTION_CATEGORIES

DayRule = Literal["calendar", "rollover", "workdays"]
DAY_RULES: tuple[str, ...] = ("calendar", "rollover", "workdays")
Path = tuple[str, ...]


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


def read_steps(reader: Reader, table: Any, path: Path,
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


def read_sla_targets(reader: Reader, value: Any, path: Path,
                     default: dict[str, dict[str, SlaTarget]]
                     ) -> dict[str, dict[str, SlaTarget]]:
    given = reader.table(value, path, QUESTION_CATEGORIES)
    targets = {category: dict(levels) for category, levels in default.items()}
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


def read_import_headers(reader: Reader, value: Any, path: Path,
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


def read_rate_period(reader: Reader, value: Any, path: Path,
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


def read_keys(reader: Reader, value: Any, path: Path, default: dict[str, str]) -> dict[str, str]:
    """`[keys] "app.today" = "f2"`: a binding id (helpdesk/keymap.py) and the key(s) for it."""
    keys = dict(default)
    for given_id, key in reader.table(value, path, None).items():
        binding_id = RENAMED_BINDINGS.get(given_id, given_id)
        if binding_id not in ALL_KEYS:
            reader.problem((*path, binding_id), t("err.config.unknown_binding"))
        elif not isinstance(key, str) or not key.strip():
            reader.problem((*path, binding_id), t("err.config.not_key_name", got=describe(key)))
        else:
            keys[binding_id] = key.strip()
    return keys
