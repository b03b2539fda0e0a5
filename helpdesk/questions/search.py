"""Chinese full-text search over questions. SQLite: the FTS5 trigram index for 3+ characters;
1-2 characters (a trigram cannot match them) fall back to LIKE. PostgreSQL: ILIKE."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, text
from sqlmodel import col

from helpdesk.questions.models import KbArticle, Question
from helpdesk.storage.like import like_pattern
from helpdesk.text import clean

if TYPE_CHECKING:
    from helpdesk.services.workspace import Workspace


def fts_phrase(term: str) -> str:
    """A literal FTS5 phrase: the user's text can never be read as query syntax."""
    return '"' + term.replace('"', '""') + '"'


def normalize(query: str) -> str:
    return clean(query, single_line=True, max_length=100).strip()


def _condition(ws: Workspace, query: str, table: Any, fts: str,
               columns: tuple[str, ...]) -> Any:
    term = normalize(query)
    if ws.db.is_sqlite and len(term) >= 3:
        matches = text(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :phrase").bindparams(
            phrase=fts_phrase(term))
        return col(table.id).in_(matches)
    pattern = like_pattern(term)
    if ws.db.is_sqlite:
        return or_(*(col(getattr(table, c)).like(pattern, escape="\\") for c in columns))
    return or_(*(col(getattr(table, c)).ilike(pattern, escape="\\") for c in columns))


def condition(ws: Workspace, query: str) -> Any:
    return _condition(ws, query, Question, "question_fts", ("title", "description", "answer"))


def kb_condition(ws: Workspace, query: str) -> Any:
    return _condition(ws, query, KbArticle, "kb_fts", ("title", "question", "answer", "tags"))
