"""When the money moves (contract 九) and what is settled if the contract ends early (十三).
Pure arithmetic over the recorded steps, so every figure can be checked by hand:

- each instalment's invoice is due 10 working days after its basis (the first: the signing;
  the final: the acceptance meeting that passed it), and the bureau pays 15 working days after
  receiving the invoice;
- what is still owed to us is what each instalment comes to less what was paid for it;
- on termination the performed share is the value × the days served ÷ the days of the
  period; settling it against what was paid and the penalties gives the refund (or what the
  bureau still owes), unless the manager records the figure the parties agreed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

INVOICE_WORKDAYS = 10  # 九: the vendor invoices within 10 working days of the basis
PAYMENT_WORKDAYS = 15  # 九: the bureau pays within 15 working days of receiving the invoice
EVENT_KINDS = ("first_invoiced", "first_paid", "final_invoiced", "final_paid", "terminated",
               "refunded")

AddWorkdays = Callable[[date, int], date]


@dataclass(frozen=True)
class Steps:
    """The recorded steps of the payment (the latest of each kind), plain values."""

    first_invoiced: date | None = None
    first_paid: tuple[date, float] | None = None
    final_invoiced: date | None = None
    final_paid: tuple[date, float] | None = None
    terminated: tuple[date, float | None] | None = None  # the day; the agreed refund, if any
    refunded: tuple[date, float] | None = None


@dataclass(frozen=True)
class Instalment:
    name: str  # first | final
    amount: float  # what it comes to now (the final: less what is deducted from it)
    basis: date | None  # the signing / the passing acceptance; None while there is none
    invoice_due: date | None
    invoiced_on: date | None
    payment_due: date | None
    paid_on: date | None
    paid: float

    @property
    def owed(self) -> float:
        return max(0.0, round(self.amount - self.paid, 2))

    def state(self, today: date) -> str:
        """paid | part_paid | payment_late | awaiting_payment | invoice_late |
        awaiting_invoice | not_due (no basis yet)."""
        if self.paid_on is not None:
            return "paid" if self.owed == 0 else "part_paid"
        if self.payment_due is not None:
            return "payment_late" if today > self.payment_due else "awaiting_payment"
        if self.invoice_due is not None:
            return "invoice_late" if today > self.invoice_due else "awaiting_invoice"
        return "not_due"


@dataclass(frozen=True)
class Settlement:
    """十三: the contract ended on `terminated_on`; performed − paid − penalties = balance
    (negative: the vendor refunds that much)."""

    terminated_on: date
    days_served: int
    days_total: int
    performed: float
    paid: float
    penalties: float
    agreed_refund: float | None  # the manager's recorded figure, replacing the pro rata one
    refunded: float
    refunded_on: date | None

    @property
    def balance(self) -> float:
        if self.agreed_refund is not None:
            return -self.agreed_refund
        return round(self.performed - self.paid - self.penalties, 2)

    @property
    def refund_due(self) -> float:
        return max(0.0, -self.balance)

    @property
    def refund_outstanding(self) -> float:
        return max(0.0, round(self.refund_due - self.refunded, 2))

    @property
    def owed_to_vendor(self) -> float:
        return max(0.0, self.balance)


def instalment(name: str, amount: float, basis: date | None, invoiced_on: date | None,
               paid: tuple[date, float] | None, add_workdays: AddWorkdays) -> Instalment:
    return Instalment(
        name, round(amount, 2), basis,
        add_workdays(basis, INVOICE_WORKDAYS) if basis is not None else None,
        invoiced_on,
        add_workdays(invoiced_on, PAYMENT_WORKDAYS) if invoiced_on is not None else None,
        paid[0] if paid else None, round(paid[1], 2) if paid else 0.0)


def settlement(steps: Steps, *, start: date, end: date, value: float,
               penalties: float) -> Settlement | None:
    if steps.terminated is None:
        return None
    day, agreed = steps.terminated
    served = max(0, min((day - start).days, (end - start).days + 1))
    total = (end - start).days + 1
    paid = round(sum(p[1] for p in (steps.first_paid, steps.final_paid) if p), 2)
    return Settlement(day, served, total, round(value * served / total, 2), paid,
                      round(penalties, 2), agreed,
                      round(steps.refunded[1], 2) if steps.refunded else 0.0,
                      steps.refunded[0] if steps.refunded else None)
