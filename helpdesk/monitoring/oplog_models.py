"""The provincial system's operation log and account list, imported for the log analysis
(日志管理与分析, service 3): how each unit and person uses the system."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class OplogAccount(SQLModel, table=True):
    """An account of the provincial system (from its account export)."""

    __tablename__ = "oplog_account"
    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=64, unique=True)
    name: str = Field(default="", max_length=64)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    enabled: bool = Field(default=True)
    opened_on: date | None = None
    last_login: date | None = None  # as the account export states it
    updated_at: datetime = utc_column()


class OplogEntry(SQLModel, table=True):
    """One operation in the provincial system's log. The same (instant, account, operation)
    imported twice is one entry: importing an overlapping export adds only what is new."""

    __tablename__ = "oplog_entry"
    __table_args__ = (
        UniqueConstraint("at", "account", "operation"),
        Index("ix_oplog_day_unit", "day", "unit_id"),
        Index("ix_oplog_account_day", "account", "day"),
    )
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = utc_column()
    day: date  # the local day, for active days and per-day figures
    account: str = Field(max_length=64)
    name: str = Field(default="", max_length=64)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    operation: str = Field(max_length=32)  # as the log names it: 登录, 登记, 办理, 报送…
    off_hours: bool = Field(default=False)  # outside office hours or on a non-working day
