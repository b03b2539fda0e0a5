"""Column types. Instants are stored in UTC; a naive datetime is a bug and is refused."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: store aware instants (UTC)")
        instant: datetime = value.astimezone(UTC)
        # SQLite has no time zone type and drops offsets; store naive UTC there.
        return instant.replace(tzinfo=None) if dialect.name == "sqlite" else instant

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value
        if stored.tzinfo is None:
            return stored.replace(tzinfo=UTC)
        return stored.astimezone(UTC)


def utc_column(nullable: bool = False, index: bool = False) -> Any:
    """A SQLModel field stored as a UTC instant (the ORM imported only by the models: the
    Core tables of storage/core_tables.py read without it)."""
    from sqlmodel import Field

    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))
