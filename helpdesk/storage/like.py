"""A user's search text as a pattern that matches it literally: a LIKE pattern (`%` and `_`
are data) or an FTS5 phrase (no query syntax)."""

from __future__ import annotations


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_phrase(term: str) -> str:
    """A literal FTS5 phrase: the user's text can never be read as query syntax."""
    return '"' + term.replace('"', '""') + '"'
