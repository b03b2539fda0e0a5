"""Rendering handover items (draft or signed) into table rows."""

from __future__ import annotations

from rich.text import Text

from helpdesk.i18n import t
from helpdesk.roster.handover_text import item_detail

from ..render import plain

SECTION_STYLE = {"at_risk": "bold red", "attention": "bold magenta", "opened": "cyan",
                 "resolved": "green", "urged": "cyan"}
REVIEW_STYLE = {"taken": "green", "done": "green", "not_mine": "yellow", "": "bold yellow"}


def section_cell(section: str) -> Text:
    return Text(t(f"handover.short_{section}"), style=SECTION_STYLE.get(section, ""),
                no_wrap=True, overflow="ellipsis")


def label_cell(label: str, carry_count: int) -> Text:
    text = plain(label)
    if carry_count > 1:
        text.append(f" ×{carry_count}", style="bold red")
    return text


def detail_cell(section: str, detail: str) -> Text:
    return plain(item_detail(section, detail) if detail else "", style="dim")


def review_cell(carried: bool, review: str) -> Text:
    if not carried:
        return Text("")
    return Text(t(f"handover.review_{review or 'none'}"), style=REVIEW_STYLE[review])
