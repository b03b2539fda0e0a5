"""The confidentiality registers (保密登记): add an entry, close it (returned, handed over,
destroyed, closed), list a register, and what is due (overdue borrowings, open incidents,
passwords not reported). Exports the console writes are entered as files automatically
(`register_export`, called inside the export's own transaction)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.i18n import joined, t
from helpdesk.roles import require
from helpdesk.security.models import RegisterEntry
from helpdesk.security.registers import (
    FIELD_TYPES,
    OUTCOMES,
    REGISTER_KINDS,
    REGISTERS,
    Register,
    register_of,
)
from helpdesk.services.counters import next_number
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.storage.models import Staff
from helpdesk.text import clean

TEXT_LIMITS = {"title": 200, "detail": 2000, "medium": 32, "location": 200, "holder": 64,
               "approved_by": 64, "reported_to": 64}


@dataclass(frozen=True)
class EntryView:
    id: int
    number: str
    kind: str
    title: str
    detail: str
    medium: str
    location: str
    holder: str
    holder_login: str  # when the holder is one of our staff
    approved_by: str
    approved_on: date | None
    start_on: date | None
    due_on: date | None
    password_set: bool | None
    reported_to: str
    reported_on: date | None
    ref: str  # the number of the entry this one refers to (a borrowed meeting record)
    file_path: str
    sha256: str
    encrypted: bool | None
    status: str
    closed_on: date | None
    outcome: str
    handed_to: str
    witness: str
    close_note: str
    recorded_by: str
    version: int

    def overdue(self, today: date) -> bool:
        register = register_of(self.kind)
        if register is None or register.due_field is None or self.status != "open":
            return False
        due = getattr(self, register.due_field)
        return isinstance(due, date) and due < today

    @property
    def password_unreported(self) -> bool:
        """A password set on a file but not reported to the supervising leader (item 8)."""
        return bool(self.password_set) and not self.reported_to


def _register(kind: str) -> Register:
    register = register_of(kind)
    if register is None:

        raise UsageError("err.registers.kind", kind=kind, kinds=", ".join(REGISTER_KINDS))
    return register


def _label(field: str) -> str:
    return t(f"registers.field_{field}")


def entry_view(session: Session, entry: RegisterEntry) -> EntryView:
    assert entry.id is not None
    login = ""
    if entry.staff_id is not None:
        staff = session.get(Staff, entry.staff_id)
        login = staff.login if staff else ""
    ref = ""
    if entry.ref_id is not None:
        other = session.get(RegisterEntry, entry.ref_id)
        ref = other.number if other else ""
    return EntryView(
        entry.id, entry.number, entry.kind, entry.title, entry.detail, entry.medium,
        entry.location, entry.holder, login, entry.approved_by, entry.approved_on,
        entry.start_on, entry.due_on, entry.password_set, entry.reported_to, entry.reported_on,
        ref, entry.file_path, entry.sha256, entry.encrypted, entry.status, entry.closed_on,
        entry.outcome, entry.handed_to, entry.witness, entry.close_note, entry.recorded_by,
        entry.version)


def _find(session: Session, number: str) -> RegisterEntry:
    text = number.strip().upper()
    entry = session.exec(select(RegisterEntry).where(col(RegisterEntry.number) == text)).first()
    if entry is None:
        raise NotFound("err.registers.not_found",
                       number=clean(number, single_line=True, max_length=40))
    return entry


def _checked(register: Register, values: Mapping[str, object], today: date
             ) -> dict[str, object]:
    unknown = [name for name in values if name not in register.fields]
    if unknown:
        raise UsageError("err.registers.field_unknown", field=unknown[0],
                         register=t(f"registers.kind_{register.kind}"))
    checked: dict[str, object] = {}
    for name in register.fields:
        value = values.get(name)
        kind = FIELD_TYPES[name]
        if isinstance(value, str):
            value = clean(value, single_line=name != "detail",
                          max_length=TEXT_LIMITS.get(name, 64)).strip() or None
        if value is None:
            if name in register.required:
                raise UsageError("err.registers.required", field=_label(name),
                                 register=t(f"registers.kind_{register.kind}"))
            continue
        if kind == "date":
            if not isinstance(value, date):
                raise UsageError("err.registers.not_date", field=_label(name))
            if name in ("approved_on", "reported_on") and value > today:
                raise UsageError("err.registers.in_future", field=_label(name), day=value)
        elif kind == "bool" and not isinstance(value, bool):
            raise UsageError("err.registers.not_yes_no", field=_label(name))
        checked[name] = value
    start, due = checked.get("start_on"), checked.get("due_on")
    if isinstance(start, date) and isinstance(due, date) and due < start:
        raise UsageError("err.registers.due_before_start", due=due, start=start)
    reported = checked.get("reported_on")
    if isinstance(start, date) and isinstance(reported, date) and reported < start:
        raise UsageError("err.registers.reported_before_start", reported=reported, start=start)
    return checked


def _fill(tx: Change, entry: RegisterEntry, values: Mapping[str, object]) -> None:
    for name, value in values.items():
        if name == "holder":
            text = str(value)
            staff = tx.session.exec(select(Staff).where(col(Staff.login) == text)).first()
            entry.staff_id = staff.id if staff else None
            entry.holder = staff.name if staff else text
        elif name == "ref":
            entry.ref_id = _find(tx.session, str(value)).id
        else:
            setattr(entry, name, value)


def _new(tx: Change, register: Register, title: str) -> RegisterEntry:
    year = tx.now.astimezone(tx.ws.hours.zone).year
    serial = next_number(tx, f"register.{register.kind}.{year}")
    return RegisterEntry(number=f"{register.prefix}{year}-{serial:04d}", kind=register.kind,
                         title=title, recorded_by=tx.actor.login, recorded_at=tx.now)


def add_entry(ws: Workspace, actor: Actor, kind: str, values: Mapping[str, object]
              ) -> EntryView:
    register = _register(kind)
    today = ws.now().astimezone(ws.hours.zone).date()
    checked = _checked(register, values, today)
    with change(ws, actor) as tx:
        entry = _new(tx, register, str(checked["title"]))
        _fill(tx, entry, checked)
        tx.session.add(entry)
        tx.session.flush()
        tx.record("register.add", "register_entry", entry.number, after={
            "kind": kind, **{name: (value.isoformat() if isinstance(value, date) else value)
                             for name, value in checked.items()}})
        return entry_view(tx.session, entry)


def close_entry(ws: Workspace, actor: Actor, number: str, *, closed_on: date, outcome: str,
                handed_to: str = "", witness: str = "", note: str = "",
                expected_version: int | None = None) -> EntryView:
    """Returned, handed over (to whom), destroyed (witnessed) or closed, on a day."""
    today = ws.now().astimezone(ws.hours.zone).date()
    if outcome not in OUTCOMES:
        raise UsageError("err.registers.outcome", outcome=outcome, outcomes=", ".join(OUTCOMES))
    if closed_on > today:
        raise UsageError("err.registers.in_future", field=_label("closed_on"), day=closed_on)
    handed_to = clean(handed_to, single_line=True, max_length=64).strip()
    witness = clean(witness, single_line=True, max_length=64).strip()
    if outcome == "handed_over" and not handed_to:
        raise UsageError("err.registers.handed_to_needed")
    if outcome == "destroyed" and not witness:
        raise UsageError("err.registers.witness_needed")
    if outcome == "answered" and not clean(note, single_line=True).strip():
        raise UsageError("err.registers.answer_needed")
    with change(ws, actor) as tx:
        entry = _find(tx.session, number)
        register = _register(entry.kind)
        if expected_version is not None and entry.version != expected_version:
            raise StaleEdit("err.registers.stale", number=entry.number)
        if entry.status != "open":
            raise UsageError("err.registers.already_closed", number=entry.number,
                             day=entry.closed_on)
        if outcome not in register.outcomes:
            raise UsageError("err.registers.outcome_for", number=entry.number,
                             outcome=t(f"registers.outcome_{outcome}"),
                             outcomes=joined(t(f"registers.outcome_{o}")
                                             for o in register.outcomes) or "-")
        start = entry.start_on or entry.approved_on
        if start is not None and closed_on < start:
            raise UsageError("err.registers.closed_before_start", day=closed_on, start=start)
        entry.status, entry.closed_on, entry.outcome = "closed", closed_on, outcome
        entry.handed_to, entry.witness = handed_to, witness
        entry.close_note = clean(note, single_line=True, max_length=200)
        entry.version += 1
        tx.session.flush()
        tx.record("register.close", "register_entry", entry.number, after={
            "outcome": outcome, "closed_on": closed_on.isoformat(), "handed_to": handed_to,
            "witness": witness})
        return entry_view(tx.session, entry)


def report_password(ws: Workspace, actor: Actor, number: str, *, reported_to: str,
                    reported_on: date) -> EntryView:
    """Record that a file's password was reported to the supervising leader (item 8); the
    password itself is never recorded."""
    today = ws.now().astimezone(ws.hours.zone).date()
    whom = clean(reported_to, single_line=True, max_length=64).strip()
    if not whom:
        raise UsageError("err.registers.required", field=_label("reported_to"),
                         register=t("registers.kind_media"))
    if reported_on > today:
        raise UsageError("err.registers.in_future", field=_label("reported_on"), day=reported_on)
    with change(ws, actor) as tx:
        entry = _find(tx.session, number)
        if entry.kind != "media":
            raise UsageError("err.registers.not_media", number=entry.number)
        entry.password_set, entry.reported_to, entry.reported_on = True, whom, reported_on
        entry.version += 1
        tx.session.flush()
        tx.record("register.report", "register_entry", entry.number,
                  after={"reported_to": whom, "reported_on": reported_on.isoformat()})
        return entry_view(tx.session, entry)


def get_entry(ws: Workspace, actor: Actor, number: str) -> EntryView:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        return entry_view(session, _find(session, number))


def list_entries(ws: Workspace, actor: Actor, kind: str, *, open_only: bool = False,
                 limit: int = 500) -> list[EntryView]:
    """A register, newest first (a district's registers hold hundreds of entries a year)."""
    _register(kind)
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        query = select(RegisterEntry).where(col(RegisterEntry.kind) == kind)
        if open_only:
            query = query.where(col(RegisterEntry.status) == "open")
        rows = session.exec(query.order_by(col(RegisterEntry.id).desc()).limit(limit)).all()
        return [entry_view(session, row) for row in rows]


def held_by(session: Session, staff_id: int) -> list[RegisterEntry]:
    """Open entries a person holds that must be handed over or destroyed before they leave."""
    kinds = [register.kind for register in REGISTERS if register.follows_holder]
    return list(session.exec(select(RegisterEntry).where(
        col(RegisterEntry.staff_id) == staff_id, col(RegisterEntry.status) == "open",
        col(RegisterEntry.kind).in_(kinds)).order_by(col(RegisterEntry.id))).all())


def holdings(ws: Workspace, actor: Actor, login: str) -> list[EntryView]:
    """What `login` must hand over or have destroyed before leaving (交接、销毁登记)."""
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        staff = session.exec(select(Staff).where(col(Staff.login) == login)).first()
        if staff is None or staff.id is None:
            raise NotFound("err.common.staff_not_found", login=login)
        return [entry_view(session, entry) for entry in held_by(session, staff.id)]


@dataclass(frozen=True)
class RegisterAlerts:
    overdue_borrowings: tuple[EntryView, ...]
    open_incidents: tuple[EntryView, ...]
    unreported_passwords: tuple[EntryView, ...]
    unanswered_notices: tuple[EntryView, ...] = ()  # the bureau's, past their answer day
    no_password: tuple[EntryView, ...] = ()  # files and media kept with no password set (8)

    def __bool__(self) -> bool:
        return bool(self.overdue_borrowings or self.open_incidents or self.unreported_passwords
                    or self.unanswered_notices or self.no_password)


def register_alerts(ws: Workspace, actor: Actor) -> RegisterAlerts:
    """What Today shows: borrowings past their day, incidents not closed, file passwords set
    but not reported, files kept without a password. Indexed reads of open entries only."""
    require(actor.role, "read", actor.login)
    today = ws.now().astimezone(ws.hours.zone).date()
    with ws.db.read() as session:
        overdue = session.exec(select(RegisterEntry).where(
            col(RegisterEntry.kind) == "borrow", col(RegisterEntry.status) == "open",
            col(RegisterEntry.due_on) < today).order_by(col(RegisterEntry.due_on))).all()
        incidents = session.exec(select(RegisterEntry).where(
            col(RegisterEntry.kind) == "incident", col(RegisterEntry.status) == "open")
            .order_by(col(RegisterEntry.start_on))).all()
        unreported = session.exec(select(RegisterEntry).where(
            col(RegisterEntry.kind) == "media", col(RegisterEntry.status) == "open",
            col(RegisterEntry.password_set).is_(True), col(RegisterEntry.reported_to) == "")
            .order_by(col(RegisterEntry.id))).all()
        notices = session.exec(select(RegisterEntry).where(
            col(RegisterEntry.kind) == "suggestion", col(RegisterEntry.status) == "open",
            col(RegisterEntry.due_on) < today).order_by(col(RegisterEntry.due_on))).all()
        # 8: files and media holding internal information carry a password: one kept without
        # (or not known to have one) is flagged until it is set, reported, or closed.
        unprotected = session.exec(select(RegisterEntry).where(
            col(RegisterEntry.kind) == "media", col(RegisterEntry.status) == "open",
            col(RegisterEntry.password_set).is_not(True)).order_by(col(RegisterEntry.id))).all()
        return RegisterAlerts(tuple(entry_view(session, e) for e in overdue),
                              tuple(entry_view(session, e) for e in incidents),
                              tuple(entry_view(session, e) for e in unreported),
                              tuple(entry_view(session, e) for e in notices),
                              tuple(entry_view(session, e) for e in unprotected))


def check_approval(ws: Workspace, actor: Actor, number: str) -> str:
    """Before an export is written: the copy approval it names exists (its number)."""
    entry = get_entry(ws, actor, number)
    if entry.kind != "copy":
        raise UsageError("err.registers.not_an_approval", number=entry.number)
    return entry.number


def register_export(tx: Change, path: Path, sha256: str, *, encrypted: bool, title: str,
                    approval: str | None = None) -> str:
    """Inside an export's transaction: enter the written file in the files-and-media
    register, held by whoever exported it, linked to its copy approval when given."""
    register = _register("media")
    entry = _new(tx, register, clean(title, single_line=True, max_length=200))
    entry.medium = "export"
    entry.location = clean(str(path), single_line=True, max_length=200)
    entry.file_path = clean(str(path), single_line=True, max_length=500)
    entry.sha256, entry.encrypted, entry.password_set = sha256, encrypted, encrypted
    staff = tx.session.exec(select(Staff).where(col(Staff.login) == tx.actor.login)).first()
    entry.staff_id = staff.id if staff else None
    entry.holder = staff.name if staff else tx.actor.login
    if approval:
        copy = _find(tx.session, approval)
        if copy.kind != "copy":
            raise UsageError("err.registers.not_an_approval", number=copy.number)
        entry.ref_id = copy.id
    tx.session.add(entry)
    tx.session.flush()
    tx.record("register.add", "register_entry", entry.number, after={
        "kind": "media", "title": entry.title, "file": entry.file_path, "sha256": sha256,
        "encrypted": encrypted, "ref": approval})
    return entry.number
