"""Fuzzy matching of names by Chinese characters or pinyin initials (`ftjd` finds 福田街道)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def pinyin_initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return "".join(part[:1] for part in letters if part).lower()


def _is_subsequence(needle: str, haystack: str) -> bool:
    remaining = iter(haystack)
    return all(char in remaining for char in needle)


def match_score(query: str, name: str, initials: str) -> int | None:
    """Higher is better; None when it does not match at all."""
    query = query.strip().lower()
    if not query:
        return 0
    lowered = name.lower()
    if lowered == query or initials == query:
        return 100
    if initials.startswith(query) or lowered.startswith(query):
        return 80
    if query in lowered or query in initials:
        return 60
    if _is_subsequence(query, initials) or _is_subsequence(query, lowered):
        return 30
    return None


def unit_score(query: str, code: str, name: str, initials: str) -> int | None:
    """A unit matches by its exact code (S03) first, then by name or pinyin initials."""
    if query.strip().upper() == code.upper():
        return 100
    return match_score(query, name, initials)
