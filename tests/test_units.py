"""Units: pinyin-initial search, optimistic locking, hostile names stored as harmless text."""

from __future__ import annotations

import pytest

from helpdesk.errors import StaleEdit, UsageError
from helpdesk.fuzzy import match_score, pinyin_initials
from helpdesk.services.units import add_unit, find_units, get_unit, list_units, update_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.expect import refused


def test_pinyin_initials() -> None:
    assert pinyin_initials("福田街道") == "ftjd"
    assert pinyin_initials("区信访局") == "qxfj"
    assert match_score("ftjd", "福田街道", "ftjd") == 100
    assert match_score("zz", "福田街道", "ftjd") is None


def test_find_by_initials_or_characters(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    for code, name in (("S01", "福田街道"), ("S02", "福保街道"), ("D01", "区信访局")):
        add_unit(ws, actor, code, name, "street" if code[0] == "S" else "department")
    assert [u.name for u in find_units(ws, actor, "ftjd")] == ["福田街道"]
    assert {u.name for u in find_units(ws, actor, "fjd")} == {"福保街道", "福田街道"}
    assert [u.name for u in find_units(ws, actor, "信访")] == ["区信访局"]


def test_keyset_pages(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    for index in range(7):
        add_unit(ws, actor, f"U{index:02d}", f"单位{index}")
    first = list_units(ws, actor, limit=3)
    second = list_units(ws, actor, after_code=first[-1].code, limit=3)
    assert [u.code for u in first + second] == [f"U{i:02d}" for i in range(6)]


def test_stale_save_is_refused_and_nothing_changes(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    unit = add_unit(ws, actor, "S01", "福田街道", "street", "林主任")
    update_unit(ws, actor, unit.id, unit.version, name="福田街道", kind="street",
                contact="王主任")  # someone else saves first
    with refused(StaleEdit, "units.stale"):
        update_unit(ws, actor, unit.id, unit.version, name="福田街道办", kind="street",
                    contact="张主任")
    latest = get_unit(ws, actor, unit.id)
    assert (latest.name, latest.contact, latest.version) == ("福田街道", "王主任", 2)


def test_hostile_names_are_stored_sanitised(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    unit = add_unit(ws, actor, "X1", "张三[/]\x1b]0;pwned\x07\u202e局", "other")
    assert unit.name == "张三[/]局"
    with pytest.raises(UsageError):
        add_unit(ws, actor, "X2", "\x1b[2J", "other")
