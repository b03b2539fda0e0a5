"""Read config.toml (UTF-8, BOM accepted) into a typed Config, or fail with every problem listed
as `file:line: key: what is wrong`."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from helpdesk.config.locate import find_config_file, line_of
from helpdesk.config.schema import (
    DAY_RULES,
    LOCALES,
    PRIORITIES,
    QUESTION_CATEGORIES,
    RATE_PERIOD_CHOICES,
    CalendarConfig,
    CasesConfig,
    Config,
    ContractConfig,
    DatabaseConfig,
    DataServiceConfig,
    DeadlinesConfig,
    InspectionConfig,
    InventoryConfig,
    OfficeHoursConfig,
    RosterConfig,
    SecurityConfig,
    SlaConfig,
    SlaTarget,
    StepRule,
    TrainingConfig,
    UiConfig,
)
from helpdesk.errors import ConfigError
from helpdesk.i18n import t, using_locale
from helpdesk.keymap import ALL_KEYS, RENAMED_BINDINGS
from helpdesk.vocab import ROLES

T = TypeVar("T")
Table = dict[str, Any]


class _Reader:
    def __init__(self, file: str, source: str) -> None:
        self.file = file
        self.source = source
        self.problems: list[str] = []

    def problem(self, path: tuple[str, ...], message: str) -> None:
        line = line_of(self.source, path) if self.source else None
        where = f"{self.file}:{line}" if line else self.file
        self.problems.append(f"{where}: {'.'.join(path)}: {message}")

    def table(self, data: Any, path: tuple[str, ...], known: tuple[str, ...] | None) -> Table:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.problem(path, t("err.config.not_table", got=_describe(data)))
            return {}
        if known is not None:
            for key in data:
                if key not in known:
                    self.problem((*path, key), t("err.config.unknown_key", known=", ".join(known)))
        return data

    def value(
        self,
        table: Table,
        path: tuple[str, ...],
        default: T,
        convert: Callable[[Any], T],
    ) -> T:
        key = path[-1]
        if key not in table:
            return default
        try:
            return convert(table[key])
        except ValueError as err:
            self.problem(path, str(err))
            return default


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(t("err.config.not_string", got=_describe(value)))
    return value


def _int(minimum: int, maximum: int) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(t("err.config.not_integer", got=_describe(value)))
        if not minimum <= value <= maximum:
            raise ValueError(t("err.config.out_of_range", minimum=minimum, maximum=maximum,
                               got=value))
        return value

    return convert


def _float(minimum: float, maximum: float) -> Callable[[Any], float]:
    def convert(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(t("err.config.not_number", got=_describe(value)))
        if not minimum <= value <= maximum:
            raise ValueError(t("err.config.out_of_range", minimum=minimum, maximum=maximum,
                               got=value))
        return float(value)

    return convert


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(t("err.config.not_bool", got=_describe(value)))
    return value


def _always_true(value: Any) -> bool:
    """Personal data is always masked (unmasking one case is a manager's audited act): a
    setting that claimed to switch it off would be a lie."""
    if _bool(value) is not True:
        raise ValueError(t("err.config.always_masked"))
    return True


def _no_service_account(value: Any) -> str:
    """The sudo service-account mode is gone (helpdesk/identity.py): a config that still names
    one would otherwise run everyone as that account."""
    if _str(value):
        raise ValueError(t("err.config.service_account_removed"))
    return ""


def _once_a_month(value: Any) -> int:
    """`inspections_per_month` was never read: the monthly inspection is the contract's
    (附件一 巡检服务 每月一次). 1 is accepted from old files; anything else is refused."""
    if _int(0, 31)(value) != 1:
        raise ValueError(t("err.config.inspections_fixed"))
    return 1


def _choice(options: tuple[str, ...]) -> Callable[[Any], Any]:
    def convert(value: Any) -> str:
        if value not in options:
            raise ValueError(t("err.config.not_choice", options=", ".join(options),
                               got=_describe(value)))
        return str(value)

    return convert


_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _time(value: Any) -> time:
    if isinstance(value, time):
        return value
    if not isinstance(value, str) or not _HHMM.match(value):
        raise ValueError(t("err.config.not_time", got=_describe(value)))
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(t("err.config.not_date", got=_describe(value)))


def _versions(value: Any) -> tuple[tuple[str, str], ...]:
    """{ PageOffice = "5.4", … }: a name and a non-empty version each."""
    if not isinstance(value, dict):
        raise ValueError(t("err.config.not_versions", got=_describe(value)))
    found: list[tuple[str, str]] = []
    for name, version in value.items():
        if not isinstance(version, str) or not version.strip():
            raise ValueError(t("err.config.not_version", name=name, got=_describe(version)))
        found.append((str(name).strip(), version.strip()))
    return tuple(found)


def _periods(value: Any) -> tuple[tuple[time, time], ...]:
    if not isinstance(value, list) or not value:
        raise ValueError(t("err.config.not_periods"))
    periods: list[tuple[time, time]] = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2:
            raise ValueError(t("err.config.not_period", got=_describe(item)))
        start, end = _time(item[0]), _time(item[1])
        if end <= start:
            raise ValueError(t("err.config.period_backwards", start=item[0], end=item[1]))
        if periods and start < periods[-1][1]:
            raise ValueError(t("err.config.period_overlap", start=item[0], end=item[1]))
        periods.append((start, end))
    return tuple(periods)


def _roles(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(v in ROLES for v in value):
        raise ValueError(t("err.config.not_roles", roles=", ".join(ROLES), got=_describe(value)))
    return tuple(value)


def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _read_simple(reader: _Reader, data: Table, section: str, instance: T,
                 converters: dict[str, Callable[[Any], Any]]) -> T:
    table = reader.table(data.get(section), (section,), tuple(converters))
    changes = {
        name: reader.value(table, (section, name), getattr(instance, name), convert)
        for name, convert in converters.items()
    }
    return replace(instance, **changes)  # type: ignore[type-var]


def _read_deadlines(reader: _Reader, data: Table) -> DeadlinesConfig:
    base = DeadlinesConfig()
    known = ("extension_max_days", "extension_max_count", *base.steps)
    table = reader.table(data.get("deadlines"), ("deadlines",), known)
    steps = dict(base.steps)
    for step, default in base.steps.items():
        path = ("deadlines", step)
        entry = reader.table(table.get(step), path, ("days", "rule"))
        steps[step] = StepRule(
            days=reader.value(entry, (*path, "days"), default.days, _int(1, 366)),
            rule=reader.value(entry, (*path, "rule"), default.rule, _choice(DAY_RULES)),
        )
    return DeadlinesConfig(
        steps=steps,
        extension_max_days=reader.value(
            table, ("deadlines", "extension_max_days"), base.extension_max_days, _int(0, 366)
        ),
        extension_max_count=reader.value(
            table, ("deadlines", "extension_max_count"), base.extension_max_count, _int(0, 10)
        ),
    )


def _read_sla(reader: _Reader, data: Table) -> SlaConfig:
    base = SlaConfig()
    table = reader.table(data.get("sla"), ("sla",), ("at_risk_share", "pause_when_escalated",
                                                      "problem_follow_up_workdays",
                                                      "requirement_feedback_workdays", "targets"))
    share = reader.value(table, ("sla", "at_risk_share"), base.at_risk_share, _float(0.05, 1.0))
    pause = reader.value(table, ("sla", "pause_when_escalated"), base.pause_when_escalated, _bool)
    follow_up = reader.value(table, ("sla", "problem_follow_up_workdays"),
                             base.problem_follow_up_workdays, _int(1, 120))
    feedback = reader.value(table, ("sla", "requirement_feedback_workdays"),
                            base.requirement_feedback_workdays, _int(1, 250))
    targets_table = reader.table(table.get("targets"), ("sla", "targets"), QUESTION_CATEGORIES)
    targets = {category: dict(levels) for category, levels in base.targets.items()}
    for category in QUESTION_CATEGORIES:
        path = ("sla", "targets", category)
        levels = reader.table(targets_table.get(category), path, PRIORITIES)
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
                reader.problem((*path, priority), t("err.config.not_sla_pair", got=_describe(pair)))
                continue
            targets[category][priority] = SlaTarget(float(pair[0]), float(pair[1]))
    return SlaConfig(at_risk_share=share, pause_when_escalated=pause,
                     problem_follow_up_workdays=follow_up,
                     requirement_feedback_workdays=feedback, targets=targets)


def _read_cases(reader: _Reader, data: Table) -> CasesConfig:
    base = CasesConfig()
    table = dict(data.get("cases") or {})
    headers_table = table.pop("import_headers", None)
    period_table = table.pop("rate_period", None)
    simple = _read_simple(reader, {"cases": table}, "cases", base, {
        "due_soon_workdays": _int(0, 60), "urge_rating": _bool, "urge_revisit": _bool,
        "rating_window_days": _int(1, 366), "revisit_window_days": _int(1, 366),
    })
    path = ("cases", "import_headers")
    given = reader.table(headers_table, path, tuple(base.import_headers))
    headers = dict(base.import_headers)
    for name, value in given.items():
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or \
                not all(isinstance(n, str) and n.strip() for n in names):
            reader.problem((*path, name), t("err.config.not_headers", got=_describe(value)))
            continue
        headers[name] = tuple(n.strip() for n in names)
    period_path = ("cases", "rate_period")
    periods = dict(base.rate_period)
    for rate, value in reader.table(period_table, period_path,
                                    tuple(RATE_PERIOD_CHOICES)).items():
        choices = RATE_PERIOD_CHOICES.get(rate)
        if choices is None:
            continue  # reported as an unknown key
        if value not in choices:
            reader.problem((*period_path, rate), t("err.config.not_choice",
                                                   options=", ".join(choices),
                                                   got=_describe(value)))
            continue
        periods[rate] = value
    return replace(simple, import_headers=headers, rate_period=periods)


def _read_keys(reader: _Reader, data: Table) -> dict[str, str]:
    table = reader.table(data.get("keys"), ("keys",), None)
    keys: dict[str, str] = {}
    for given_id, key in table.items():
        binding_id = RENAMED_BINDINGS.get(given_id, given_id)
        if binding_id not in ALL_KEYS:
            reader.problem(("keys", binding_id), t("err.config.unknown_binding"))
        elif not isinstance(key, str) or not key.strip():
            reader.problem(("keys", binding_id), t("err.config.not_key_name", got=_describe(key)))
        else:
            keys[binding_id] = key.strip()
    return keys


def _timezone(value: Any) -> str:
    name = _str(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(t("err.config.unknown_zone", name=name)) from None
    return name


TOP_LEVEL = (
    "database", "timezone", "office_hours", "calendar", "deadlines", "cases", "sla", "contract",
    "roster", "training", "inspection", "inventory", "data_service", "ui", "security",
    "keys",
)


def parse_config(source: str, file: str = "config.toml", path: Path | None = None) -> Config:
    """Validate TOML text into a Config; raise ConfigError listing every problem."""
    source = source.removeprefix("\ufeff")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        where = f"{file}:{match.group(1)}" if match else file
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        raise ConfigError([t("err.config.syntax", where=where, detail=detail)]) from None
    ui = data.get("ui")
    locale = ui.get("locale") if isinstance(ui, dict) else None
    with using_locale(locale if locale in LOCALES else None):
        return _parse(data, source, file, path)


def _parse(data: Table, source: str, file: str, path: Path | None) -> Config:
    reader = _Reader(file, source)
    reader.table(data, (), TOP_LEVEL)
    defaults = Config()
    contract = ContractConfig()
    config = Config(
        source=path,
        database=_read_simple(reader, data, "database", DatabaseConfig(), {
            "url": _str, "busy_timeout_ms": _int(100, 600_000), "backup_dir": _str,
            "daily_backup": _bool, "keep_daily": _int(0, 366), "keep_monthly": _int(0, 120),
            "backup_password_file": _str,
        }),
        timezone=reader.value(data, ("timezone",), defaults.timezone, _timezone),
        office_hours=_read_simple(reader, data, "office_hours", OfficeHoursConfig(), {
            "periods": _periods,
        }),
        calendar=_read_simple(reader, data, "calendar", CalendarConfig(), {
            "local_tables_dir": _str, "warn_days_before_year_end": _int(0, 366),
            "estimate_unpublished": _bool, "makeup_window_days": _int(0, 60),
        }),
        deadlines=_read_deadlines(reader, data),
        cases=_read_cases(reader, data),
        sla=_read_sla(reader, data),
        contract=_read_simple(reader, data, "contract", contract, {
            "name": _str, "bureau": _str, "vendor": _str, "start": _date, "end": _date,
            "value_yuan": _float(0, 1e10), "payment_on_signing": _float(0, 1),
            "payment_on_acceptance": _float(0, 1), "acceptance_days_before_end": _int(0, 366),
            "penalty_per_breach": _float(0, 1), "termination_after_breaches": _int(1, 100),
            "inspections_per_month": _once_a_month, "report_due_working_day": _int(1, 23),
            "trainings_per_year": _int(0, 52),
            "onsite_engineers_min": _int(0, 50), "onsite_coverage_percent": _float(0, 100),
            "response_met_percent": _float(0, 100), "resolution_met_percent": _float(0, 100),
        }),
        roster=_read_simple(reader, data, "roster", RosterConfig(), {
            "shift_mode": _choice(("full_day", "halves")), "half_day_split": _time,
            "engineers_per_shift": _int(1, 50), "max_consecutive_days": _int(1, 31),
            "roles_on_duty": _roles, "handover_ack_minutes": _int(0, 24 * 60),
            "gap_lookahead_days": _int(0, 366), "calendar_uid_domain": _str,
            "calendar_reminder_minutes": _int(0, 24 * 60),
        }),
        training=_read_simple(reader, data, "training", TrainingConfig(), {
            "curriculum_file": _str, "remind_weeks_before_due": _int(0, 26),
            "default_minutes": _int(15, 8 * 60),
        }),
        inspection=_read_simple(reader, data, "inspection", InspectionConfig(), {
            "checklist_file": _str, "due_working_day": _int(1, 23),
            "unused_account_days": _int(1, 3660), "active_account_days": _int(1, 366),
            "usage_denominator": _choice(("issued", "enabled")),
            "low_usage_percent": _float(0, 100),
        }),
        inventory=_read_simple(reader, data, "inventory", InventoryConfig(), {
            "minimum_versions": _versions,
        }),
        data_service=_read_simple(reader, data, "data_service", DataServiceConfig(), {
            "due_workdays": _int(1, 60), "export_dir": _str,
        }),
        ui=_read_simple(reader, data, "ui", UiConfig(), {
            "locale": _choice(LOCALES), "theme": _str, "cursor_blink": _bool,
            "live_refresh_seconds": _int(0, 3600),
        }),
        security=_read_simple(reader, data, "security", SecurityConfig(), {
            "mask_personal_data": _always_true, "idle_lock_minutes": _int(0, 1440),
            "audit_key_file": _str, "service_account": _no_service_account, "exam_required": _bool,
            "exam_valid_months": _int(1, 120), "exam_warn_days": _int(0, 366),
            "scan_every_months": _int(1, 24), "evidence_dir": _str,
            "finding_due_critical": _int(1, 250), "finding_due_high": _int(1, 250),
            "finding_due_medium": _int(1, 250), "finding_due_low": _int(1, 250),
        }),
        keys=_read_keys(reader, data),
    )
    if config.contract.end <= config.contract.start:
        reader.problem(("contract", "end"), t("err.config.contract_backwards"))
    share = config.contract.payment_on_signing + config.contract.payment_on_acceptance
    if abs(share - 1.0) > 1e-9:
        reader.problem(("contract", "payment_on_acceptance"),
                       t("err.config.payment_shares", share=f"{share:g}"))
    if reader.problems:
        raise ConfigError(reader.problems)
    return config


def load_config(explicit: str | None = None) -> Config:
    path, _how = find_config_file(explicit)
    if path is None:
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ConfigError([t("err.config.unreadable", path=path, reason=err.strerror)]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ConfigError([t("err.config.not_utf8", path=path, line=line)]) from None
    return parse_config(text, str(path), path.resolve())
