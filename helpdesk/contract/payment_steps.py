"""Recording the steps of the money (九, 十三), kept by the project manager: the bureau received
our invoice, paid an instalment, ended the contract early (with the refund the parties agreed,
if they did not take the pro rata one), or was refunded. Each step is checked against the
order the contract sets (no payment before its invoice, no final invoice before a passing
acceptance, no refund without an early end, nothing dated in the future or outside the
period), audited, and read back as the payment position's `Steps`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.contract.models import AcceptanceOutcome, PaymentStep
from helpdesk.contract.payment_schedule import EVENT_KINDS, Steps
from helpdesk.contract.records import counted_breaches, latest_outcome, position
from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.roles import require
from helpdesk.services.service_years import ServiceYear, contract_terms, service_years, year_of
from helpdesk.services.workspace import Workspace, change
from helpdesk.text import clean

# What must be on record before a step, and the day it may not precede.
NEEDS = {"first_paid": "first_invoiced", "final_paid": "final_invoiced",
         "refunded": "terminated"}


@dataclass(frozen=True)
class StepView:
    id: int
    kind: str
    day: date
    amount: float | None
    note: str
    recorded_by: str


def _view(row: PaymentStep) -> StepView:
    assert row.id is not None
    return StepView(row.id, row.kind, row.day, row.amount, row.note, row.recorded_by)


def _latest(session: Session, year: ServiceYear) -> dict[str, PaymentStep]:
    """The latest step of each kind in the year's span."""
    rows = session.exec(select(PaymentStep).where(
        col(PaymentStep.day) >= year.start, col(PaymentStep.day) <= year.until)
        .order_by(col(PaymentStep.id))).all()
    return {row.kind: row for row in rows}


def payment_steps(session: Session, year: ServiceYear) -> Steps:
    latest = _latest(session, year)

    def day(kind: str) -> date | None:
        return latest[kind].day if kind in latest else None

    def paid(kind: str) -> tuple[date, float] | None:
        row = latest.get(kind)
        return (row.day, row.amount or 0.0) if row else None

    ended = latest.get("terminated")
    return Steps(day("first_invoiced"), paid("first_paid"), day("final_invoiced"),
                 paid("final_paid"), (ended.day, ended.amount) if ended else None,
                 paid("refunded"))


def record_payment_step(ws: Workspace, actor: Actor, kind: str, day: date, *,
                        amount: float | None = None, note: str = "") -> StepView:
    """`amount`: what was paid or refunded (a payment without one is the instalment in full);
    for `terminated`, the refund the parties agreed instead of the pro rata share."""
    if kind not in EVENT_KINDS:
        raise UsageError("err.contract.payment_kind", kind=kind, kinds=", ".join(EVENT_KINDS))
    today = ws.now().astimezone(ws.hours.zone).date()
    if day > today:
        raise UsageError("err.contract.in_future", day=day)
    years = service_years(ws)
    if day < years[0].start:
        raise UsageError("err.contract.payment_before_start", day=day, start=years[0].start)
    year = year_of(years, day)
    contract = contract_terms(ws, day)
    if kind == "terminated" and day > contract.end:
        raise UsageError("err.contract.terminated_after_end", day=day, end=contract.end)
    if amount is not None and not 0 <= amount <= contract.value_yuan:
        raise UsageError("err.contract.amount", amount=amount, value=contract.value_yuan)
    if kind == "refunded" and amount is None:
        raise UsageError("err.contract.refund_amount")
    note = clean(note, single_line=True, max_length=200).strip()
    if kind == "terminated" and not note:
        raise UsageError("err.contract.termination_reason")
    with change(ws, actor, "manage_contract") as tx:
        latest = _latest(tx.session, year)
        needed = NEEDS.get(kind)
        if needed is not None:
            before = latest.get(needed)
            if before is None:
                raise UsageError("err.contract.payment_needs", kind=t(f"payment.k_{kind}"),
                                 needed=t(f"payment.k_{needed}"))
            if day < before.day:
                raise UsageError("err.contract.payment_before", kind=t(f"payment.k_{kind}"),
                                 needed=t(f"payment.k_{needed}"), day=before.day)
        if kind == "final_invoiced":
            passed = tx.session.exec(select(AcceptanceOutcome).where(
                col(AcceptanceOutcome.result).in_(("passed", "partial")),
                col(AcceptanceOutcome.held_on) >= year.start,
                col(AcceptanceOutcome.held_on) <= day)).first()
            if passed is None:
                raise UsageError("err.contract.final_needs_acceptance")
        if amount is None and kind in ("first_paid", "final_paid"):
            amount = _instalment_amount(ws, tx.session, year, kind)
        row = PaymentStep(kind=kind, day=day, amount=amount, note=note,
                          recorded_by=actor.login, recorded_at=tx.now)
        tx.session.add(row)
        tx.session.flush()
        tx.record("payment.step", "payment_step", row.id, after={
            "kind": kind, "day": day.isoformat(), "amount": amount, "note": note})
        return _view(row)


def _instalment_amount(ws: Workspace, session: Session, year: ServiceYear, kind: str
                       ) -> float:
    """The instalment in full as the position states it now (the final: after deductions)."""
    pay = position(ws, year, [b.amount for b in counted_breaches(session, year)],
                   latest_outcome(session, year), payment_steps(session, year))
    part = pay.first if kind == "first_paid" else pay.final
    assert part is not None
    return part.amount


def list_payment_steps(ws: Workspace, actor: Actor) -> list[StepView]:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        return [_view(row) for row in session.exec(
            select(PaymentStep).order_by(col(PaymentStep.day), col(PaymentStep.id))).all()]
