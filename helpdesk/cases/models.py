"""Tables of petition-case tracking (信访件): the tracked case with the date each stage was
reached, its timeline, and the urging log kept as evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Column, Index, Text, text
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column

NOTICE_RATE_COLUMNS = ("notice_due", "unit_id", "received_on", "accepted_on", "objected_on")
HANDLING_RATE_COLUMNS = ("handling_due", "unit_id", "accepted_on", "replied_on")
REPLY_RATE_COLUMNS = ("replied_on", "unit_id", "rating", "accepted_on", "handling_due")
WORKLIST_COLUMNS = ("next_due", "stage", "objection_due", "replied_on", "rating", "revisit_status",
                    "supervised", "unit_id", "case_number", "next_step", "extension_days",
                    "due_provisional", "next_due_expected")


class PetitionCase(SQLModel, table=True):
    __tablename__ = "petition_case"
    __table_args__ = (
        Index("ix_case_unit_due", "unit_id", "next_due"),
        # Open cases only, covering: the urging worklist reads these every working day and
        # never the table's rows (PostgreSQL's index needs the id, SQLite's has its rowid).
        Index("ix_case_worklist", *WORKLIST_COLUMNS, sqlite_where=text("stage != 'closed'"),
              postgresql_where=text("stage != 'closed'"), postgresql_include=["id"]),
        Index("ix_case_registered", "registered_on", "id"),
        Index("ix_case_closed", "closed_on"),  # reports count cases closed in a period
        # The rates place a case in a period by one of these days and judge it by the rest
        # (cases/rate_figures.py): covering, so a period never reads the table's rows.
        Index("ix_case_notice_due", *NOTICE_RATE_COLUMNS),
        Index("ix_case_handling_due", *HANDLING_RATE_COLUMNS),
        Index("ix_case_replied", *REPLY_RATE_COLUMNS),
        # Transferred cases only: the objection window (异议, Art. 23) is on the worklist.
        Index("ix_case_objection_due", "objection_due",
              sqlite_where=text("stage = 'transferred'"),
              postgresql_where=text("stage = 'transferred'")),
    )
    id: int | None = Field(default=None, primary_key=True)
    case_number: str = Field(max_length=40, unique=True)
    registered_on: date
    channel: str = Field(max_length=16)
    petitioner_name: str = Field(default="", max_length=64)
    id_number: str = Field(default="", max_length=18)
    phone: str = Field(default="", max_length=32)
    subject: str = Field(max_length=200)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    category: str = Field(default="", max_length=32)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    stage: str = Field(max_length=24, index=True)
    transferred_on: date | None = None
    received_on: date | None = None
    accepted_on: date | None = None
    objected_on: date | None = None
    replied_on: date | None = None
    rated_on: date | None = None
    revisited_on: date | None = None
    review_requested_on: date | None = None
    reviewed_on: date | None = None
    rereview_requested_on: date | None = None
    rereviewed_on: date | None = None
    closed_on: date | None = None
    supervised: bool = Field(default=False)
    extension_days: int = Field(default=0)
    extension_approved_on: date | None = None
    # 听证: days of hearings held during the 复核, not counted in its period (Art. 36)
    hearing_days: int = Field(default=0)
    rating: str = Field(default="", max_length=16)
    revisit_status: str = Field(default="", max_length=16)
    next_step: str = Field(default="", max_length=24)
    # The next step's deadline; while it reaches a year whose holiday schedule is unpublished
    # (due_provisional), the earliest day the schedule could make it, and next_due_expected
    # the day the statutory holidays alone give. Recomputed when that year's data arrives.
    next_due: date | None = None
    due_provisional: bool = Field(default=False)
    next_due_expected: date | None = None
    # The last day the receiving body may object that the item is outside its remit (Art. 23,
    # 5 working days from receipt); kept while the case waits for acceptance.
    objection_due: date | None = None
    # The step deadlines the rates judge by, kept whatever the stage (services/step_deadlines):
    # the acceptance notice's from receipt, the handling deadline (after any extension) from
    # acceptance; the earliest possible day while provisional.
    notice_due: date | None = None
    handling_due: date | None = None
    created_at: datetime = utc_column()
    created_by: str = Field(max_length=64)
    version: int = Field(default=1)
    # The export row this case was last imported from, hashed: a daily re-import skips a row
    # whose hash is unchanged without parsing it (cases/imports.py). None: typed by hand.
    import_digest: str | None = Field(default=None, max_length=32)


@dataclass
class NewCase:
    """A case about to be inserted in bulk (the import), as plain values: every column of
    petition_case but the id (tests/test_case_import.py holds the two together)."""

    case_number: str
    registered_on: date
    channel: str
    subject: str
    created_at: datetime
    created_by: str
    stage: str = "registered"
    petitioner_name: str = ""
    id_number: str = ""
    phone: str = ""
    summary: str = ""
    category: str = ""
    unit_id: int | None = None
    transferred_on: date | None = None
    received_on: date | None = None
    accepted_on: date | None = None
    objected_on: date | None = None
    replied_on: date | None = None
    rated_on: date | None = None
    revisited_on: date | None = None
    review_requested_on: date | None = None
    reviewed_on: date | None = None
    rereview_requested_on: date | None = None
    rereviewed_on: date | None = None
    closed_on: date | None = None
    supervised: bool = False
    extension_days: int = 0
    extension_approved_on: date | None = None
    hearing_days: int = 0
    rating: str = ""
    revisit_status: str = ""
    next_step: str = ""
    next_due: date | None = None
    due_provisional: bool = False
    next_due_expected: date | None = None
    objection_due: date | None = None
    notice_due: date | None = None
    handling_due: date | None = None
    version: int = 1
    import_digest: str | None = None


class CaseEvent(SQLModel, table=True):
    __tablename__ = "case_event"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="petition_case.id", index=True)
    at: datetime = utc_column()
    actor: str = Field(max_length=64)
    kind: str = Field(max_length=24)
    stage: str = Field(default="", max_length=24)
    on_date: date | None = None
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Urging(SQLModel, table=True):
    """One urging (催办) of a responsible unit: evidence for the contract's service 6."""

    __tablename__ = "urging"
    __table_args__ = (Index("ix_urging_at", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="petition_case.id", index=True)
    at: datetime = utc_column()
    actor: str = Field(max_length=64)
    step: str = Field(max_length=24)
    contact: str = Field(default="", max_length=64)
    method: str = Field(max_length=16)
    agreed: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    next_check: date | None = None


class WorklistDay(SQLModel, table=True):
    """An explicit "nothing due" on a working day's urging worklist (今日无需催办): with the
    urgings themselves, the evidence that the worklist was worked every working day."""

    __tablename__ = "worklist_day"
    day: date = Field(primary_key=True)
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()


class ProxyWork(SQLModel, table=True):
    """One piece of petition work done on a user's behalf (信访业务办理, service 6): the case,
    the unit and person it was done for, who authorised it, what was done and when. A case
    registered by hand before the province's export names it is confirmed (confirmed_at) when
    an import brings the same case number: merged, never a second case."""

    __tablename__ = "proxy_work"
    __table_args__ = (Index("ix_proxy_work_done_at", "done_at"),)
    id: int | None = Field(default=None, primary_key=True)
    case_number: str = Field(max_length=40, index=True)
    case_id: int | None = Field(default=None, foreign_key="petition_case.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    action: str = Field(max_length=16)  # helpdesk.vocab.PROXY_ACTIONS
    on_behalf_of: str = Field(max_length=64)
    authorised_by: str = Field(max_length=64)
    note: str = Field(default="", max_length=200)
    done_at: datetime = utc_column()
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()
    confirmed_at: datetime | None = utc_column(nullable=True)
    version: int = Field(default=1)
