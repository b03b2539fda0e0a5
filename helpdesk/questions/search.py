"""Chinese full-text search over questions. SQLite: the FTS5 trigram index for 3+ characters;
1-2 characters (a trigram cannot match them) fall back to LIKE. PostgreSQL: ILIKE."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, text

from helpdesk.storage.core_tables import question
from helpdesk.storage.like import fts_phrase, like_pattern
from helpdesk.text import clean

if TYPE_CHECKING:
    from helpdesk.services.workspace import Workspace


def normalize(query: str) -> str:
    return clean(query, single_line=True, max_length=100).strip()


def _condition(ws: Workspace, query: str, columns: Any, fts: str,
               searched: tuple[str, ...]) -> Any:
    """`columns`: the columns of the very table the caller selects from (a Core table's `c`
    or an ORM model), so that the condition adds no second FROM of the same table."""
    term = normalize(query)
    if ws.db.is_sqlite and len(term) >= 3:
        matches = text(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :phrase").bindparams(
            phrase=fts_phrase(term))
        return columns.id.in_(matches)
    pattern = like_pattern(term)
    if ws.db.is_sqlite:
        return or_(*(getattr(columns, c).like(pattern, escape="\\") for c in searched))
    return or_(*(getattr(columns, c).ilike(pattern, escape="\\") for c in searched))


def condition(ws: Workspace, query: str) -> Any:
    """Questions, for the Core list (questions/listing.py)."""
    return _condition(ws, query, question.c, "question_fts", ("title", "description", "answer"))


def kb_condition(ws: Workspace, query: str) -> Any:
    """Knowledge-base articles, for the ORM select of questions/kb.py."""
    # the ORM model, for that select: the question list (Core) never gets here
    from helpdesk.questions.models import KbArticle

    return _condition(ws, query, KbArticle, "kb_fts", ("title", "question", "answer", "tags"))
