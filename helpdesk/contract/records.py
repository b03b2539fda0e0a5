"""The contract's own records, kept by the project manager: breaches the bureau asserts
(违约认定: asserted, disputed, withdrawn; the audit log keeps every step), deliverables handed
over and signed for (交付签收), and the acceptance meeting's outcome (验收结论); and from them
and the ledger, the payment position."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.contract.clauses import CLAUSES
from helpdesk.contract.models import AcceptanceOutcome, Deliverable, ManualBreach
from helpdesk.contract.payment import Dates, Payment, payment_position
from helpdesk.contract.payment_schedule import Steps
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.i18n import t
from helpdesk.roles import require
from helpdesk.services.service_years import (
    ServiceYear,
    contract_terms,
    service_years,
    terms_of,
)
from helpdesk.services.workspace import Workspace, change
from helpdesk.text import clean

BREACH_STATUSES = ("asserted", "disputed", "withdrawn")
DELIVERABLE_KINDS = ("monthly_report", "quarterly_report", "annual_report", "acceptance_pack",
                     "data_delivery", "bulletin", "other")
ACCEPTANCE_RESULTS = ("passed", "failed", "partial")


@dataclass(frozen=True)
class BreachView:
    id: int
    day: date
    clause: str
    notice: str
    amount: float
    status: str
    note: str
    recorded_by: str
    version: int
    risk: str = ""  # the ledger's risk it confirms

    @property
    def counts(self) -> bool:
        return self.status != "withdrawn"


@dataclass(frozen=True)
class DeliverableView:
    id: int
    kind: str
    period: str
    delivered_on: date
    delivered_to: str
    signed_by: str
    signed_on: date | None
    note: str
    version: int


@dataclass(frozen=True)
class OutcomeView:
    held_on: date
    result: str
    deduction: float
    note: str
    recorded_by: str


def _text(value: str, limit: int) -> str:
    return clean(value, single_line=True, max_length=limit).strip()


def _today(ws: Workspace) -> date:
    return ws.now().astimezone(ws.hours.zone).date()


def _breach_view(row: ManualBreach) -> BreachView:
    assert row.id is not None
    return BreachView(row.id, row.day, row.clause, row.notice, row.amount, row.status,
                      row.note, row.recorded_by, row.version, row.risk)


def add_breach(ws: Workspace, actor: Actor, day: date, clause: str, *,
               amount: float | None = None, notice: str = "", note: str = "",
               risk: str = "") -> BreachView:
    """The bureau asserts a breach (on `day`, under `clause`); the amount defaults to the
    contract's penalty per breach. `risk` names the ledger's risk it confirms
    (`training:2026-06`): one miss is one penalty, so a risk is confirmed once."""
    clause = _text(clause, 200)
    if not clause:
        raise UsageError("err.contract.clause_needed")
    if day > _today(ws):
        raise UsageError("err.contract.in_future", day=day)
    years = service_years(ws)
    if not any(year.holds(day) for year in years):
        raise UsageError("err.contract.breach_outside", day=day, start=years[0].start,
                         end=years[-1].end)
    contract = contract_terms(ws, day)
    risk = _risk(risk.strip())
    amount = contract.value_yuan * contract.penalty_per_breach if amount is None else amount
    if not 0 <= amount <= contract.value_yuan:
        raise UsageError("err.contract.amount", amount=amount, value=contract.value_yuan)
    with change(ws, actor, "manage_contract") as tx:
        if risk and tx.session.exec(select(ManualBreach).where(
                col(ManualBreach.risk) == risk,
                col(ManualBreach.status) != "withdrawn")).first() is not None:
            raise UsageError("err.contract.risk_asserted", risk=risk)
        row = ManualBreach(day=day, clause=clause, notice=_text(notice, 64), amount=amount,
                           note=_text(note, 200), recorded_by=actor.login, recorded_at=tx.now,
                           risk=risk)
        tx.session.add(row)
        tx.session.flush()
        tx.record("breach.add", "manual_breach", row.id, after={
            "day": day.isoformat(), "clause": clause, "notice": row.notice, "amount": amount,
            "risk": risk})
        return _breach_view(row)


def _risk(text: str) -> str:
    """`obligation:YYYY-MM` for an obligation the contract states (a target is no risk)."""
    if not text:
        return ""

    obligation, _, month = text.partition(":")
    valid_month = len(month) == 7 and month[4] == "-" and month[:4].isdigit() and \
        month[5:].isdigit() and 1 <= int(month[5:]) <= 12
    if obligation not in CLAUSES or not valid_month:
        raise UsageError("err.contract.not_a_risk", risk=text,
                         obligations=", ".join(sorted(CLAUSES)))
    return text


def set_breach_status(ws: Workspace, actor: Actor, breach_id: int, status: str, note: str = "",
                      expected_version: int | None = None) -> BreachView:
    """Dispute (it still counts, marked) or withdraw (it no longer counts); kept either way."""
    if status not in ("disputed", "withdrawn"):
        raise UsageError("err.contract.breach_status", status=status)
    with change(ws, actor, "manage_contract") as tx:
        row = tx.session.get(ManualBreach, breach_id)
        if row is None:
            raise NotFound("err.contract.no_breach", breach_id=breach_id)
        if expected_version is not None and row.version != expected_version:
            raise StaleEdit("err.contract.stale")
        if row.status == "withdrawn" or row.status == status:
            raise UsageError("err.contract.breach_already", breach_id=breach_id,
                             status=t(f"contract.breach_{row.status}"))
        before = row.status
        row.status, row.note = status, _text(note, 200) or row.note
        row.version += 1
        tx.session.flush()
        tx.record(f"breach.{'dispute' if status == 'disputed' else 'withdraw'}",
                  "manual_breach", row.id, before={"status": before},
                  after={"status": status, "note": row.note})
        return _breach_view(row)


def list_breaches(ws: Workspace, actor: Actor) -> list[BreachView]:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        return [_breach_view(row) for row in session.exec(
            select(ManualBreach).order_by(col(ManualBreach.day), col(ManualBreach.id))).all()]


def _deliverable_view(row: Deliverable) -> DeliverableView:
    assert row.id is not None
    return DeliverableView(row.id, row.kind, row.period, row.delivered_on, row.delivered_to,
                           row.signed_by, row.signed_on, row.note, row.version)


def deliver(ws: Workspace, actor: Actor, kind: str, period: str, to: str, *,
            delivered_on: date | None = None, signed_by: str = "",
            signed_on: date | None = None, note: str = "") -> DeliverableView:
    if kind not in DELIVERABLE_KINDS:
        raise UsageError("err.contract.deliverable_kind", kind=kind,
                         kinds=", ".join(DELIVERABLE_KINDS))
    period, to = _text(period, 32), _text(to, 64)
    if not period or not to:
        raise UsageError("err.contract.deliverable_needs")
    today = _today(ws)
    day = delivered_on or today
    if day > today or (signed_on is not None and signed_on > today):
        raise UsageError("err.contract.in_future", day=max(day, signed_on or day))
    if signed_on is not None and signed_on < day:
        raise UsageError("err.contract.signed_before", signed=signed_on, day=day)
    signer = _text(signed_by, 64) or (to if signed_on else "")
    with change(ws, actor) as tx:
        row = Deliverable(kind=kind, period=period, delivered_on=day, delivered_to=to,
                          signed_by=signer, signed_on=signed_on, note=_text(note, 200),
                          recorded_by=actor.login, recorded_at=tx.now)
        tx.session.add(row)
        tx.session.flush()
        tx.record("deliverable.add", "deliverable", row.id, after={
            "kind": kind, "period": period, "to": to, "day": day.isoformat(),
            "signed_on": signed_on.isoformat() if signed_on else None})
        return _deliverable_view(row)


def sign_deliverable(ws: Workspace, actor: Actor, deliverable_id: int, by: str,
                     on: date) -> DeliverableView:
    by = _text(by, 64)
    if not by:
        raise UsageError("err.contract.signer_needed")
    if on > _today(ws):
        raise UsageError("err.contract.in_future", day=on)
    with change(ws, actor) as tx:
        row = tx.session.get(Deliverable, deliverable_id)
        if row is None:
            raise NotFound("err.contract.no_deliverable", deliverable_id=deliverable_id)
        if row.signed_on is not None:
            raise UsageError("err.contract.already_signed", deliverable_id=deliverable_id,
                             day=row.signed_on, name=row.signed_by)
        if on < row.delivered_on:
            raise UsageError("err.contract.signed_before", signed=on, day=row.delivered_on)
        row.signed_by, row.signed_on = by, on
        row.version += 1
        tx.session.flush()
        tx.record("deliverable.sign", "deliverable", row.id,
                  after={"signed_by": by, "signed_on": on.isoformat()})
        return _deliverable_view(row)


def list_deliverables(ws: Workspace, actor: Actor) -> list[DeliverableView]:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        return [_deliverable_view(row) for row in session.exec(
            select(Deliverable).order_by(col(Deliverable.delivered_on),
                                         col(Deliverable.id))).all()]


def record_acceptance(ws: Workspace, actor: Actor, held_on: date, result: str, *,
                      deduction: float = 0.0, note: str = "") -> OutcomeView:
    if result not in ACCEPTANCE_RESULTS:
        raise UsageError("err.contract.acceptance_result", result=result,
                         results=", ".join(ACCEPTANCE_RESULTS))
    if held_on > _today(ws):
        raise UsageError("err.contract.in_future", day=held_on)
    contract = contract_terms(ws, held_on)
    final = contract.value_yuan * contract.payment_on_acceptance
    if not 0 <= deduction <= final:
        raise UsageError("err.contract.deduction", deduction=deduction, final=final)
    if result == "passed" and deduction:
        raise UsageError("err.contract.deduction_on_pass")
    with change(ws, actor, "manage_contract") as tx:
        row = AcceptanceOutcome(held_on=held_on, result=result, deduction=deduction,
                                note=_text(note, 200), recorded_by=actor.login,
                                recorded_at=tx.now)
        tx.session.add(row)
        tx.session.flush()
        tx.record("acceptance.record", "acceptance_outcome", row.id, after={
            "held_on": held_on.isoformat(), "result": result, "deduction": deduction})
        return OutcomeView(held_on, result, deduction, row.note, actor.login)


def latest_outcome(session: Session, year: ServiceYear) -> OutcomeView | None:
    """The year's latest acceptance outcome."""
    row = session.exec(select(AcceptanceOutcome).where(
        col(AcceptanceOutcome.held_on) >= year.start,
        col(AcceptanceOutcome.held_on) <= year.until).order_by(
        col(AcceptanceOutcome.held_on).desc(), col(AcceptanceOutcome.id).desc())).first()
    if row is None:
        return None
    return OutcomeView(row.held_on, row.result, row.deduction, row.note, row.recorded_by)


