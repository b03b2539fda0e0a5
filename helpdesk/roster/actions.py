"""The duty roster: generation, the week/month views, coverage gaps, swaps and overrides, and who
is on duty now. Leave lives in roster/leave.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlmodel import Session, col, delete, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.i18n import joined, t
from helpdesk.roles import require
from helpdesk.roster.absence import Absences, LeaveSpan
from helpdesk.roster.coverage import Coverage, Gap, check_coverage
from helpdesk.roster.generate import Assignment, generate
from helpdesk.roster.models import DutyShift, Leave, ShiftCancellation
from helpdesk.roster.people import find_person
from helpdesk.roster.slots import Slot, slots_for
from helpdesk.security.clearance import Standing
from helpdesk.security.exams import load_clearance, require_cleared, standing_reason
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.storage.models import Staff
from helpdesk.text import clean


class RosterGap(UsageError):
    """A change refused because it would leave office hours uncovered."""

    exit_code = 1


@dataclass(frozen=True)
class Engineer:
    id: int
    login: str
    name: str


@dataclass(frozen=True)
class ShiftView:
    id: int
    day: date
    slot: str
    login: str
    name: str
    source: str
    reason: str
    approved_by: str
    on_leave: bool
    version: int


@dataclass(frozen=True)
class RosterDay:
    day: date
    kind: str  # workday | makeup | holiday | weekend
    holiday: str
    shifts: tuple[ShiftView, ...]
    on_leave: tuple[str, ...]  # names, with 上午/下午 for a half day
    gaps: tuple[Gap, ...]

    @property
    def is_working(self) -> bool:
        return self.kind in ("workday", "makeup")


@dataclass(frozen=True)
class RosterView:
    start: date
    end: date
    slots: tuple[str, ...]
    days: tuple[RosterDay, ...]
    coverage: Coverage
    shift_counts: dict[str, int]  # engineer name -> shifts in the range


@dataclass(frozen=True)
class Barred:
    """An engineer left off the roster from `day` on: no valid confidentiality exam."""

    login: str
    name: str
    day: date
    state: str  # no_exam | failed | lapsed
    since: date | None

    def reason(self) -> str:
        return standing_reason(Standing(self.state, self.since, None))


@dataclass(frozen=True)
class GenerationReport:
    start: date
    end: date
    dry_run: bool
    days: int
    kept: int  # manual shifts (swaps, overrides) left as they were
    replaced: int  # generated shifts removed and regenerated
    created: int
    counts: dict[str, int]  # login -> shifts in the range
    streaks: tuple[tuple[date, str, int], ...]
    coverage: Coverage
    barred: tuple[Barred, ...] = ()


def month_range(month: str) -> tuple[date, date]:
    try:
        first = date.fromisoformat(f"{month}-01")
    except ValueError:
        raise UsageError("err.common.not_month", month=month) from None
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def week_range(week: str) -> tuple[date, date]:
    try:
        monday = datetime.strptime(f"{week}-1", "%G-W%V-%u").date()
    except ValueError:
        raise UsageError("err.roster.not_week", week=week) from None
    return monday, monday + timedelta(days=6)


def _days(start: date, end: date) -> list[date]:
    if end < start:
        raise UsageError("err.roster.backwards", end=end, start=start)
    if (end - start).days > 800:
        raise UsageError("err.roster.range_too_long")
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def engineers(session: Session, roles: Sequence[str]) -> list[Engineer]:
    rows = session.exec(select(Staff).where(col(Staff.active), col(Staff.role).in_(roles))
                        .order_by(col(Staff.login))).all()
    return [Engineer(s.id, s.login, s.name) for s in rows if s.id is not None]


def approved_leave(session: Session, start: date, end: date) -> list[LeaveSpan]:
    rows = session.exec(select(Leave).where(col(Leave.status) == "approved",
                                            col(Leave.start_on) <= end,
                                            col(Leave.end_on) >= start)).all()
    return [LeaveSpan(r.staff_id, r.start_on, r.end_on, r.part) for r in rows]


def _shifts(session: Session, start: date, end: date) -> list[tuple[DutyShift, Staff]]:
    return list(session.exec(
        select(DutyShift, Staff).join(Staff, col(Staff.id) == col(DutyShift.staff_id))
        .where(col(DutyShift.day) >= start, col(DutyShift.day) <= end)
        .order_by(col(DutyShift.day), col(DutyShift.slot), col(Staff.login))).all())


def _on_duty(shifts: Iterable[DutyShift]) -> dict[tuple[date, str], list[int]]:
    on_duty: dict[tuple[date, str], list[int]] = {}
    for shift in shifts:
        on_duty.setdefault((shift.day, shift.slot), []).append(shift.staff_id)
    return on_duty


def _coverage(ws: Workspace, working_days: Iterable[date],
              on_duty: dict[tuple[date, str], list[int]], absences: Absences) -> Coverage:
    return check_coverage(working_days, slots_for(ws.config), on_duty, absences,
                          needed=ws.config.contract.onsite_engineers_min,
                          split=ws.config.roster.half_day_split)


def roster_view(ws: Workspace, actor: Actor, start: date, end: date) -> RosterView:
    require(actor.role, "read", actor.login)
    days = _days(start, end)
    infos = [ws.calendar.day(day) for day in days]  # raises CalendarDataMissing, loudly
    with ws.db.read() as session:
        rows = _shifts(session, start, end)
        spans = approved_leave(session, start, end)
        names = {s.id: s.name for s in session.exec(select(Staff)).all()}
        counted = _may_work(ws, session)
    absences = Absences(spans)
    coverage = _coverage(ws, [i.day for i in infos if i.is_working],
                         _on_duty(shift for shift, _ in rows
                                  if counted(shift.staff_id, shift.day)), absences)
    gaps_by_day: dict[date, list[Gap]] = {}
    for gap in coverage.gaps:
        gaps_by_day.setdefault(gap.day, []).append(gap)
    by_day: dict[date, list[ShiftView]] = {}
    counts: dict[str, int] = {}
    for shift, staff in rows:
        assert shift.id is not None
        halves = ("am", "pm") if shift.slot == "day" else (shift.slot,)
        by_day.setdefault(shift.day, []).append(ShiftView(
            shift.id, shift.day, shift.slot, staff.login, staff.name, shift.source, shift.reason,
            shift.approved_by, absences.away(shift.staff_id, shift.day, halves), shift.version))
        counts[staff.name] = counts.get(staff.name, 0) + 1
    view_days = []
    for info in infos:
        away = tuple(_leave_label(names.get(span.staff_id, "?"), span.part) for span in spans
                     if span.start <= info.day <= span.end)
        view_days.append(RosterDay(info.day, info.kind, info.holiday or "",
                                   tuple(by_day.get(info.day, ())), away,
                                   tuple(gaps_by_day.get(info.day, ()))))
    return RosterView(start, end, tuple(s.name for s in slots_for(ws.config)), tuple(view_days),
                      coverage, counts)


def _leave_label(name: str, part: str) -> str:
    return name if part == "full" else f"{name}({part})"


def coverage_gaps(ws: Workspace, actor: Actor, start: date, end: date) -> Coverage:
    require(actor.role, "read", actor.login)
    working = [day for day in _days(start, end) if ws.calendar.is_working_day(day)]
    with ws.db.read() as session:
        rows = session.exec(select(DutyShift).where(col(DutyShift.day) >= start,
                                                    col(DutyShift.day) <= end)).all()
        spans = approved_leave(session, start, end)
        counted = _may_work(ws, session)
    return _coverage(ws, working, _on_duty(s for s in rows if counted(s.staff_id, s.day)),
                     Absences(spans))


def _may_work(ws: Workspace, session: Session) -> Callable[[int, date], bool]:
    """Whose shift covers the office on a day: someone active that day (a deactivated
    person's shifts from `inactive_since` on cover nothing) and cleared by the security exam
    (不通过者不能上岗: failed, lapsed, or none on record when one is required)."""
    staff = {s.id: s for s in session.exec(select(Staff)).all()}
    clearance = load_clearance(session, ws.config)

    def counted(staff_id: int, day: date) -> bool:
        person = staff.get(staff_id)
        if person is None:
            return False
        if not person.active and (person.inactive_since is None
                                  or day >= person.inactive_since):
            return False
        return clearance.cleared(staff_id, day)

    return counted


def generate_roster(ws: Workspace, actor: Actor, start: date, end: date, *,
                    dry_run: bool = False) -> GenerationReport:
    """Fill [start, end] from today on: past days are history and stay as they are; swaps and
    overrides are kept and counted; generated shifts are replaced. Same input, same roster."""
    require(actor.role, "manage_roster", actor.login)
    today = ws.now().astimezone(ws.hours.zone).date()
    first = max(start, today)
    days = [day for day in _days(start, end) if day >= first and ws.calendar.is_working_day(day)]
    slots = slots_for(ws.config)
    roster = ws.config.roster
    with ws.db.read() as session:
        crew = engineers(session, roster.roles_on_duty)
        existing = session.exec(select(DutyShift).where(col(DutyShift.day) >= first,
                                                        col(DutyShift.day) <= end)).all()
        spans = approved_leave(session, start, end)
        clearance = load_clearance(session, ws.config)
    if not crew:
        raise UsageError("err.roster.nobody", roles_on_duty=', '.join(roster.roles_on_duty))
    absences = Absences(spans)
    kept = [s for s in existing if s.source != "generated"]
    result = generate(days, slots, [e.id for e in crew], per_slot=roster.engineers_per_shift,
                      max_consecutive=roster.max_consecutive_days, absences=absences,
                      fixed=[Assignment(s.day, s.slot, s.staff_id) for s in kept],
                      cleared=clearance.cleared)
    barred = []
    for person in crew:
        standing = next(((day, clearance.standing(person.id, day)) for day in days
                         if not clearance.cleared(person.id, day)), None)
        if standing is not None:
            barred.append(Barred(person.login, person.name, standing[0], standing[1].state,
                                 standing[1].since))
    logins = {e.id: e.login for e in crew}
    on_duty = _on_duty(kept)
    for item in result.assignments:
        on_duty.setdefault((item.day, item.slot), []).append(item.staff_id)
    coverage = _coverage(ws, days, on_duty, absences)
    counts = {logins[staff]: n for staff, n in result.counts(list(logins)).items()
              if staff in logins}
    for shift in kept:
        if shift.staff_id in logins:
            counts[logins[shift.staff_id]] += 1
    replaced = len(existing) - len(kept)
    report = GenerationReport(
        start, end, dry_run, len(days), len(kept), replaced, len(result.assignments), counts,
        tuple((s.day, logins.get(s.staff_id, "?"), s.days) for s in result.streaks), coverage,
        tuple(barred))
    if dry_run:
        return report
    with change(ws, actor, "manage_roster") as tx:
        staying = {(a.day, a.slot, a.staff_id) for a in result.assignments}
        for old in tx.session.exec(select(DutyShift).where(
                col(DutyShift.day) >= first, col(DutyShift.day) <= end,
                col(DutyShift.source) == "generated")).all():
            if (old.day, old.slot, old.staff_id) not in staying:
                _cancel(tx, old.day, old.slot, old.staff_id, old.version,
                        t("roster.cancelled_regenerated"))
        tx.session.exec(delete(DutyShift).where(
            col(DutyShift.day) >= first, col(DutyShift.day) <= end,
            col(DutyShift.source) == "generated"))
        tx.session.add_all(DutyShift(day=a.day, slot=a.slot, staff_id=a.staff_id,
                                     created_at=tx.now, created_by=actor.login)
                           for a in result.assignments)
        tx.record("roster.generate", "roster", f"{start}..{end}", after={
            "from": first.isoformat(), "to": end.isoformat(), "created": report.created,
            "replaced": replaced, "kept": report.kept, "gaps": len(coverage.gaps)})
    return report


def _gaps_made(ws: Workspace, session: Session, days: set[date]) -> list[Gap]:
    working = sorted(day for day in days if ws.calendar.is_working_day(day))
    if not working:
        return []
    rows = session.exec(select(DutyShift).where(col(DutyShift.day).in_(working))).all()
    spans = approved_leave(session, working[0], working[-1])
    return list(_coverage(ws, working, _on_duty(rows), Absences(spans)).gaps)


def _refuse_new_gaps(before: list[Gap], after: list[Gap]) -> None:
    known = {(g.day, g.start) for g in before}
    new = [gap for gap in after if (gap.day, gap.start) not in known]
    if new:
        named = joined(gap.describe() for gap in new)
        raise RosterGap("err.roster.gap", gaps=named)


def _staff_by_login(session: Session, login: str) -> Staff:
    """The active person a login, a name or pinyin initials name (roster/people.py)."""
    return find_person(session, login)


def _shift(session: Session, shift_id: int, expected_version: int | None) -> DutyShift:
    shift = session.get(DutyShift, shift_id)
    if shift is None:
        raise NotFound("err.roster.shift_not_found", shift_id=shift_id)
    if expected_version is not None and shift.version != expected_version:
        raise StaleEdit("err.roster.stale")
    return shift


def _reason(reason: str) -> str:
    text = clean(reason, single_line=True, max_length=200).strip()
    if not text:
        raise UsageError("err.roster.reason_needed")
    return text


def published_sequence(version: int, cancelled: int | None) -> int:
    """The SEQUENCE a live shift is exported with: its changes, and above any cancellation of
    the same (day, slot, engineer) that a phone may still hold."""
    return max(version - 1, cancelled + 1 if cancelled is not None else 0)


def _cancel(tx: Change, day: date, slot: str, staff_id: int, version: int,
            reason: str) -> None:
    """(day, slot, engineer) was published and is no longer theirs: keep it as cancelled,
    with a SEQUENCE above the one it was published with."""

    found = tx.session.exec(select(ShiftCancellation).where(
        col(ShiftCancellation.day) == day, col(ShiftCancellation.slot) == slot,
        col(ShiftCancellation.staff_id) == staff_id)).first()
    sequence = published_sequence(version, found.sequence if found else None) + 1
    if found is None:
        tx.session.add(ShiftCancellation(day=day, slot=slot, staff_id=staff_id,
                                         sequence=sequence, reason=reason,
                                         cancelled_at=tx.now))
    else:
        found.sequence, found.reason, found.cancelled_at = sequence, reason, tx.now


def swap_shifts(ws: Workspace, actor: Actor, first_id: int, second_id: int, reason: str,
                versions: tuple[int, int] | None = None) -> tuple[ShiftView, ShiftView]:
    """Two engineers exchange their shifts; the approver is the manager who records it."""
    why = _reason(reason)
    with change(ws, actor, "manage_roster") as tx:
        first = _shift(tx.session, first_id, versions[0] if versions else None)
        second = _shift(tx.session, second_id, versions[1] if versions else None)
        if first.staff_id == second.staff_id:
            raise UsageError("err.roster.same_engineer")
        before = _gaps_made(ws, tx.session, {first.day, second.day})
        staff_a, staff_b = first.staff_id, second.staff_id
        for shift, staff in ((first, staff_b), (second, staff_a)):
            clash = tx.session.exec(select(DutyShift).where(
                col(DutyShift.day) == shift.day, col(DutyShift.slot) == shift.slot,
                col(DutyShift.staff_id) == staff, col(DutyShift.id) != shift.id)).first()
            if clash is not None:
                raise UsageError("err.roster.slot_taken", day=shift.day, slot=shift.slot)
            incoming = tx.session.get(Staff, staff)
            assert incoming is not None
            require_cleared(ws, tx.session, incoming, shift.day)
        for shift, staff in ((first, staff_b), (second, staff_a)):
            _cancel(tx, shift.day, shift.slot, shift.staff_id, shift.version, why)
            shift.staff_id = staff
            shift.source, shift.reason, shift.approved_by = "swap", why, actor.login
            shift.version += 1
            shift.changed_at = tx.now
        tx.session.flush()
        _refuse_new_gaps(before, _gaps_made(ws, tx.session, {first.day, second.day}))
        tx.record("roster.swap", "duty_shift", f"{first.id},{second.id}", after={
            "days": [first.day.isoformat(), second.day.isoformat()], "reason": why})
        return _shift_view(tx.session, first), _shift_view(tx.session, second)


def reassign_shift(ws: Workspace, actor: Actor, shift_id: int, login: str, reason: str,
                   expected_version: int | None = None) -> ShiftView:
    """Override: another engineer takes this shift."""
    why = _reason(reason)
    with change(ws, actor, "manage_roster") as tx:
        shift = _shift(tx.session, shift_id, expected_version)
        staff = _staff_by_login(tx.session, login)
        before = _gaps_made(ws, tx.session, {shift.day})
        previous = shift.staff_id
        if previous == staff.id:
            raise UsageError("err.roster.already_on_shift", login=login)
        clash = tx.session.exec(select(DutyShift).where(
            col(DutyShift.day) == shift.day, col(DutyShift.slot) == shift.slot,
            col(DutyShift.staff_id) == staff.id)).first()
        if clash is not None:
            raise UsageError("err.roster.already_on_duty", login=login)
        require_cleared(ws, tx.session, staff, shift.day)
        assert staff.id is not None
        _cancel(tx, shift.day, shift.slot, shift.staff_id, shift.version, why)
        shift.staff_id = staff.id
        shift.source, shift.reason, shift.approved_by = "override", why, actor.login
        shift.version += 1
        shift.changed_at = tx.now
        tx.session.flush()
        _refuse_new_gaps(before, _gaps_made(ws, tx.session, {shift.day}))
        tx.record("roster.override", "duty_shift", shift.id,
                  before={"staff_id": previous}, after={"staff_id": staff.id, "reason": why})
        return _shift_view(tx.session, shift)


def add_shift(ws: Workspace, actor: Actor, day: date, slot: str, login: str,
              reason: str) -> ShiftView:
    """Put one more engineer on a shift (to close a gap, or for a busy day)."""
    why = _reason(reason)
    if slot not in {s.name for s in slots_for(ws.config)}:
        raise UsageError("err.roster.slot",
                         slot=slot, items=', '.join(s.name for s in slots_for(ws.config)))
    if not ws.calendar.is_working_day(day):
        raise UsageError("err.roster.not_working_day", day=day, value=ws.calendar.day(day).reason())
    with change(ws, actor, "manage_roster") as tx:
        staff = _staff_by_login(tx.session, login)
        clash = tx.session.exec(select(DutyShift).where(
            col(DutyShift.day) == day, col(DutyShift.slot) == slot,
            col(DutyShift.staff_id) == staff.id)).first()
        if clash is not None:
            raise UsageError("err.roster.already_on_duty", login=login)
        require_cleared(ws, tx.session, staff, day)
        assert staff.id is not None
        shift = DutyShift(day=day, slot=slot, staff_id=staff.id, source="override", reason=why,
                          approved_by=actor.login, created_at=tx.now, created_by=actor.login)
        tx.session.add(shift)
        tx.session.flush()
        tx.record("roster.add", "duty_shift", shift.id,
                  after={"day": day.isoformat(), "slot": slot, "login": login, "reason": why})
        return _shift_view(tx.session, shift)


def remove_shift(ws: Workspace, actor: Actor, shift_id: int, reason: str) -> None:
    why = _reason(reason)
    with change(ws, actor, "manage_roster") as tx:
        shift = _shift(tx.session, shift_id, None)
        day = shift.day
        before = _gaps_made(ws, tx.session, {day})
        snapshot = {"day": day.isoformat(), "slot": shift.slot, "staff_id": shift.staff_id}
        _cancel(tx, day, shift.slot, shift.staff_id, shift.version, why)
        tx.session.delete(shift)
        tx.session.flush()
        _refuse_new_gaps(before, _gaps_made(ws, tx.session, {day}))
        tx.record("roster.remove", "duty_shift", shift_id, before=snapshot, after={"reason": why})


def _shift_view(session: Session, shift: DutyShift) -> ShiftView:
    staff = session.get(Staff, shift.staff_id)
    assert shift.id is not None and staff is not None
    return ShiftView(shift.id, shift.day, shift.slot, staff.login, staff.name, shift.source,
                     shift.reason, shift.approved_by, False, shift.version)


@dataclass(frozen=True)
class DutyNow:
    now: tuple[str, ...]  # names on duty at this moment (empty outside office hours)
    next_start: datetime | None  # local time the next shift starts
    next_names: tuple[str, ...]
    next_slot: str


def _slot_bounds(day: date, slot: Slot, zone: tzinfo) -> tuple[datetime, datetime]:
    return (datetime.combine(day, slot.start, tzinfo=zone),
            datetime.combine(day, slot.end, tzinfo=zone))


def next_slot_start(ws: Workspace, after: datetime) -> tuple[date, Slot, datetime] | None:
    """The first slot starting after `after` on a working day (searching two weeks ahead)."""
    local = after.astimezone(ws.hours.zone)
    for offset in range(15):
        day = local.date() + timedelta(days=offset)
        if not ws.calendar.is_working_day(day):
            continue
        for slot in slots_for(ws.config):
            start, _end = _slot_bounds(day, slot, ws.hours.zone)
            if start > local:
                return day, slot, start
    return None


def on_duty(ws: Workspace, actor: Actor, at: datetime | None = None) -> DutyNow:
    require(actor.role, "read", actor.login)
    local = (at or ws.now()).astimezone(ws.hours.zone)
    upcoming = next_slot_start(ws, local)
    with ws.db.read() as session:
        def names(day: date, slot: str, half: tuple[str, ...]) -> tuple[str, ...]:
            spans = Absences(approved_leave(session, day, day))
            rows = session.exec(select(DutyShift, Staff)
                                .join(Staff, col(Staff.id) == col(DutyShift.staff_id))
                                .where(col(DutyShift.day) == day, col(DutyShift.slot) == slot)
                                .order_by(col(Staff.login))).all()
            return tuple(staff.name for shift, staff in rows
                         if not spans.away(shift.staff_id, day, half))

        current: tuple[str, ...] = ()
        if ws.calendar.is_working_day(local.date()) and ws.hours.is_open(local):
            half = "am" if local.time() < ws.config.roster.half_day_split else "pm"
            for slot in slots_for(ws.config):
                start, end = _slot_bounds(local.date(), slot, ws.hours.zone)
                if start <= local < end:
                    current = names(local.date(), slot.name, (half,))
        following: tuple[str, ...] = ()
        if upcoming is not None:
            day, slot, _start = upcoming
            following = names(day, slot.name, slot.halves)
    return DutyNow(current, upcoming[2] if upcoming else None, following,
                   upcoming[1].name if upcoming else "")


def shift_of(ws: Workspace, login: str, at: datetime) -> tuple[datetime, datetime] | None:
    """The bounds of `login`'s shift around `at`, when they are rostered that day."""
    local = at.astimezone(ws.hours.zone)
    with ws.db.read() as session:
        rows = session.exec(select(DutyShift).join(Staff, col(Staff.id) ==
                                                   col(DutyShift.staff_id))
                            .where(col(Staff.login) == login,
                                   col(DutyShift.day) == local.date())).all()
    slots = {slot.name: slot for slot in slots_for(ws.config)}
    bounds = [_slot_bounds(local.date(), slots[row.slot], ws.hours.zone)
              for row in rows if row.slot in slots]
    if not bounds:
        return None
    started = [b for b in bounds if b[0] <= local] or bounds
    return min(b[0] for b in started), max(b[1] for b in started)
