"""Tables of the questions desk (答疑): questions, their history and SLA breaches, the knowledge
base, configuration requests, and the requirement/problem registers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class Question(SQLModel, table=True):
    __tablename__ = "question"
    __table_args__ = (
        Index("ix_question_received", "received_at", "id"),
        Index("ix_question_status_received", "status", "received_at", "id"),
        Index("ix_question_category_received", "category", "received_at", "id"),
        Index("ix_question_unit_received", "unit_id", "received_at", "id"),
        # Covering the reports' figures over a period (SLA overall, per week, per
        # category/channel/unit; repeated titles).
        Index("ix_question_sla", "received_at", "category", "channel", "unit_id",
              "response_due_at", "first_response_at", "resolve_due_at", "resolved_at", "title"),
        # Partial: only running clocks (resolved questions keep their deadlines as evidence).
        Index("ix_question_resolve_due", "resolve_due_at",
              sqlite_where=text("resolved_at IS NULL"),
              postgresql_where=text("resolved_at IS NULL")),
        Index("ix_question_response_due", "response_due_at",
              sqlite_where=text("first_response_at IS NULL"),
              postgresql_where=text("first_response_at IS NULL")),
    )
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=16, unique=True)
    received_at: datetime = utc_column()
    asker_name: str = Field(default="", max_length=64)
    asker_phone: str = Field(default="", max_length=32)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    channel: str = Field(max_length=16)
    category: str = Field(max_length=16)
    priority: str = Field(max_length=8)
    title: str = Field(max_length=200)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    answer: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    status: str = Field(max_length=16)
    assignee_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    first_response_at: datetime | None = utc_column(nullable=True)
    resolved_at: datetime | None = utc_column(nullable=True)
    closed_at: datetime | None = utc_column(nullable=True)
    response_due_at: datetime | None = utc_column(nullable=True)
    response_risk_at: datetime | None = utc_column(nullable=True)
    resolve_due_at: datetime | None = utc_column(nullable=True)
    resolve_risk_at: datetime | None = utc_column(nullable=True)
    resolve_paused_seconds: int | None = Field(default=None)  # business seconds left, paused
    escalation_ref: str = Field(default="", max_length=64)
    time_spent_minutes: int = Field(default=0)
    created_by: str = Field(max_length=64)
    version: int = Field(default=1)


class QuestionEvent(SQLModel, table=True):
    """The question's history as the user sees it (the audit log holds the same, chained)."""

    __tablename__ = "question_event"
    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="question.id", index=True)
    at: datetime = utc_column()
    actor: str = Field(max_length=64)
    kind: str = Field(max_length=24)
    from_status: str = Field(default="", max_length=16)
    to_status: str = Field(default="", max_length=16)
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class SlaBreach(SQLModel, table=True):
    """One row per clock that breached: evidence for the contract's penalty clause."""

    __tablename__ = "sla_breach"
    __table_args__ = (UniqueConstraint("question_id", "clock"),)
    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="question.id", index=True)
    clock: str = Field(max_length=16)  # response | resolution
    due_at: datetime = utc_column()
    recorded_at: datetime = utc_column()
    category: str = Field(max_length=16)
    priority: str = Field(max_length=8)


class KbArticle(SQLModel, table=True):
    __tablename__ = "kb_article"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=40, unique=True)  # stable across districts' exports
    category: str = Field(max_length=16, index=True)
    title: str = Field(max_length=200)
    question: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    answer: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    tags: str = Field(default="", max_length=200)
    status: str = Field(max_length=16, index=True)
    origin: str = Field(default="", max_length=64)  # district that wrote it (imports)
    source_question_id: int | None = Field(default=None, foreign_key="question.id")
    updated_at: datetime = utc_column()
    updated_by: str = Field(max_length=64)
    version: int = Field(default=1)


class KbArticleVersion(SQLModel, table=True):
    __tablename__ = "kb_article_version"
    __table_args__ = (UniqueConstraint("article_id", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="kb_article.id", index=True)
    version: int
    title: str = Field(max_length=200)
    question: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    answer: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    tags: str = Field(default="", max_length=200)
    status: str = Field(max_length=16)
    changed_at: datetime = utc_column()
    changed_by: str = Field(max_length=64)


class QuestionKbLink(SQLModel, table=True):
    """The knowledge-base articles a reply used."""

    __tablename__ = "question_kb_link"
    question_id: int = Field(foreign_key="question.id", primary_key=True)
    article_id: int = Field(foreign_key="kb_article.id", primary_key=True, index=True)


class TrackerItem(SQLModel, table=True):
    """A system requirement (需求) or a system problem (问题) raised from daily support."""

    __tablename__ = "tracker_item"
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=16, unique=True)
    kind: str = Field(max_length=16, index=True)
    title: str = Field(max_length=200)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    status: str = Field(max_length=16, index=True)
    source_question_id: int | None = Field(default=None, foreign_key="question.id", index=True)
    province_ref: str = Field(default="", max_length=64)
    follow_up_due: date | None = Field(default=None)
    resolved_on: date | None = Field(default=None)  # the day it became resolved or closed
    fed_back_on: date | None = Field(default=None)  # a requirement: the day it was fed back
    # The requirement document sent to the provincial project team (需求说明).
    background: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    current_behaviour: str = Field(default="",
                                   sa_column=Column(Text, nullable=False, default=""))
    wanted_behaviour: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    affected_units: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    analysis: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    verification: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Who at the bureau confirmed it (需求确认), and the province's answer to it.
    confirmer_name: str = Field(default="", max_length=64)
    confirmer_unit: str = Field(default="", max_length=128)
    confirmed_on: date | None = Field(default=None)
    province_answer: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = utc_column()
    created_by: str = Field(max_length=64)
    version: int = Field(default=1)


class ConfigRequest(SQLModel, table=True):
    """A configuration request (系统配置服务): who asked, who approved, what changed. Never a
    password."""

    __tablename__ = "config_request"
    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="question.id", unique=True)
    kind: str = Field(max_length=24)
    requested_by: str = Field(default="", max_length=64)
    approved_by: str = Field(default="", max_length=64)
    change_summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    checklist: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    done_by: str = Field(default="", max_length=64)
    done_at: datetime | None = utc_column(nullable=True)
    version: int = Field(default=1)
