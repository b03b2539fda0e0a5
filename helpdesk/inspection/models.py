"""Tables of the monthly inspection (巡检服务)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class Inspection(SQLModel, table=True):
    """The inspection of one calendar month, with the usage figures pulled from the provincial
    system for that month."""

    __tablename__ = "inspection"
    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(max_length=7, unique=True)  # "2026-11": the month inspected
    status: str = Field(default="open", max_length=8)  # open | done
    started_at: datetime = utc_column()
    started_by: str = Field(max_length=64)
    done_at: datetime | None = utc_column(nullable=True)
    done_by: str = Field(default="", max_length=64)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    institutions_expected: int | None = None
    institutions_connected: int | None = None
    accounts_issued: int | None = None
    accounts_disabled: int | None = None
    accounts_active: int | None = None
    usage_source: str = Field(default="", max_length=200)  # "" typed in, else the file name
    version: int = Field(default=1)


class InspectionResult(SQLModel, table=True):
    """One checklist item of an inspection: ok / issue / na, or "" while not yet checked."""

    __tablename__ = "inspection_result"
    __table_args__ = (UniqueConstraint("inspection_id", "position"),)
    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    position: int
    section: str = Field(max_length=32)
    item: str = Field(max_length=400)
    result: str = Field(default="", max_length=8)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    problem_id: int | None = Field(default=None, foreign_key="tracker_item.id")
    checked_by: str = Field(default="", max_length=64)
    checked_at: datetime | None = utc_column(nullable=True)
    version: int = Field(default=1)


class InspectionInstitution(SQLModel, table=True):
    """One institution's line of the provincial export a month's usage figures were summed
    from: which institutions are not connected, which use the system little."""

    __tablename__ = "inspection_institution"
    __table_args__ = (UniqueConstraint("inspection_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    name: str = Field(max_length=128)
    connected: bool
    issued: int = Field(default=0)
    disabled: int = Field(default=0)
    active: int = Field(default=0)
