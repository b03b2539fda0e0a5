"""The desktop inventory (日常监测, service 1): the terminals at the bureau and its units that
reach the provincial system, their browser and plug-ins, and the questions about them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class Terminal(SQLModel, table=True):
    """One terminal, known by its machine name (the import's key)."""

    __tablename__ = "terminal"
    id: int | None = Field(default=None, primary_key=True)
    machine: str = Field(max_length=64, unique=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    user_name: str = Field(default="", max_length=64)
    location: str = Field(default="", max_length=128)
    browser: str = Field(default="", max_length=64)
    browser_version: str = Field(default="", max_length=32)
    last_visit: date | None = None  # the last day it reached the provincial system
    note: str = Field(default="", max_length=200)
    source: str = Field(default="", max_length=128)  # the file it was last imported from
    updated_at: datetime = utc_column()
    updated_by: str = Field(max_length=64)
    version: int = Field(default=1)


class TerminalPlugin(SQLModel, table=True):
    """A plug-in or driver installed on a terminal (PageOffice, the ID-card reader…)."""

    __tablename__ = "terminal_plugin"
    __table_args__ = (UniqueConstraint("terminal_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    terminal_id: int = Field(foreign_key="terminal.id", index=True)
    name: str = Field(max_length=64)
    version: str = Field(default="", max_length=32)


class QuestionTerminal(SQLModel, table=True):
    """The terminal a desktop-support question was about."""

    __tablename__ = "question_terminal"
    question_id: int = Field(foreign_key="question.id", primary_key=True)
    terminal_id: int = Field(foreign_key="terminal.id", index=True)
    linked_by: str = Field(max_length=64)
    linked_at: datetime = utc_column()
