"""日志管理与分析: how the provincial system is used, from its imported operation log and
account list, per unit and per person over a span of days: operations by kind, active days,
use outside office hours, and the share of a unit's accounts that were used (用户使用率);
rolled up per kind of unit (streets, departments). Accounts not used for N days (or never)
are dormant, and one call turns them into a configuration request to disable them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import case, distinct, func, select
from sqlmodel import col

from helpdesk.actor import Actor
from helpdesk.errors import UsageError
from helpdesk.monitoring.oplog_figures import OplogUsage, UsageLine
from helpdesk.monitoring.oplog_models import OplogAccount, OplogEntry
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import Unit

TOP_OPERATIONS = 5  # operations by kind listed per line (the rest are counted)


@dataclass(frozen=True)
class DormantAccount:
    account: str
    name: str
    unit: str
    last_used: date | None  # the later of the log's last operation and the export's login
    idle_days: int | None  # None: never used


def _line(label: str, accounts: int, row: tuple[int, int, int, int] | None,
          kinds: list[tuple[str, int]]) -> UsageLine:
    operations, off, active, days = row or (0, 0, 0, 0)
    ordered = sorted(kinds, key=lambda item: (-item[1], item[0]))
    return UsageLine(label, accounts, int(active or 0), int(days or 0), int(operations or 0),
                     int(off or 0), tuple(ordered[:TOP_OPERATIONS]))


def oplog_usage(ws: Workspace, actor: Actor, start: date, end: date,
                unit_id: int | None = None) -> OplogUsage:
    """Aggregates in SQL over the span's entries (the day index), never a row per entry."""
    require(actor.role, "read", actor.login)
    if end < start:
        raise UsageError("err.common.period_backwards")
    e = OplogEntry
    window = (col(e.day) >= start, col(e.day) <= end)
    figures = (func.count(), func.sum(case((col(e.off_hours), 1), else_=0)),
               func.count(distinct(col(e.account))), func.count(distinct(col(e.day))))
    with ws.db.read() as session:
        names = {unit: (name, kind) for unit, name, kind in session.execute(
            select(col(Unit.id), col(Unit.name), col(Unit.kind))).all()}
        per_unit = {unit: tuple(rest) for unit, *rest in session.execute(
            select(col(e.unit_id), *figures).where(*window).group_by(col(e.unit_id))).all()}
        kinds_of: dict[int | None, list[tuple[str, int]]] = {}
        for unit, operation, count in session.execute(
                select(col(e.unit_id), col(e.operation), func.count()).where(*window)
                .group_by(col(e.unit_id), col(e.operation))).all():
            kinds_of.setdefault(unit, []).append((operation, int(count)))
        accounts = {unit: int(count) for unit, count in session.execute(
            select(col(OplogAccount.unit_id), func.count()).where(col(OplogAccount.enabled))
            .group_by(col(OplogAccount.unit_id))).all()}
        whole = session.execute(select(*figures).where(*window)).one()
        people: list[UsageLine] = []
        if unit_id is not None:
            person_kinds: dict[str, list[tuple[str, int]]] = {}
            for account, operation, count in session.execute(
                    select(col(e.account), col(e.operation), func.count())
                    .where(*window, col(e.unit_id) == unit_id)
                    .group_by(col(e.account), col(e.operation))).all():
                person_kinds.setdefault(account, []).append((operation, int(count)))
            for account, name, *rest in session.execute(
                    select(col(e.account), func.max(col(e.name)), *figures)
                    .where(*window, col(e.unit_id) == unit_id).group_by(col(e.account))
                    .order_by(func.count().desc(), col(e.account))).all():
                people.append(_line(f"{name} {account}".strip() if name else account, 1,
                                    tuple(rest), person_kinds.get(account, [])))
    unit_keys = sorted({*per_unit, *accounts} - {None},
                       key=lambda key: names.get(key, ("", ""))[0])
    units = [replace(_line(names.get(key, ("", ""))[0], accounts.get(key, 0),
                           per_unit.get(key), kinds_of.get(key, [])), unit_id=key)
             for key in unit_keys if key in names]
    kinds: list[UsageLine] = []
    for kind in ("street", "department", "other"):
        members = [key for key in unit_keys if names.get(key, ("", ""))[1] == kind]
        if not members:
            continue
        merged: dict[str, int] = {}
        for key in members:
            for operation, count in kinds_of.get(key, []):
                merged[operation] = merged.get(operation, 0) + count
        rows = [per_unit[key] for key in members if key in per_unit]
        # Accounts are distinct per unit, so summing the units' active accounts is exact;
        # active days are the most of any member (a day counts once per kind).
        kinds.append(UsageLine(kind, sum(accounts.get(key, 0) for key in members),
                               sum(int(row[2] or 0) for row in rows),
                               max((int(row[3] or 0) for row in rows), default=0),
                               sum(int(row[0] or 0) for row in rows),
                               sum(int(row[1] or 0) for row in rows),
                               tuple(sorted(merged.items(),
                                            key=lambda i: (-i[1], i[0]))[:TOP_OPERATIONS])))
    all_kinds: dict[str, int] = {}
    for items in kinds_of.values():
        for operation, count in items:
            all_kinds[operation] = all_kinds.get(operation, 0) + count
    total = _line("", sum(accounts.values()), tuple(whole), list(all_kinds.items()))
    return OplogUsage(start, end, total, tuple(kinds), tuple(units), tuple(people))


def dormant_accounts(ws: Workspace, actor: Actor, days: int,
                     today: date | None = None) -> list[DormantAccount]:
    """Enabled accounts with no operation in the log and no login in the export for `days`
    days (or ever), longest idle first, never-used last."""
    require(actor.role, "read", actor.login)
    if not 1 <= days <= 3660:
        raise UsageError("err.oplog.days", days=days)
    today = today or ws.now().astimezone(ws.hours.zone).date()
    cutoff = today - timedelta(days=days)
    a, e = OplogAccount, OplogEntry
    last_entry = select(col(e.account), func.max(col(e.day)).label("last_day")).group_by(
        col(e.account)).subquery()
    with ws.db.read() as session:
        rows = session.execute(
            select(col(a.account), col(a.name), col(Unit.name), col(a.last_login),
                   last_entry.c.last_day)
            .outerjoin(last_entry, last_entry.c.account == col(a.account))
            .outerjoin(Unit, col(Unit.id) == col(a.unit_id))
            .where(col(a.enabled))).all()
    found = []
    for account, name, unit, login, logged in rows:
        used = max((d for d in (login, logged) if d is not None), default=None)
        if used is None or used <= cutoff:
            found.append(DormantAccount(account, name, unit or "", used,
                                        None if used is None else (today - used).days))
    return sorted(found, key=lambda d: (d.idle_days is None, -(d.idle_days or 0), d.account))
