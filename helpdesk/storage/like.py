"""A user's search text as a LIKE pattern that matches it literally (`%` and `_` are data)."""

from __future__ import annotations


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
