"""The knowledge base (知识库): articles grown from resolved questions, with versions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.questions import search as question_search
from helpdesk.questions.models import KbArticle, KbArticleVersion, Question
from helpdesk.roles import require
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.text import clean
from helpdesk.vocab import KB_STATUSES, QUESTION_CATEGORIES


@dataclass(frozen=True)
class ArticleView:
    id: int
    uid: str
    category: str
    title: str
    question: str
    answer: str
    tags: str
    status: str
    origin: str
    source_question_id: int | None
    updated_at: datetime
    updated_by: str
    version: int


@dataclass(frozen=True)
class ArticleVersionView:
    version: int
    title: str
    answer: str
    status: str
    changed_at: datetime
    changed_by: str


def _view(article: KbArticle) -> ArticleView:
    assert article.id is not None
    return ArticleView(article.id, article.uid, article.category, article.title,
                       article.question, article.answer, article.tags, article.status,
                       article.origin, article.source_question_id, article.updated_at,
                       article.updated_by, article.version)


def _snapshot(tx: Change, article: KbArticle) -> None:
    assert article.id is not None
    tx.session.add(KbArticleVersion(
        article_id=article.id, version=article.version, title=article.title,
        question=article.question, answer=article.answer, tags=article.tags,
        status=article.status, changed_at=tx.now, changed_by=tx.actor.login))


def _clean_fields(title: str, question: str, answer: str, category: str, tags: str
                  ) -> tuple[str, str, str, str, str]:
    title = clean(title, single_line=True, max_length=200).strip()
    if not title:
        raise UsageError("err.common.title_empty")
    if category not in QUESTION_CATEGORIES:
        raise UsageError("err.kb.category",
                         category=category, question_categories=', '.join(QUESTION_CATEGORIES))
    tags = ",".join(t.strip() for t in clean(tags, single_line=True, max_length=200)
                    .replace("，", ",").split(",") if t.strip())
    return (title, clean(question, max_length=20_000).strip(),
            clean(answer, max_length=20_000).strip(), category, tags)


def draft_from_question(ws: Workspace, actor: Actor, question_id: int) -> ArticleView:
    """A FAQ draft prefilled from a resolved question (question, answer, category, source)."""
    with change(ws, actor) as tx:
        source = tx.session.get(Question, question_id)
        if source is None:
            raise NotFound("err.common.question_not_found", question_id=question_id)
        if source.status not in ("resolved", "closed") or not source.answer:
            raise UsageError("err.kb.not_resolved", number=source.number)
        article = KbArticle(
            uid=str(uuid.uuid4()), category=source.category, title=source.title,
            question=source.description or source.title, answer=source.answer, tags="",
            status="draft", origin=ws.config.contract.bureau, source_question_id=source.id,
            updated_at=tx.now, updated_by=actor.login)
        tx.session.add(article)
        tx.session.flush()
        _snapshot(tx, article)
        tx.record("kb.draft", "kb_article", article.id,
                  after={"title": article.title, "from": source.number})
        return _view(article)


def save_article(ws: Workspace, actor: Actor, article_id: int | None,
                 expected_version: int | None, *, title: str, question: str, answer: str,
                 category: str, tags: str = "") -> ArticleView:
    title, question, answer, category, tags = _clean_fields(title, question, answer, category,
                                                            tags)
    with change(ws, actor) as tx:
        if article_id is None:
            article = KbArticle(uid=str(uuid.uuid4()), category=category, title=title,
                                question=question, answer=answer, tags=tags, status="draft",
                                origin=ws.config.contract.bureau, updated_at=tx.now,
                                updated_by=actor.login)
            tx.session.add(article)
            tx.session.flush()
            action, before = "kb.add", None
        else:
            article = _load(tx, article_id, expected_version)
            before = {"title": article.title, "answer": article.answer[:200]}
            article.title, article.question, article.answer = title, question, answer
            article.category, article.tags = category, tags
            article.version += 1
            article.updated_at, article.updated_by = tx.now, actor.login
            action = "kb.edit"
        _snapshot(tx, article)
        tx.record(action, "kb_article", article.id, before=before,
                  after={"title": title, "answer": answer[:200], "version": article.version})
        return _view(article)


def _load(tx: Change, article_id: int, expected_version: int | None) -> KbArticle:
    article = tx.session.get(KbArticle, article_id)
    if article is None:
        raise NotFound("err.common.article_not_found", article_id=article_id)
    if expected_version is not None and article.version != expected_version:
        raise StaleEdit("err.kb.stale", title=article.title)
    return article


def set_status(ws: Workspace, actor: Actor, article_id: int, expected_version: int,
               status: str) -> ArticleView:
    if status not in KB_STATUSES:
        raise UsageError("err.kb.status", status=status, kb_statuses=', '.join(KB_STATUSES))
    with change(ws, actor) as tx:
        article = _load(tx, article_id, expected_version)
        if status == "published" and not article.answer:
            raise UsageError("err.kb.no_answer")
        before = article.status
        article.status = status
        article.version += 1
        article.updated_at, article.updated_by = tx.now, actor.login
        _snapshot(tx, article)
        tx.record(f"kb.{status}", "kb_article", article.id, before={"status": before},
                  after={"status": status})
        return _view(article)


def get_article(ws: Workspace, actor: Actor, article_id: int
                ) -> tuple[ArticleView, list[ArticleVersionView]]:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        article = session.get(KbArticle, article_id)
        if article is None:
            raise NotFound("err.common.article_not_found", article_id=article_id)
        versions = session.exec(select(KbArticleVersion).where(
            col(KbArticleVersion.article_id) == article_id).order_by(
            col(KbArticleVersion.version).desc())).all()
        return _view(article), [ArticleVersionView(v.version, v.title, v.answer, v.status,
                                                   v.changed_at, v.changed_by)
                                for v in versions]


def search_articles(ws: Workspace, actor: Actor, query: str = "", *,
                    statuses: tuple[str, ...] = ("published",), category: str | None = None,
                    before_id: int | None = None, limit: int = 20) -> list[ArticleView]:
    """Newest first; `query` uses the same Chinese-capable search as the questions."""
    require(actor.role, "read", actor.login)
    statement = select(KbArticle).order_by(col(KbArticle.id).desc()).limit(limit)
    if statuses:
        statement = statement.where(col(KbArticle.status).in_(statuses))
    if category:
        statement = statement.where(col(KbArticle.category) == category)
    if before_id is not None:
        statement = statement.where(col(KbArticle.id) < before_id)
    if query.strip():
        statement = statement.where(question_search.kb_condition(ws, query))
    with ws.db.read() as session:
        return [_view(article) for article in session.exec(statement).all()]
