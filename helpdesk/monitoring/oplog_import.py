"""Importing the provincial system's operation log and account list (xlsx, xls or csv in UTF-8
or GBK, by the one set of sheet rules), told apart by their columns:

- the operation log: 操作时间, 账号, 操作类型 (required), 姓名, 单位;
- the account list: 账号 and 账号状态 (required), 姓名, 单位, 开通日期, 最后登录时间.

A year of a province's log is millions of rows, so the file is streamed twice and never held:
the first pass checks every row (all or nothing: one bad row refuses the file, each bad row is
listed by its number, the first 1,000 of them by name), the second writes in chunks inside one
transaction. An entry is (instant, account, operation): importing an overlapping export adds
only what is new. Each entry keeps its local day and whether it fell outside office hours
(on a non-working day, or outside `[office_hours]`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import CalendarUnavailable, UsageError
from helpdesk.i18n import clauses, t
from helpdesk.monitoring.oplog_models import OplogAccount, OplogEntry
from helpdesk.services.sheets import parse_day, parse_instant, stream_sheet
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import Unit
from helpdesk.text import clean

LOG_HEADERS: dict[str, tuple[str, ...]] = {
    "at": ("操作时间", "日志时间", "时间", "operation time"),
    "account": ("账号", "登录账号", "用户账号", "account"),
    "operation": ("操作类型", "操作", "操作名称", "功能模块", "operation"),
    "name": ("姓名", "用户名", "操作人", "name"),
    "unit": ("单位", "所属单位", "机构名称", "unit"),
}
ACCOUNT_HEADERS: dict[str, tuple[str, ...]] = {
    "account": ("账号", "登录账号", "用户账号", "account"),
    "status": ("账号状态", "状态", "status"),
    "name": ("姓名", "用户名", "name"),
    "unit": ("单位", "所属单位", "机构名称", "unit"),
    "opened_on": ("开通日期", "创建时间", "开通时间", "opened"),
    "last_login": ("最后登录时间", "最近登录", "最后登录", "last login"),
}
ENABLED = {"启用", "正常", "有效", "enabled", "active", "1", "是"}
DISABLED = {"停用", "禁用", "注销", "锁定", "disabled", "0", "否"}
CHUNK = 5000
ERRORS_KEPT = 1000
Progress = Callable[[int], None]  # rows read so far


@dataclass
class OplogImportReport:
    kind: str = ""  # log | accounts
    rows: int = 0
    added: int = 0
    unchanged: int = 0  # already imported (the same instant, account and operation)
    updated: int = 0  # accounts only
    errors: list[tuple[int, str]] = field(default_factory=list)
    error_count: int = 0
    unknown_units: set[str] = field(default_factory=set)
    first: datetime | None = None
    last: datetime | None = None
    written: bool = False
    dry_run: bool = False


def _cell(values: list[Any], index: int | None) -> Any:
    return values[index] if index is not None and index < len(values) else None


def _text(value: Any, limit: int) -> str:
    return "" if value is None else _clean(str(value), limit)


@lru_cache(maxsize=65536)
def _clean(value: str, limit: int) -> str:
    """Accounts, names, units and operations repeat on every row: each is cleaned once."""
    return clean(value, single_line=True).strip()[:limit]


def _units(ws: Workspace) -> dict[str, int]:
    with ws.db.read() as session:
        return {key: unit.id for unit in session.exec(select(Unit)).all()
                if unit.id is not None for key in (unit.name, unit.code)}


def _off_hours(ws: Workspace) -> Callable[[datetime], bool]:
    """Whether a local moment falls outside office hours (a year without calendar data counts
    Saturdays and Sundays as the days off)."""
    periods = ws.config.office_hours.periods

    @lru_cache(maxsize=4096)
    def working(day: date) -> bool:
        try:
            return ws.calendar.is_working_day(day)
        except CalendarUnavailable:
            return day.weekday() < 5

    def off(local: datetime) -> bool:
        moment = local.time()
        return not working(local.date()) or not any(a <= moment < b for a, b in periods)

    return off


def _kind(path: Path) -> str:
    try:
        stream_sheet(path, LOG_HEADERS, ("at", "account", "operation"))
        return "log"
    except UsageError as log_error:
        try:
            stream_sheet(path, ACCOUNT_HEADERS, ("account", "status"))
        except UsageError:
            raise log_error from None
        return "accounts"


def import_oplog(ws: Workspace, actor: Actor, path: Path, *, dry_run: bool = False,
                 progress: Progress | None = None) -> OplogImportReport:
    kind = _kind(path)
    report = OplogImportReport(kind=kind, dry_run=dry_run)
    units = _units(ws)
    if kind == "accounts":
        return _import_accounts(ws, actor, path, report, units)
    for _row in _log_rows(ws, path, report, units, progress):
        pass  # the first pass only checks
    if report.error_count or dry_run:
        if dry_run and not report.error_count:
            report.added = report.rows  # at most; overlaps are counted when written
        return report
    _write_log(ws, actor, path, report, units)
    return report


def _log_rows(ws: Workspace, path: Path, report: OplogImportReport, units: dict[str, int],
              progress: Progress | None) -> Iterator[dict[str, Any]]:
    sheet = stream_sheet(path, LOG_HEADERS, ("at", "account", "operation"))
    columns, zone, off = sheet.columns, ws.hours.zone, _off_hours(ws)
    report.rows = 0
    for line, values in sheet.rows:
        report.rows += 1
        if progress is not None and report.rows % 10_000 == 0:
            progress(report.rows)
        problems: list[str] = []
        try:
            local = parse_instant(_cell(values, columns["at"]), zone).astimezone(zone)
        except ValueError as err:
            problems.append(str(err))
            local = None
        account = _text(_cell(values, columns["account"]), 64)
        operation = _text(_cell(values, columns["operation"]), 32)
        if not account:
            problems.append(t("err.oplog.no_account"))
        if not operation:
            problems.append(t("err.oplog.no_operation"))
        unit_text = _text(_cell(values, columns.get("unit")), 128)
        unit_id = units.get(unit_text) if unit_text else None
        if unit_text and unit_id is None:
            report.unknown_units.add(unit_text)
            problems.append(t("err.imports.unknown_unit", unit=unit_text))
        if problems or local is None:
            report.error_count += 1
            if len(report.errors) < ERRORS_KEPT:
                report.errors.append((line, clauses(problems)))
            continue
        at = local.astimezone(UTC)
        report.first = at if report.first is None else min(report.first, at)
        report.last = at if report.last is None else max(report.last, at)
        yield {"at": at, "day": local.date(), "account": account,
               "name": _text(_cell(values, columns.get("name")), 64), "unit_id": unit_id,
               "operation": operation, "off_hours": off(local)}
    if progress is not None:
        progress(report.rows)


def _insert(dialect: str) -> Any:
    """INSERT … ON CONFLICT DO NOTHING on the entry's natural key, in the dialect at hand."""

    module: Any = postgresql if dialect == "postgresql" else sqlite
    return module.insert(OplogEntry.__table__).on_conflict_do_nothing(  # type: ignore[attr-defined]
        index_elements=["at", "account", "operation"])


