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


class RegisterEntry(SQLModel, table=True):
    """One entry of a confidentiality register (security/registers.py says which fields each
    kind uses). Closing an entry (returned, handed over, destroyed, closed) keeps it."""

    __tablename__ = "register_entry"
    __table_args__ = (
        Index("ix_register_kind_status", "kind", "status", "due_on"),
        Index("ix_register_staff_open", "staff_id", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=16, unique=True)
    kind: str = Field(max_length=16)
    title: str = Field(max_length=200)
    detail: str = Field(default="", max_length=2000)
    medium: str = Field(default="", max_length=32)
    location: str = Field(default="", max_length=200)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")  # holder, when ours
    holder: str = Field(default="", max_length=64)  # the holder's name
    approved_by: str = Field(default="", max_length=64)
    approved_on: date | None = None
    start_on: date | None = None
    due_on: date | None = None
    password_set: bool | None = None
    reported_to: str = Field(default="", max_length=64)
    reported_on: date | None = None
    ref_id: int | None = Field(default=None, foreign_key="register_entry.id")
    file_path: str = Field(default="", max_length=500)  # an export the console wrote
    sha256: str = Field(default="", max_length=64)
    encrypted: bool | None = None
    status: str = Field(default="open", max_length=8)  # open | closed
    closed_on: date | None = None
    outcome: str = Field(default="", max_length=16)
    handed_to: str = Field(default="", max_length=64)
    witness: str = Field(default="", max_length=64)
    close_note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()
    version: int = Field(default=1)


class SecurityScan(SQLModel, table=True):
    """A periodic security audit or vulnerability scan of the platform (contract 五), with its
    report kept as evidence (copied, with its sha256)."""

    __tablename__ = "security_scan"
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=16, unique=True)
    kind: str = Field(max_length=12)  # audit | vuln_scan
    tool: str = Field(max_length=64)
    scanned_on: date = Field(index=True)
    summary: str = Field(default="", max_length=200)
    report_path: str = Field(default="", max_length=500)
    report_sha256: str = Field(default="", max_length=64)
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()


class ScanFinding(SQLModel, table=True):
    """One weakness a scan found: who fixes it by when (working days by severity), how, and
    the re-scan that verified the fix. It can become a desk problem (tracker item)."""

    __tablename__ = "scan_finding"
    __table_args__ = (Index("ix_finding_status_due", "status", "due_on"),)
    id: int | None = Field(default=None, primary_key=True)
    scan_id: int = Field(foreign_key="security_scan.id", index=True)
    severity: str = Field(max_length=8)  # critical | high | medium | low
    title: str = Field(max_length=200)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    owner: str = Field(default="", max_length=64)
    due_on: date
    due_provisional: bool = Field(default=False)
    status: str = Field(default="open", max_length=8)  # open | fixed | verified
    remediation: str = Field(default="", max_length=2000)
    fixed_on: date | None = None
    verified_on: date | None = None
    verified_scan_id: int | None = Field(default=None, foreign_key="security_scan.id")
    tracker_id: int | None = Field(default=None, foreign_key="tracker_item.id")
    version: int = Field(default=1)
