"""Tables. Records two engineers may edit carry `version`: services compare the version the
user read with the stored one and refuse a stale save (optimistic locking).
Every schema change comes with an Alembic migration (helpdesk/storage/migrations)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column
from helpdesk.vocab import ROLES, UNIT_KINDS

__all__ = ["ROLES", "UNIT_KINDS", "AuditRecord", "ConsoleSession", "Counter", "Meta",
           "ServiceYear", "Staff", "Unit"]


class Staff(SQLModel, table=True):
    __tablename__ = "staff"
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=64)
    role: str = Field(max_length=16)
    phone: str = Field(default="", max_length=32)
    active: bool = Field(default=True)
    # The first day a deactivated person no longer works (their shifts from then on cover
    # nothing); None while active.
    inactive_since: date | None = Field(default=None)
    created_at: datetime = utc_column()
    version: int = Field(default=1)


class Unit(SQLModel, table=True):
    """A unit of the district: a street office (街道) or a department (区直部门)."""

    __tablename__ = "unit"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(max_length=128, unique=True)
    kind: str = Field(default="department", max_length=16)
    pinyin_initials: str = Field(default="", max_length=64, index=True)
    contact: str = Field(default="", max_length=64)
    active: bool = Field(default=True)
    version: int = Field(default=1)


class AuditRecord(SQLModel, table=True):
    """Append-only, HMAC-chained. Update and delete are refused by database triggers."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
    seq: int = Field(primary_key=True)
    at: datetime = utc_column()
    actor: str = Field(max_length=64)
    os_user: str = Field(max_length=64)
    action: str = Field(max_length=64)
    entity: str = Field(max_length=32)
    entity_id: str = Field(max_length=64)
    summary: str = Field(sa_column=Column(Text, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class Counter(SQLModel, table=True):
    """Human-readable numbering (e.g. Q2026-00042), allocated inside write transactions."""

    __tablename__ = "counter"
    name: str = Field(primary_key=True, max_length=64)
    value: int = Field(default=0)


class Meta(SQLModel, table=True):
    __tablename__ = "meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", max_length=256)


class ConsoleSession(SQLModel, table=True):
    """A console open on this database, for "who else is here" on Today. Ephemeral state, not
    a record: opened and closed with the console, `seen_at` refreshed while it runs, so a
    console that died is no longer shown once its heartbeat is old."""

    __tablename__ = "console_session"
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(max_length=64, index=True)
    host: str = Field(default="", max_length=128)
    pid: int = Field(default=0)
    started_at: datetime = utc_column()
    seen_at: datetime = utc_column()


class ServiceYear(SQLModel, table=True):
    """A renewal of the contract (续签): its own period and value; the other terms are the
    configured ones. The first service year is `[contract]` itself and has no row."""

    __tablename__ = "service_year"
    id: int | None = Field(default=None, primary_key=True)
    start: date = Field(unique=True)
    end: date
    value_yuan: float
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()
