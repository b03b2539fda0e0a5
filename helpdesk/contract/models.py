"""Tables of the contract's own records: breaches the bureau asserts, deliverables handed over
with the bureau's sign-off, and the acceptance meeting's outcome."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class ManualBreach(SQLModel, table=True):
    """A breach the bureau asserts that the records do not show (违约认定). It counts like the
    ledger's own until withdrawn; disputing it keeps it counted and says so."""

    __tablename__ = "manual_breach"
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    clause: str = Field(max_length=200)
    notice: str = Field(default="", max_length=64)  # the bureau's notice reference
    # The ledger's risk it confirms (`training:2026-06`): that miss is then this one penalty.
    risk: str = Field(default="", max_length=48, index=True)
    amount: float
    status: str = Field(default="asserted", max_length=12)  # asserted | disputed | withdrawn
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()
    version: int = Field(default=1)


class Deliverable(SQLModel, table=True):
    """Something handed to the bureau (交付签收): a report, an acceptance pack, a data delivery,
    a service bulletin; signed for by the bureau."""

    __tablename__ = "deliverable"
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=24)
    period: str = Field(max_length=32)  # 2026-10, 2026-Q4, 2026, DS2026-0002...
    delivered_on: date = Field(index=True)
    delivered_to: str = Field(max_length=64)
    signed_by: str = Field(default="", max_length=64)
    signed_on: date | None = None
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()
    version: int = Field(default=1)


class AcceptanceOutcome(SQLModel, table=True):
    """The acceptance meeting's result (验收结论); the latest recorded decides."""

    __tablename__ = "acceptance_outcome"
    id: int | None = Field(default=None, primary_key=True)
    held_on: date
    result: str = Field(max_length=8)  # passed | failed | partial
    deduction: float = Field(default=0.0)
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()


class PaymentStep(SQLModel, table=True):
    """A step of the money (九, 十三): the bureau received an invoice, paid an instalment, ended
    the contract early, or was refunded. The latest of each kind decides; the audit log keeps
    every one."""

    __tablename__ = "payment_step"
    id: int | None = Field(default=None, primary_key=True)
    # first_invoiced | first_paid | final_invoiced | final_paid | terminated | refunded
    kind: str = Field(max_length=16, index=True)
    day: date
    # paid or refunded; for `terminated`, the refund the parties agreed (None: pro rata)
    amount: float | None = None
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()
