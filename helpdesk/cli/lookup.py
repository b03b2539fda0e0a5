"""Turning what a user typed on the command line into a record's id: a question by id or
number, a unit by code, name or pinyin initials (every command that names one uses these)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.cli.common import actor_of
from helpdesk.errors import UsageError

if TYPE_CHECKING:
    from helpdesk.services.workspace import Workspace


def question_id(ws: Workspace, value: str) -> int:
    from helpdesk.questions.actions import find_by_number

    if value.isdigit():
        return int(value)
    return find_by_number(ws, actor_of(ws), value.strip().upper())


def unit_id(ws: Workspace, value: str) -> int:
    from helpdesk.services.units import find_units

    matches = find_units(ws, actor_of(ws), value, limit=5)
    exact = [u for u in matches if value in (u.code, u.name, u.pinyin_initials)]
    if len(exact) == 1:
        return exact[0].id
    if len(matches) == 1:
        return matches[0].id
    names = ", ".join(f"{u.code} {u.name}" for u in matches) or "none"
    raise UsageError("err.cli.unit_ambiguous", value=value, names=names)
