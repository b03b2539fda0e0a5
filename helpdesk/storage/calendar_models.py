"""The working-day tables a manager loaded (`helpdesk calendar load`): one row per year, the
table's own text, so every engineer and process counts deadlines on the same days."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class CalendarYear(SQLModel, table=True):
    __tablename__ = "calendar_year"
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    text: str = Field(sa_column=Column(Text, nullable=False))  # the TOML as loaded
    sha256: str = Field(max_length=64)
    source: str = Field(default="", max_length=255)  # the file it was loaded from
    loaded_by: str = Field(max_length=64)
    loaded_at: datetime = utc_column()
