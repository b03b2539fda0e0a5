"""Figures of a period that has ended, computed once and kept (contract/month_figures.py).

A change to a record inside the period marks its figure stale in the same transaction: database
triggers on the records counted (migration 0022), so no code path can forget it. Derived data,
like the search indexes: not audited, rebuilt from the records whenever it is missing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import UTCDateTime, utc_column


class MonthFigure(SQLModel, table=True):
    __tablename__ = "month_figure"
    name: str = Field(primary_key=True, max_length=32)  # what is counted: "sla"
    start_at: datetime = Field(sa_column=Column(UTCDateTime(), primary_key=True))
    end_at: datetime = utc_column()  # the period is start_at <= received_at < end_at
    # Raised by the triggers for every change inside the period since the row was written;
    # a figure is stored only while it is still 0.
    stale: int = Field(default=0)
    # Who is counting the period: a second console starting to count it meanwhile takes the
    # row over, and the first one's figure is not stored.
    token: str = Field(default="", max_length=32)
    computed_at: datetime | None = utc_column(nullable=True)
    # The first instant a clock of the period runs out unrecorded: the figure holds until then.
    valid_until: datetime | None = utc_column(nullable=True)
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
