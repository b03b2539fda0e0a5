"""Tables of the confidentiality duties (保密管理): security exams and signed pledges."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class SecurityExam(SQLModel, table=True):
    """One sitting of the security and confidentiality exam (安全保密考核). A record is a fact
    and is never edited; the most recent sitting decides whether the engineer may work."""

    __tablename__ = "security_exam"
    __table_args__ = (Index("ix_security_exam_staff_day", "staff_id", "taken_on"),)
    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id")
    taken_on: date
    passed: bool
    score: int | None = Field(default=None)
    valid_until: date | None = Field(default=None)  # a pass's last valid day; None for a fail
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()


class ConfidentialityPledge(SQLModel, table=True):
    """A signed confidentiality pledge (保密承诺书)."""

    __tablename__ = "confidentiality_pledge"
    __table_args__ = (Index("ix_pledge_staff_day", "staff_id", "signed_on"),)
    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id")
    signed_on: date
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()
