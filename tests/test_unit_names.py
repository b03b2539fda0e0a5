"""The case list names each case's unit whatever its place among the province's units (issue
33: it loaded the first 1,000 units by code and showed "—" for the rest)."""

from __future__ import annotations

from sqlmodel import col, select

from helpdesk.services.units import unit_names
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.models import Unit


def test_a_page_names_units_beyond_the_first_thousand(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    with ws.db.write() as session:
        session.add_all(Unit(code=f"U{n:05d}", name=f"第{n}单位") for n in range(1_200))
    with ws.db.read() as session:
        last = session.exec(select(Unit).where(col(Unit.code) == "U01199")).one()
    assert unit_names(ws, actor, [last.id, None, last.id]) == {last.id: "第1199单位"}
    assert unit_names(ws, actor, []) == {}
