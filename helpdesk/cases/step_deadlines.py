"""Each case's step deadlines, stored: `notice_due` (the acceptance notice, from receipt) and
`handling_due` (handling after any extension, from acceptance), whatever stage the case has
reached. The rates judge every case by these, so a period's rates are indexed range scans, not
a calendar walk per case over the backlog.

They are set with every change of the case (`cases.schedule_next_step`, same transaction) and
refreshed in bulk when what they were computed from changes: a year's calendar data (the
calendar recompute) or the `[deadlines]` rules (fingerprint in `meta`, compared at every start;
a database migrated from before the columns has none, so its first start fills them). The bulk
refresh walks the calendar once per distinct start day, then updates in one statement per
step through a temporary table of start day -> deadline.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Column, ColumnElement, Date, Integer, MetaData, Table, and_, select, update

from helpdesk.cases.deadlines import (
    STEPS_KEY,
    handling_deadline,
    rules_fingerprint,
    step_deadline,
)
from helpdesk.cases.models import NewCase, PetitionCase
from helpdesk.errors import CalendarUnavailable
from helpdesk.services.workspace import Change, Workspace
from helpdesk.storage.models import Meta

# A deadline counted from up to this many days before a year can end inside it (60 + 30 days of
# handling with the longest festivals in between).
LOOKBACK_DAYS = 200


def set_step_deadlines(ws: Workspace, case: PetitionCase | NewCase) -> None:
    """The case's two stored deadlines from its dates (kept as they were if the calendar
    cannot count them: the refresh fills them once the data is there)."""
    rules = ws.config.deadlines
    try:
        case.notice_due = step_deadline(ws.calendar, rules, "accept_notice",
                                        case.received_on).deadline \
            if case.received_on is not None else None
        extensions = (case.extension_days,) if case.extension_days else ()
        case.handling_due = handling_deadline(ws.calendar, rules, case.accepted_on,
                                              extensions).deadline \
            if case.accepted_on is not None else None
    except CalendarUnavailable:
        pass


def refresh_step_deadlines(ws: Workspace, tx: Change, since: date | None = None) -> int:
    """Recompute the stored deadlines of every case whose step started from `since` minus
    the lookback (all cases when None); the number of cases whose figures changed. A start day
    the calendar cannot count from (a broken table) keeps what was stored, as a single case
    does in `set_step_deadlines`."""
    start = since - timedelta(days=LOOKBACK_DAYS) if since is not None else None
    tx.session.flush()
    connection = tx.session.connection()
    c = PetitionCase.__table__  # type: ignore[attr-defined]
    rules = ws.config.deadlines
    changed = 0

    def started(column: Column[date]) -> list[ColumnElement[bool]]:
        return [column.is_not(None)] + ([column >= start] if start is not None else [])

    notice_days = connection.execute(
        select(c.c.received_on).distinct().where(*started(c.c.received_on))).scalars().all()
    notice = {}
    for day in notice_days:
        try:
            notice[day] = step_deadline(ws.calendar, rules, "accept_notice", day).deadline
        except CalendarUnavailable:
            continue
    handling_keys = connection.execute(
        select(c.c.accepted_on, c.c.extension_days).distinct()
        .where(*started(c.c.accepted_on))).all()
    handling = {}
    for day, extension in handling_keys:
        try:
            handling[(day, extension)] = handling_deadline(
                ws.calendar, rules, day, (extension,) if extension else ()).deadline
        except CalendarUnavailable:
            continue
    scratch = MetaData()
    notice_table = Table("tmp_notice_due", scratch, Column("day", Date, primary_key=True),
                         Column("due", Date), prefixes=["TEMPORARY"])
    handling_table = Table("tmp_handling_due", scratch, Column("day", Date, primary_key=True),
                           Column("extension", Integer, primary_key=True), Column("due", Date),
                           prefixes=["TEMPORARY"])
    scratch.create_all(connection)
    try:
        if notice:
            connection.execute(notice_table.insert(),
                               [{"day": day, "due": due} for day, due in notice.items()])
            due = select(notice_table.c.due).where(
                notice_table.c.day == c.c.received_on).scalar_subquery()
            changed += connection.execute(
                update(c).values(notice_due=due)
                .where(*started(c.c.received_on), due.is_not(None),
                       c.c.notice_due.is_distinct_from(due))
            ).rowcount
        if handling:
            connection.execute(handling_table.insert(), [
                {"day": day, "extension": extension, "due": due}
                for (day, extension), due in handling.items()])
            due = select(handling_table.c.due).where(and_(
                handling_table.c.day == c.c.accepted_on,
                handling_table.c.extension == c.c.extension_days)).scalar_subquery()
            changed += connection.execute(
                update(c).values(handling_due=due)
                .where(*started(c.c.accepted_on), due.is_not(None),
                       c.c.handling_due.is_distinct_from(due))
            ).rowcount
    finally:
        scratch.drop_all(connection)
    return changed


def store_fingerprint(ws: Workspace, tx: Change) -> None:
    value = rules_fingerprint(ws.config.deadlines)
    row = tx.session.get(Meta, STEPS_KEY)
    if row is None:
        tx.session.add(Meta(key=STEPS_KEY, value=value))
    elif row.value != value:
        row.value = value

