"""Tables of the 5×8 duty roster (排班): leave and duty shifts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class Leave(SQLModel, table=True):
    """请假: whole days, or one half (am/pm) of each day in the range. Only approved leave
    takes an engineer off the roster."""

    __tablename__ = "leave"
    __table_args__ = (Index("ix_leave_staff_days", "staff_id", "start_on", "end_on"),)
    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id")
    start_on: date
    end_on: date
    part: str = Field(default="full", max_length=8)  # full | am | pm
    reason: str = Field(default="", max_length=200)
    status: str = Field(default="requested", max_length=16)
    requested_by: str = Field(max_length=64)
    requested_at: datetime = utc_column()
    decided_by: str = Field(default="", max_length=64)
    decided_at: datetime | None = utc_column(nullable=True)
    version: int = Field(default=1)


class DutyShift(SQLModel, table=True):
    """One engineer on duty for one slot (day, am or pm) of one working day."""

    __tablename__ = "duty_shift"
    __table_args__ = (
        UniqueConstraint("day", "slot", "staff_id"),
        Index("ix_shift_staff_day", "staff_id", "day"),
    )
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    slot: str = Field(max_length=8)
    staff_id: int = Field(foreign_key="staff.id")
    source: str = Field(default="generated", max_length=16)  # generated | swap | override
    reason: str = Field(default="", max_length=200)
    approved_by: str = Field(default="", max_length=64)
    created_at: datetime = utc_column()
    created_by: str = Field(max_length=64)
    changed_at: datetime | None = utc_column(nullable=True)  # the last swap or reassignment
    version: int = Field(default=1)


class ShiftCancellation(SQLModel, table=True):
    """A (day, slot, engineer) that was published as a duty and no longer is (swapped away,
    reassigned, removed, regenerated): exported as STATUS:CANCELLED so that the engineer's
    phone drops it. `sequence` is above any SEQUENCE the shift was published with."""

    __tablename__ = "shift_cancellation"
    __table_args__ = (UniqueConstraint("day", "slot", "staff_id"),)
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    slot: str = Field(max_length=8)
    staff_id: int = Field(foreign_key="staff.id")
    sequence: int = Field(default=1)
    reason: str = Field(default="", max_length=200)
    cancelled_at: datetime = utc_column()
