"""Accepting a vocabulary value as its code or its label in either language (CLI, imports)."""

from __future__ import annotations

from helpdesk.errors import UsageError
from helpdesk.i18n import catalog


def parse_choice(value: str, vocabulary: str, options: tuple[str, ...]) -> str:
    """`registration`, `信访件登记` and `Registration` all give "registration"."""
    wanted = value.strip()
    zh, en = catalog("zh_CN"), catalog("en")
    for code in options:
        key = f"{vocabulary}.{code}"
        if wanted == code or wanted == zh.get(key) or wanted.lower() == en.get(key, "").lower():
            return code
    listed = ", ".join(f"{code} ({zh.get(f'{vocabulary}.{code}', code)})" for code in options)
    raise UsageError("err.choices.invalid", vocabulary=vocabulary, value=value, listed=listed)
