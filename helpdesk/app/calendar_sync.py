"""Stored deadlines follow the calendar's data: when a year's schedule arrives (a loaded table,
a chinese-calendar release) or changes, every stored deadline that counted through it is
computed again, in one audited transaction.

Each year's data has a fingerprint (`WorkCalendar.fingerprint`); the fingerprints the stored
deadlines were computed with are kept in `meta` (`calendar:YEAR`). Every console and CLI start
compares them (app/calendar_check.py: a read, no lock) and recomputes only when one differs,
so provisional deadlines heal themselves on the next start after the data arrives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import extract, func, or_
from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.app.calendar_check import (
    META_PREFIX,
    fingerprints,
    stored_fingerprints,
    watched_years,
)
from helpdesk.calendar.days import PACKAGE_SOURCE
from helpdesk.errors import CalendarUnavailable
from helpdesk.i18n import t
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.storage.database import BULK_ROWS
from helpdesk.storage.models import Meta

if TYPE_CHECKING:
    # the cases' models only where cases are read: the check at start never gets here
    from helpdesk.cases.models import PetitionCase

CHUNK = 2000
SAMPLE = 50  # changed cases named in the audit record; the rest are counted


@dataclass(frozen=True)
class RecomputeResult:
    years: tuple[int, ...]  # the years whose data changed
    statuses: dict[int, str]  # year -> table / package / estimate / broken
    cases_checked: int
    cases_changed: int
    still_provisional: int
    requests_changed: int
    questions_changed: int = 0
    step_deadlines_changed: int = 0  # stored deadlines the rates judge by (step_deadlines)


def recompute(ws: Workspace, actor: Actor, *, force: bool = True, all_steps: bool = False,
              note: tuple[str, dict[str, object]] | None = None) -> RecomputeResult:
    """Recompute the stored deadlines that counted through a changed year (every open
    deadline from the earliest watched year on, with `force`; every case's step deadlines
    with `all_steps`, after the rules changed); `note` is the audit record of what changed the
    data (a loaded table), written in the same transaction."""
    # Every area's stored deadlines, imported only when one is recomputed: every command's
    # start checks (app/calendar_check.py) and rarely gets this far.
    from helpdesk.cases.actions import schedule_next_step
    from helpdesk.cases.models import CaseEvent
    from helpdesk.cases.step_deadlines import refresh_step_deadlines, store_fingerprint
    from helpdesk.data.requests import recompute_due
    from helpdesk.questions.actions import recompute_clocks

    years = watched_years(ws)
    current = fingerprints(ws, years)
    with change(ws, actor) as tx:
        if note is not None:
            tx.record(note[0], "calendar", str(note[1].get("year", "")), after=note[1])
        # again under the lock: another start may have won
        stored = stored_fingerprints(tx.session, years)
        changed = tuple(year for year in years if force or stored.get(year) != current[year])
        statuses: dict[int, str] = {year: ws.calendar.status(year) for year in changed}
        checked = changed_count = 0
        sample: list[dict[str, str]] = []
        if changed:
            since = date(min(changed), 1, 1)
            for case in _cases(tx, since):
                checked += 1
                before = (case.next_step, case.next_due, case.due_provisional,
                          case.next_due_expected, case.objection_due)
                try:
                    schedule_next_step(ws, case)
                except CalendarUnavailable:  # a broken table: keep what was stored
                    (case.next_step, case.next_due, case.due_provisional,
                     case.next_due_expected, case.objection_due) = before
                    continue
                after = (case.next_step, case.next_due, case.due_provisional,
                         case.next_due_expected, case.objection_due)
                if after == before:
                    continue
                changed_count += 1
                case.version += 1
                detail = f"{_due_text(before)} → {_due_text(after)}"
                assert case.id is not None
                tx.session.add(CaseEvent(case_id=case.id, at=tx.now, actor=actor.login,
                                         kind="recomputed", stage=case.stage, on_date=None,
                                         detail=detail))
                if len(sample) < SAMPLE:
                    sample.append({"case": case.case_number, "change": detail})
            requests = recompute_due(ws, tx, since)
            questions = recompute_clocks(
                ws, tx, datetime.combine(since, time(), ws.hours.zone).astimezone(UTC))
            steps = refresh_step_deadlines(ws, tx, None if all_steps else since)
        else:
            requests = questions = steps = 0
        store_fingerprint(ws, tx)
        still = _count_provisional(tx)
        for year in years:
            _store(tx, year, current[year])
        if changed_count or requests or questions or steps or \
                any(year in stored for year in changed):
            tx.record("calendar.recompute", "calendar", ",".join(map(str, changed)),
                      after={"years": list(changed), "sources": statuses,
                             "cases_checked": checked, "cases_changed": changed_count,
                             "still_provisional": still, "data_requests_changed": requests,
                             "sla_clocks_changed": questions,
                             "step_deadlines_changed": steps,
                             "sample": sample})
    if changed_count + steps >= BULK_ROWS:  # a bulk change of the deadlines' columns
        ws.db.refresh_statistics("petition_case", "case_event")
    return RecomputeResult(changed, statuses, checked, changed_count, still, requests,
                           questions, steps)


def _cases(tx: Change, since: date) -> Iterator[PetitionCase]:
    """Open cases whose deadline could depend on a year from `since` on (keyset chunks)."""
    # the cases' models only where cases are read: the check at start never gets here
    from helpdesk.cases.models import PetitionCase

    last = 0
    while True:
        chunk = tx.session.exec(
            select(PetitionCase).where(
                col(PetitionCase.stage) != "closed", col(PetitionCase.id) > last,
                or_(col(PetitionCase.due_provisional), col(PetitionCase.next_due) >= since,
                    col(PetitionCase.objection_due) >= since))
            .order_by(col(PetitionCase.id)).limit(CHUNK)).all()
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].id or last


def _due_text(state: tuple[object, ...]) -> str:
    step, due, provisional, expected, _objection = state
    if not step:
        return "-"
    return f"{step} {due}" + (f" (~{expected})" if provisional else "")


def _count_provisional(tx: Change) -> int:
    # the cases' models only where cases are read: the check at start never gets here
    from helpdesk.cases.models import PetitionCase

    return int(tx.session.exec(select(func.count()).select_from(PetitionCase).where(
        col(PetitionCase.due_provisional), col(PetitionCase.stage) != "closed")).one())


def _store(tx: Change, year: int, fingerprint: str) -> None:
    key = f"{META_PREFIX}{year}"
    row = tx.session.get(Meta, key)
    if row is None:
        tx.session.add(Meta(key=key, value=fingerprint))
    elif row.value != fingerprint:
        row.value = fingerprint


@dataclass(frozen=True)
class YearRow:
    year: int
    status: str  # table / package / estimate / broken / missing
    source: str  # the table's path, the package, or the broken table's problems
    provisional_cases: int  # open cases whose provisional deadline is expected in this year
    in_sync: bool  # the stored deadlines were computed on this year's current data

    def to_json(self) -> dict[str, object]:
        return {"year": self.year, "status": self.status, "source": self.source,
                "provisional_cases": self.provisional_cases, "in_sync": self.in_sync}

    def line(self) -> str:
        text = t("calendar.year_line", year=self.year, status=t(f"calendar.status_{self.status}"),
                 source=self.source.splitlines()[0] if self.source else "")
        if self.provisional_cases:
            text += "  " + t("calendar.year_provisional", count=self.provisional_cases)
        if not self.in_sync:
            text += "  " + t("calendar.year_out_of_sync")
        return text


def calendar_years(ws: Workspace) -> list[YearRow]:
    """Per watched year: where its data comes from and the provisional deadlines in it."""
    # the cases' models only where cases are read: the check at start never gets here
    from helpdesk.cases.models import PetitionCase

    years = watched_years(ws)
    current = fingerprints(ws, years)
    due_year = extract("year", func.coalesce(col(PetitionCase.next_due_expected),
                                             col(PetitionCase.next_due)))
    with ws.db.read() as session:
        stored = stored_fingerprints(session, years)
        counts = {int(year): int(count) for year, count in session.execute(
            select(due_year, func.count()).where(
                col(PetitionCase.due_provisional), col(PetitionCase.stage) != "closed")
            .group_by(due_year)).all() if year is not None}
    rows = []
    broken = ws.calendar.broken
    for year in years:
        status = ws.calendar.status(year)
        source = {"table": ws.calendar.source_of(year) or "", "package": PACKAGE_SOURCE,
                  "broken": broken.get(year, ""), "estimate": "holidays",
                  "missing": ws.calendar.display_path(year)}[status]
        rows.append(YearRow(year, status, source, counts.get(year, 0),
                            stored.get(year) == current[year]))
    return rows
