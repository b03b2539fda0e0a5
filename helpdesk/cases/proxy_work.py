"""信访业务办理: petition work the engineer does on a user's behalf (registering, accepting,
transferring or handling an item in the provincial system), one log entry per action, with
whom it was done for and who authorised it: the evidence for the contract's service 6.

Registering by hand: before the province's export names a case, the engineer may register it
here (its number, subject, channel, day). The case is an ordinary case from then on; when an
import brings the same number it updates that case (the number is unique: never a second
case) and the registration is marked confirmed by the export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.cases.actions import add_case
from helpdesk.cases.models import PetitionCase, ProxyWork
from helpdesk.cases.proxy_figures import ProxyFigures
from helpdesk.cases.proxy_views import ProxyView
from helpdesk.count import Count
from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import Unit
from helpdesk.text import clean
from helpdesk.vocab import PROXY_ACTIONS


@dataclass(frozen=True)
class NewCase:
    """What a hand registration needs when the case is not in the records yet."""

    subject: str
    channel: str
    registered_on: date
    unit_id: int | None = None
    summary: str = ""


def _name(value: str, missing: UsageError) -> str:
    text = clean(value, single_line=True, max_length=64).strip()
    if not text:
        raise missing
    return text


def log_proxy(ws: Workspace, actor: Actor, case_number: str, action: str, *,
              on_behalf_of: str, authorised_by: str, unit_id: int | None = None,
              note: str = "", done_at: datetime | None = None,
              new_case: NewCase | None = None) -> ProxyView:
    """One action done on a user's behalf. `registered` on a number the records do not hold
    needs `new_case` and registers the case in the same transaction."""
    number = clean(case_number, single_line=True, max_length=40).strip()
    if not number:
        raise UsageError("err.proxy.no_case")
    if action not in PROXY_ACTIONS:
        raise UsageError("err.proxy.action", action=action, actions=", ".join(PROXY_ACTIONS))
    behalf = _name(on_behalf_of, UsageError("err.proxy.no_behalf"))
    authorised = _name(authorised_by, UsageError("err.proxy.no_authoriser"))
    with change(ws, actor) as tx:
        when = done_at or tx.now
        if when > tx.now:
            raise UsageError("err.proxy.future")
        case = tx.session.exec(select(PetitionCase).where(
            col(PetitionCase.case_number) == number)).first()
        if case is None and action == "registered":
            if new_case is None:
                raise UsageError("err.proxy.new_case_needed", number=number)

            added = add_case(ws, actor, case_number=number, registered_on=new_case.registered_on,
                             channel=new_case.channel, subject=new_case.subject,
                             unit_id=new_case.unit_id or unit_id, summary=new_case.summary)
            case = tx.session.get(PetitionCase, added.id)
        elif case is None and action != "registered":
            raise UsageError("err.proxy.unknown_case", number=number)
        elif case is not None and new_case is not None:
            raise UsageError("err.cases.duplicate", number=number)
        assert case is not None
        entry = ProxyWork(case_number=number, case_id=case.id,
                          unit_id=unit_id if unit_id is not None else case.unit_id,
                          action=action, on_behalf_of=behalf, authorised_by=authorised,
                          note=clean(note, single_line=True, max_length=200).strip(),
                          done_at=when, recorded_by=actor.login, recorded_at=tx.now)
        tx.session.add(entry)
        tx.session.flush()
        tx.record("proxy.add", "proxy_work", entry.id,
                  after={"case_number": number, "action": action, "for": behalf,
                         "authorised_by": authorised, "new_case": new_case is not None})
        unit = tx.session.get(Unit, entry.unit_id) if entry.unit_id is not None else None
        return _view(entry, unit.name if unit else "")


def _view(entry: ProxyWork, unit: str) -> ProxyView:
    assert entry.id is not None
    return ProxyView(entry.id, entry.case_number, entry.case_id, unit, entry.action,
                     entry.on_behalf_of, entry.authorised_by, entry.note, entry.done_at,
                     entry.recorded_by, entry.confirmed_at)


def awaiting_export(session: Session, numbers: Sequence[str]) -> set[str]:
    """Which of these case numbers were registered by hand and not yet found in an export."""
    found: set[str] = set()
    for first in range(0, len(numbers), 500):
        found.update(session.exec(select(ProxyWork.case_number).where(
            col(ProxyWork.action) == "registered", col(ProxyWork.confirmed_at).is_(None),
            col(ProxyWork.case_number).in_(numbers[first:first + 500]))).all())
    return found


def confirm_registrations(session: Session, numbers: Sequence[str], now: datetime) -> int:
    """Mark the hand registrations of these case numbers as found in the province's export
    (inside the import's transaction); returns how many were confirmed now."""
    # The registrations still waiting are few (days' worth); the export's numbers are many.
    waiting = session.exec(select(ProxyWork).where(
        col(ProxyWork.action) == "registered", col(ProxyWork.confirmed_at).is_(None))).all()
    found = set(numbers) if waiting else set()
    confirmed = 0
    for row in waiting:
        if row.case_number in found:
            row.confirmed_at = now
            session.add(row)
            confirmed += 1
    return confirmed


def proxy_figures(session: Session, start: datetime, end: datetime) -> ProxyFigures:
    """The period's proxy work, for the reports and the ledger."""
    p = ProxyWork
    window = (col(p.done_at) >= start, col(p.done_at) < end)
    counts = dict(session.exec(select(p.action, func.count()).where(*window)
                               .group_by(col(p.action))).all())
    confirmed = session.exec(select(func.count()).select_from(p).where(
        *window, col(p.action) == "registered", col(p.confirmed_at).is_not(None))).one()
    return ProxyFigures(sum(counts.values()),
                        tuple(Count(action, int(counts.get(action, 0)))
                              for action in PROXY_ACTIONS),
                        int(counts.get("registered", 0)), int(confirmed))


def proxy_months(ws: Workspace, spans: Sequence[tuple[str, date, date]], today: date
                 ) -> list[tuple[str, str, tuple[str, ...], bool]]:
    """The compliance ledger's 信访业务办理 row, per contract month (key, first, last day):
    (state, figure, evidence, at risk). A month with proxy work is met (nothing is owed in a
    month without); it is at risk once over while a case registered by hand in it is still
    missing from the province's export (evidence: those case numbers)."""

    if not spans:
        return []
    zone = ws.hours.zone
    start = datetime.combine(spans[0][1], time(), tzinfo=zone)
    end = datetime.combine(spans[-1][2] + timedelta(days=1), time(), tzinfo=zone)
    with ws.db.read() as session:
        rows = session.exec(select(ProxyWork.done_at, ProxyWork.action,
                                   ProxyWork.confirmed_at, ProxyWork.case_number).where(
            col(ProxyWork.done_at) >= start, col(ProxyWork.done_at) < end)).all()
    found: list[tuple[str, str, tuple[str, ...], bool]] = []
    for _key, first, last in spans:
        month = [(action, confirmed, number) for done, action, confirmed, number in rows
                 if first <= done.astimezone(zone).date() <= last]
        if not month:
            found.append(("none", "", (), False))
            continue
        by_hand = [number for action, _c, number in month if action == "registered"]
        waiting = tuple(number for action, confirmed, number in month
                        if action == "registered" and confirmed is None)
        found.append(("met", t("ledger.proxy_figure", count=len(month), by_hand=len(by_hand),
                                waiting=len(waiting)), waiting[:20],
                      bool(waiting) and last < today))
    return found