def counted_breaches(session: Session, year: ServiceYear) -> list[BreachView]:
    """The year's asserted breaches that count (withdrawn ones are kept, not counted)."""
    rows = session.exec(select(ManualBreach).where(col(ManualBreach.status) != "withdrawn",
                                                   col(ManualBreach.day) >= year.start,
                                                   col(ManualBreach.day) <= year.end)
                        .order_by(col(ManualBreach.day), col(ManualBreach.id))).all()
    return [_breach_view(row) for row in rows]


def position(ws: Workspace, year: ServiceYear, breach_amounts: list[float],
             outcome: OutcomeView | None, steps: Steps) -> Payment:
    contract = terms_of(ws.config, year)
    dates = Dates(contract.start, contract.end, outcome.held_on if outcome else None,
                  lambda day, count: ws.calendar.add_working_days(day, count).deadline)
    return payment_position(
        value=contract.value_yuan, on_signing=contract.payment_on_signing,
        on_acceptance=contract.payment_on_acceptance,
        penalty_per_breach=contract.penalty_per_breach,
        termination_after=contract.termination_after_breaches, breach_amounts=breach_amounts,
        acceptance_result=outcome.result if outcome else "pending",
        acceptance_deduction=outcome.deduction if outcome else 0.0, dates=dates, steps=steps)
