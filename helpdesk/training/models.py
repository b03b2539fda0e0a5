"""Tables of the training service (培训服务): sessions, attendees and their sign-in, effect
evaluations (培训效果评价), and questions raised during a session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class TrainingSession(SQLModel, table=True):
    __tablename__ = "training_session"
    __table_args__ = (Index("ix_training_starts", "starts_at", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # business | operation | admin
    title: str = Field(max_length=200)
    starts_at: datetime = utc_column()
    minutes: int = Field(default=120)
    place: str = Field(default="", max_length=200)
    trainer: str = Field(default="", max_length=64)
    # JSON list of {"item": text, "curriculum": bool}: the text as ticked when it was saved.
    contents: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    invited_units: str = Field(default="[]", max_length=4000)  # JSON list of unit ids
    status: str = Field(default="planned", max_length=16)  # planned | held | cancelled
    cancel_reason: str = Field(default="", max_length=200)
    materials: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_by: str = Field(max_length=64)
    created_at: datetime = utc_column()
    updated_at: datetime = utc_column()
    version: int = Field(default=1)


class TrainingAttendee(SQLModel, table=True):
    __tablename__ = "training_attendee"
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="training_session.id", index=True)
    position: int = Field(default=0)
    name: str = Field(max_length=64)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    role: str = Field(default="", max_length=64)
    attendance: str = Field(default="invited", max_length=16)  # invited | signed_in | absent
    created_by: str = Field(max_length=64)
    created_at: datetime = utc_column()
    version: int = Field(default=1)


class TrainingEvaluation(SQLModel, table=True):
    """One returned evaluation form. A form without a name is anonymous (attendee_id None)."""

    __tablename__ = "training_evaluation"
    __table_args__ = (UniqueConstraint("session_id", "attendee_id"),)
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="training_session.id", index=True)
    attendee_id: int | None = Field(default=None, foreign_key="training_attendee.id")
    content: int | None = None
    trainer: int | None = None
    usefulness: int | None = None
    overall: int | None = None
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_by: str = Field(max_length=64)
    created_at: datetime = utc_column()


class TrainingQuestion(SQLModel, table=True):
    """A question raised during the session; may become a desk question or an FAQ draft."""

    __tablename__ = "training_question"
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="training_session.id", index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    asked_by: str = Field(default="", max_length=64)
    answer: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    question_id: int | None = Field(default=None, foreign_key="question.id")
    article_id: int | None = Field(default=None, foreign_key="kb_article.id")
    created_by: str = Field(max_length=64)
    created_at: datetime = utc_column()
