"""The payment position (contract 付款 and 十三): paid on signing, the final payment due after
acceptance, the penalties the bureau may deduct from it, and what is left. Pure arithmetic, so
every figure can be checked by hand: 198,000 × 20 % = 39,600 final; two breaches × 19,800 =
39,600 penalties; net final payment 0."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from helpdesk.contract.payment_schedule import (
    AddWorkdays,
    Instalment,
    Settlement,
    Steps,
    instalment,
    settlement,
)


@dataclass(frozen=True)
class Payment:
    value: float
    paid_on_signing: float
    final_due: float
    breaches: int
    penalty_each: float
    breach_penalties: float  # recorded breaches (ledger and manual), each its own amount
    acceptance_result: str  # passed | failed | partial | pending
    acceptance_deduction: float
    penalties: float  # breach penalties + the acceptance deduction
    net_final_payment: float  # final_due less penalties, never below zero
    owed_beyond_final: float  # penalties the final payment cannot absorb
    termination_possible: bool
    termination_after: int
    first: Instalment | None = None  # when the money moves (九); None without a calendar
    final: Instalment | None = None
    settlement: Settlement | None = None  # the contract ended early (十三)

    @property
    def still_owed(self) -> float:
        """What the bureau still owes us: each instalment less what was paid for it (after an
        early end, the settlement's balance instead)."""
        if self.settlement is not None:
            return self.settlement.owed_to_vendor
        return round(sum(i.owed for i in (self.first, self.final) if i is not None), 2)

    @property
    def withheld(self) -> bool:
        """A failed acceptance: the final payment is not released."""
        return self.acceptance_result == "failed"


@dataclass(frozen=True)
class Dates:
    """What the schedule counts from: the contract's period (signed on its first day), the
    acceptance meeting that passed it, and the working-day calendar."""

    start: date
    end: date
    accepted_on: date | None
    add_workdays: AddWorkdays


def payment_position(*, value: float, on_signing: float, on_acceptance: float,
                     penalty_per_breach: float, termination_after: int,
                     breach_amounts: list[float], acceptance_result: str = "pending",
                     acceptance_deduction: float = 0.0, dates: Dates | None = None,
                     steps: Steps | None = None) -> Payment:
    paid = round(value * on_signing, 2)
    final = round(value * on_acceptance, 2)
    breach_total = round(sum(breach_amounts), 2)
    penalties = round(breach_total + acceptance_deduction, 2)
    net = 0.0 if acceptance_result == "failed" else max(0.0, round(final - penalties, 2))
    beyond = max(0.0, round(penalties - final, 2))
    first = final_instalment = ended = None
    if dates is not None:
        steps = steps or Steps()
        first = instalment("first", paid, dates.start, steps.first_invoiced, steps.first_paid,
                           dates.add_workdays)
        passed = acceptance_result in ("passed", "partial")
        final_instalment = instalment("final", net, dates.accepted_on if passed else None,
                                      steps.final_invoiced, steps.final_paid, dates.add_workdays)
        ended = settlement(steps, start=dates.start, end=dates.end, value=value,
                           penalties=breach_total)
    return Payment(value, paid, final, len(breach_amounts), round(value * penalty_per_breach, 2),
                   breach_total, acceptance_result, acceptance_deduction, penalties, net, beyond,
                   len(breach_amounts) > termination_after, termination_after, first,
                   final_instalment, ended)