def _count(session: Any, first: datetime, last: datetime) -> int:
    return int(session.exec(select(func.count()).select_from(OplogEntry).where(
        col(OplogEntry.at) >= first, col(OplogEntry.at) <= last)).one())


def _day(ws: Workspace, instant: datetime | None) -> str:
    return "" if instant is None else instant.astimezone(ws.hours.zone).date().isoformat()


def _write_log(ws: Workspace, actor: Actor, path: Path, report: OplogImportReport,
               units: dict[str, int]) -> None:
    second = OplogImportReport()
    with change(ws, actor) as tx:
        statement = _insert(tx.session.get_bind().dialect.name)
        before = _count(tx.session, report.first, report.last) \
            if report.first and report.last else 0
        chunk: list[dict[str, Any]] = []
        for row in _log_rows(ws, path, second, units, None):
            chunk.append(row)
            if len(chunk) >= CHUNK:
                tx.session.execute(statement, chunk)
                chunk = []
        if chunk:
            tx.session.execute(statement, chunk)
        if second.error_count:  # the file changed between the two passes
            raise UsageError("err.oplog.file_changed", path=path.name)
        after = _count(tx.session, report.first, report.last) \
            if report.first and report.last else 0
        report.added = after - before
        report.unchanged = report.rows - report.added
        tx.record("oplog.import", "oplog_entry", path.name[:128],
                  after={"rows": report.rows, "added": report.added,
                         "unchanged": report.unchanged,
                         # the span as local days (instants in the log are the export's)
                         "first": _day(ws, report.first), "last": _day(ws, report.last)})
    report.written = True


def _import_accounts(ws: Workspace, actor: Actor, path: Path, report: OplogImportReport,
                     units: dict[str, int]) -> OplogImportReport:
    sheet = stream_sheet(path, ACCOUNT_HEADERS, ("account", "status"))
    columns = sheet.columns
    parsed: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for line, values in sheet.rows:
        report.rows += 1
        problems: list[str] = []
        account = _text(_cell(values, columns["account"]), 64)
        if not account:
            problems.append(t("err.oplog.no_account"))
        elif account in seen:
            problems.append(t("err.oplog.same_account", row=seen[account]))
        status = _text(_cell(values, columns["status"]), 16).lower()
        if status not in ENABLED | DISABLED:
            problems.append(t("err.oplog.bad_status", value=status))
        unit_text = _text(_cell(values, columns.get("unit")), 128)
        unit_id = units.get(unit_text) if unit_text else None
        if unit_text and unit_id is None:
            report.unknown_units.add(unit_text)
            problems.append(t("err.imports.unknown_unit", unit=unit_text))
        days: dict[str, date | None] = {}
        for name in ("opened_on", "last_login"):
            try:
                days[name] = parse_day(_cell(values, columns.get(name)))
            except ValueError as err:
                problems.append(str(err))
        if problems:
            report.error_count += 1
            if len(report.errors) < ERRORS_KEPT:
                report.errors.append((line, clauses(problems)))
            continue
        seen[account] = line
        parsed[account] = {"name": _text(_cell(values, columns.get("name")), 64),
                           "unit_id": unit_id, "enabled": status in ENABLED, **days}
    if report.error_count:
        return report
    with ws.db.read() as session:
        known = {row.account: row for row in session.exec(select(OplogAccount)).all()}
    for account, fields in parsed.items():
        row = known.get(account)
        if row is None:
            report.added += 1
        elif all(getattr(row, name) == value for name, value in fields.items()):
            report.unchanged += 1
        else:
            report.updated += 1
    if report.dry_run:
        return report
    with change(ws, actor) as tx:
        current = {row.account: row for row in tx.session.exec(select(OplogAccount)).all()}
        for account, fields in parsed.items():
            row = current.get(account) or OplogAccount(account=account, updated_at=tx.now)
            if row.id is not None and all(getattr(row, name) == value
                                          for name, value in fields.items()):
                continue
            for name, value in fields.items():
                setattr(row, name, value)
            row.updated_at = tx.now
            tx.session.add(row)
        tx.record("oplog.accounts", "oplog_account", path.name[:128],
                  after={"rows": report.rows, "added": report.added,
                         "updated": report.updated, "unchanged": report.unchanged})
    report.written = True
    return report
