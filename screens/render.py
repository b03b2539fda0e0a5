"""Turning data into renderables. User text always goes through Text, never markup."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.text import Text

from helpdesk.text import clean

DISPLAY_LIMIT = 2000  # a cell or line never needs more; a 1 MB title must not stall the UI


def plain(value: object, style: str = "", limit: int = DISPLAY_LIMIT) -> Text:
    """Untrusted value -> literal Text (sanitized, single line, bounded)."""
    text = clean(str(value)[: limit * 4], single_line=True, max_length=limit)
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


def multiline(value: object, style: str = "", limit: int = 20_000) -> Text:
    return Text(clean(str(value)[: limit * 4], max_length=limit), style=style)


def local_time(instant: datetime, zone: ZoneInfo, fmt: str = "%m-%d %H:%M") -> str:
    return instant.astimezone(zone).strftime(fmt)
