"""终端清单 (日常监测, service 1): the terminals at the bureau and its units, their browser and
plug-ins with versions, and the last day each reached the provincial system. A plug-in, driver
or browser older than `[inventory] minimum_versions` is outdated: the inspection's environment
check lists those. A desktop-support question can name the terminal it was about."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound
from helpdesk.monitoring.inventory_models import QuestionTerminal, Terminal, TerminalPlugin
from helpdesk.questions.models import Question
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import Unit


@dataclass(frozen=True)
class Outdated:
    name: str  # the plug-in, driver or browser
    installed: str
    required: str


@dataclass(frozen=True)
class TerminalView:
    id: int
    machine: str
    unit: str
    user_name: str
    location: str
    browser: str
    browser_version: str
    plugins: tuple[tuple[str, str], ...]  # (name, version), by name
    last_visit: date | None
    note: str
    updated_at: datetime
    version: int
    outdated: tuple[Outdated, ...]


@dataclass(frozen=True)
class OutdatedLine:
    machine: str
    unit: str
    user_name: str
    name: str
    installed: str
    required: str


def version_key(text: str) -> tuple[tuple[int, str], ...]:
    """"5.4.0.12" < "5.10" < "5.10a": numbers compare as numbers, other parts as text."""
    return tuple((int(part), "") if part.isdigit() else (-1, part)
                 for part in re.findall(r"\d+|[A-Za-z]+", text))


def older(installed: str, required: str) -> bool:
    """Whether `installed` is older than `required`; an unknown (blank) version is not
    judged (the inventory says only that it is installed)."""
    if not installed.strip():
        return False
    have, need = version_key(installed), version_key(required)
    width = max(len(have), len(need))
    pad = ((0, ""),)
    return have + pad * (width - len(have)) < need + pad * (width - len(need))


def outdated_of(browser: str, browser_version: str, plugins: tuple[tuple[str, str], ...],
                minimum: tuple[tuple[str, str], ...]) -> tuple[Outdated, ...]:
    installed = {name: version for name, version in plugins}
    if browser:
        installed.setdefault(browser, browser_version)
    return tuple(Outdated(name, installed[name], required) for name, required in minimum
                 if name in installed and older(installed[name], required))


def _views(ws: Workspace, rows: Sequence[tuple[Terminal, str | None]],
           plugins: dict[int, list[tuple[str, str]]]) -> list[TerminalView]:
    minimum = ws.config.inventory.minimum_versions
    views = []
    for terminal, unit in rows:
        assert terminal.id is not None
        own = tuple(sorted(plugins.get(terminal.id, [])))
        views.append(TerminalView(
            terminal.id, terminal.machine, unit or "", terminal.user_name, terminal.location,
            terminal.browser, terminal.browser_version, own, terminal.last_visit, terminal.note,
            terminal.updated_at, terminal.version,
            outdated_of(terminal.browser, terminal.browser_version, own, minimum)))
    return views


def list_terminals(ws: Workspace, actor: Actor, *, search: str = "",
                   after: str | None = None, limit: int = 100,
                   outdated_only: bool = False) -> list[TerminalView]:
    """By machine name, a keyset page at a time (after: the last machine of the page before).
    `search` matches the machine, the user or the unit. `outdated_only` reads the whole
    inventory (a district's terminals are hundreds, a province's tens of thousands)."""
    require(actor.role, "read", actor.login)
    query = select(Terminal, Unit.name).outerjoin(Unit, col(Unit.id) == col(Terminal.unit_id))
    if search.strip():
        words = f"%{search.strip()}%"
        query = query.where(col(Terminal.machine).ilike(words) |
                            col(Terminal.user_name).ilike(words) | col(Unit.name).ilike(words))
    if after is not None:
        query = query.where(col(Terminal.machine) > after)
    query = query.order_by(col(Terminal.machine))
    if not outdated_only:
        query = query.limit(limit)
    with ws.db.read() as session:
        rows = [(terminal, unit) for terminal, unit in session.exec(query).all()]
        ids = [terminal.id for terminal, _unit in rows]
        plugins: dict[int, list[tuple[str, str]]] = {}
        for first in range(0, len(ids), 500):
            for plugin in session.exec(select(TerminalPlugin).where(
                    col(TerminalPlugin.terminal_id).in_(ids[first:first + 500]))).all():
                plugins.setdefault(plugin.terminal_id, []).append((plugin.name, plugin.version))
    views = _views(ws, rows, plugins)
    if outdated_only:
        views = [view for view in views if view.outdated][:limit]
    return views


def outdated_plugins(ws: Workspace, actor: Actor) -> list[OutdatedLine]:
    """Every outdated plug-in, driver or browser, by unit and machine."""
    lines = [OutdatedLine(view.machine, view.unit, view.user_name, item.name, item.installed,
                          item.required)
             for view in list_terminals(ws, actor, outdated_only=True, limit=10**9)
             for item in view.outdated]
    return sorted(lines, key=lambda line: (line.unit, line.machine, line.name))


def outdated_summary(ws: Workspace, actor: Actor) -> tuple[int, tuple[tuple[str, int], ...]]:
    """(terminals in the inventory, (plug-in name, outdated terminals) per name) for the
    inspection's environment check."""
    require(actor.role, "read", actor.login)

    with ws.db.read() as session:
        total = session.exec(select(func.count()).select_from(Terminal)).one()
    counts: dict[str, int] = {}
    for line in outdated_plugins(ws, actor):
        counts[line.name] = counts.get(line.name, 0) + 1
    return int(total), tuple(sorted(counts.items()))


def link_question(ws: Workspace, actor: Actor, question_id: int, machine: str | None
                  ) -> TerminalView | None:
    """Name the terminal a question was about (None: unlink)."""
    with change(ws, actor) as tx:
        question = tx.session.get(Question, question_id)
        if question is None:
            raise NotFound("err.common.question_not_found", question_id=question_id)
        link = tx.session.get(QuestionTerminal, question_id)
        terminal = None
        if machine:
            terminal = tx.session.exec(select(Terminal).where(
                col(Terminal.machine) == machine.strip())).first()
            if terminal is None:
                raise NotFound("err.inventory.unknown_machine", machine=machine.strip()[:64])
        before = None
        if link is not None:
            old = tx.session.get(Terminal, link.terminal_id)
            before = {"machine": old.machine if old else ""}
            tx.session.delete(link)
            tx.session.flush()
        if terminal is not None:
            assert terminal.id is not None
            tx.session.add(QuestionTerminal(question_id=question_id, terminal_id=terminal.id,
                                            linked_by=actor.login, linked_at=tx.now))
        tx.record("question.terminal", "question", question_id, before=before,
                  after={"machine": terminal.machine if terminal else ""})
    return terminal_of_question(ws, actor, question_id)


def terminal_of_question(ws: Workspace, actor: Actor, question_id: int) -> TerminalView | None:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        row = session.exec(select(Terminal, Unit.name)
                           .join(QuestionTerminal,
                                 col(QuestionTerminal.terminal_id) == col(Terminal.id))
                           .outerjoin(Unit, col(Unit.id) == col(Terminal.unit_id))
                           .where(col(QuestionTerminal.question_id) == question_id)).first()
        if row is None:
            return None
        terminal, unit = row
        plugins = [(p.name, p.version) for p in session.exec(select(TerminalPlugin).where(
            col(TerminalPlugin.terminal_id) == terminal.id)).all()]
    assert terminal.id is not None
    return _views(ws, [(terminal, unit)], {terminal.id: plugins})[0]
