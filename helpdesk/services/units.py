"""The district's units: street offices and departments that ask questions and handle cases."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.fuzzy import pinyin_initials, unit_score
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import UNIT_KINDS, Unit
from helpdesk.text import clean


@dataclass(frozen=True)
class UnitView:
    id: int
    code: str
    name: str
    kind: str
    pinyin_initials: str
    contact: str
    active: bool
    version: int


def _view(unit: Unit) -> UnitView:
    assert unit.id is not None
    return UnitView(unit.id, unit.code, unit.name, unit.kind, unit.pinyin_initials,
                    unit.contact, unit.active, unit.version)


def _clean_fields(name: str, kind: str, contact: str) -> tuple[str, str, str]:
    name = clean(name, single_line=True, max_length=128).strip()
    if not name:
        raise UsageError("err.units.name_empty")
    if kind not in UNIT_KINDS:
        raise UsageError("err.units.kind", kind=kind, unit_kinds=', '.join(UNIT_KINDS))
    return name, kind, clean(contact, single_line=True, max_length=64).strip()


def add_unit(ws: Workspace, actor: Actor, code: str, name: str, kind: str = "department",
             contact: str = "") -> UnitView:
    name, kind, contact = _clean_fields(name, kind, contact)
    code = clean(code, single_line=True, max_length=32).strip()
    if not code:
        raise UsageError("err.units.code_empty")
    initials = pinyin_initials(name)
    with change(ws, actor) as tx:
        clash = tx.session.exec(
            select(Unit).where((col(Unit.code) == code) | (col(Unit.name) == name))
        ).first()
        if clash:
            raise UsageError("err.units.exists", name=clash.name)
        unit = Unit(code=code, name=name, kind=kind, contact=contact, pinyin_initials=initials)
        tx.session.add(unit)
        tx.session.flush()
        tx.record("unit.add", "unit", unit.id, after={"code": code, "name": name, "kind": kind})
        return _view(unit)


def update_unit(ws: Workspace, actor: Actor, unit_id: int, expected_version: int, *,
                name: str, kind: str, contact: str, active: bool = True) -> UnitView:
    """Save an edit made on a copy read earlier; refuse it if someone saved in between."""
    name, kind, contact = _clean_fields(name, kind, contact)
    initials = pinyin_initials(name)
    with change(ws, actor) as tx:
        unit = tx.session.get(Unit, unit_id)
        if unit is None:
            raise UsageError("err.common.unit_not_found", unit_id=unit_id)
        if unit.version != expected_version:
            raise StaleEdit(
                "err.units.stale", name=unit.name, version=unit.version
            )
        clash = tx.session.exec(
            select(Unit).where(col(Unit.name) == name, col(Unit.id) != unit_id)
        ).first()
        if clash:
            raise UsageError("err.units.duplicate_name", name=name)
        before = {"name": unit.name, "kind": unit.kind, "contact": unit.contact,
                  "active": unit.active}
        unit.name, unit.kind, unit.contact, unit.active = name, kind, contact, active
        unit.pinyin_initials = initials
        unit.version += 1
        tx.session.flush()
        tx.record("unit.update", "unit", unit.id, before=before,
                  after={"name": name, "kind": kind, "contact": contact, "active": active})
        return _view(unit)


def get_unit(ws: Workspace, actor: Actor, unit_id: int) -> UnitView:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise NotFound("err.common.unit_not_found", unit_id=unit_id)
        return _view(unit)


def list_units(ws: Workspace, actor: Actor, *, after_code: str | None = None,
               limit: int = 100) -> list[UnitView]:
    """One keyset page ordered by code."""
    require(actor.role, "read", actor.login)
    query = select(Unit).order_by(col(Unit.code)).limit(limit)
    if after_code is not None:
        query = query.where(col(Unit.code) > after_code)
    with ws.db.read() as session:
        return [_view(unit) for unit in session.exec(query).all()]


def unit_names(ws: Workspace, actor: Actor, ids: Iterable[int | None]) -> dict[int, str]:
    """The names of exactly these units (a page's), by primary key: a province holds more
    units than any first page of them, so a page never looks its names up in one."""
    require(actor.role, "read", actor.login)
    wanted = sorted({unit_id for unit_id in ids if unit_id is not None})
    if not wanted:
        return {}
    with ws.db.read() as session:
        rows = session.exec(select(Unit.id, Unit.name).where(col(Unit.id).in_(wanted))).all()
    return {unit_id: name for unit_id, name in rows if unit_id is not None}


def find_units(ws: Workspace, actor: Actor, query: str, limit: int = 10) -> list[UnitView]:
    """Units matching by name or pinyin initials, best first. A district has tens of units,
    so ranking in Python over the active ones is fine."""
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        units = session.exec(select(Unit).where(col(Unit.active))).all()
    scored = [(score, unit) for unit in units
              if (score := unit_score(query, unit.code, unit.name, unit.pinyin_initials))
              is not None]
    scored.sort(key=lambda pair: (-pair[0], pair[1].code))
    return [_view(unit) for _score, unit in scored[:limit]]
