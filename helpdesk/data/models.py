"""Tables of the data service (数据服务): the bureau's back-office queries and the files
that answered them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class DataRequest(SQLModel, table=True):
    """A back-office query the bureau asked for, and the file that answered it (the evidence)."""

    __tablename__ = "data_request"
    __table_args__ = (Index("ix_data_request_received", "received_at", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=16, unique=True)
    received_at: datetime = utc_column()
    asker_name: str = Field(default="", max_length=64)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    title: str = Field(max_length=200)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    format_wanted: str = Field(default="", max_length=100)
    due_workdays: int = Field(default=3)
    due_on: date
    due_provisional: bool = Field(default=False)  # due_on is the earliest possible day
    status: str = Field(default="open", max_length=12)  # open | fulfilled | cancelled
    # why it was cancelled, apart from what the asker wrote (the description stays theirs)
    cancel_reason: str = Field(default="", max_length=200)
    query: str = Field(default="", max_length=32)
    params: str = Field(default="{}", max_length=2000)  # JSON of the query's parameters
    file_path: str = Field(default="", max_length=500)
    checksum: str = Field(default="", max_length=64)  # sha256 of the file delivered
    rows: int | None = None
    fulfilled_at: datetime | None = utc_column(nullable=True)
    fulfilled_by: str = Field(default="", max_length=64)
    created_by: str = Field(max_length=64)
    version: int = Field(default=1)
