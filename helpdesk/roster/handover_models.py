"""Tables of the shift handover (交接班): signed handovers and the items the incoming
engineer reviews."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class Handover(SQLModel, table=True):
    __tablename__ = "handover"
    __table_args__ = (Index("ix_handover_signed", "signed_at", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    outgoing: str = Field(max_length=64, index=True)
    window_start: datetime = utc_column()
    window_end: datetime = utc_column()
    signed_at: datetime = utc_column()
    next_shift_start: datetime = utc_column()
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    incoming: str = Field(default="", max_length=64)
    acknowledged_at: datetime | None = utc_column(nullable=True)
    version: int = Field(default=1)


class HandoverItem(SQLModel, table=True):
    """A line of a signed handover, frozen as it was at signing. Carried items (work still
    open) are reviewed by the incoming engineer: taken, not mine, or done."""

    __tablename__ = "handover_item"
    id: int | None = Field(default=None, primary_key=True)
    handover_id: int = Field(foreign_key="handover.id", index=True)
    position: int = Field(default=0)
    section: str = Field(max_length=24)
    entity: str = Field(default="", max_length=24)
    entity_id: int | None = None
    label: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    detail: str = Field(default="", max_length=200)
    carried: bool = Field(default=False)
    carry_count: int = Field(default=0)
    review: str = Field(default="", max_length=16)  # "" | taken | not_mine | done
    reviewed_by: str = Field(default="", max_length=64)
    reviewed_at: datetime | None = utc_column(nullable=True)
