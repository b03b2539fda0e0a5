"""Importing the terminal inventory from a spreadsheet (xlsx, xls or csv in UTF-8 or GBK, by the
one set of sheet rules): one row per terminal, 计算机名 (required), 单位, 使用人, 位置, 浏览器,
浏览器版本, 最近访问, 备注, and one column per plug-in or driver whose header ends in 版本
(PageOffice版本, 身份证读卡器版本…: the plug-in is named by the header before 版本; a blank
cell means not installed). A machine already in the inventory is updated. All or nothing: one
bad row refuses the file, every bad row is listed by its row number; importing the same file
again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.i18n import clauses, t
from helpdesk.monitoring.inventory_models import Terminal, TerminalPlugin
from helpdesk.services.sheets import parse_day, read_sheet
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import Unit
from helpdesk.text import clean

HEADERS: dict[str, tuple[str, ...]] = {
    "machine": ("计算机名", "终端名称", "机器名", "终端编号", "machine"),
    "unit": ("单位", "所在单位", "unit"),
    "user_name": ("使用人", "用户", "user"),
    "location": ("位置", "存放位置", "办公室", "location"),
    "browser": ("浏览器", "browser"),
    "browser_version": ("浏览器版本", "browser version"),
    "last_visit": ("最近访问", "最后访问", "最近访问日期", "last visit"),
    "note": ("备注", "note"),
}
REQUIRED = ("machine",)
SUFFIXES = ("版本", " version")
FIELDS = ("user_name", "location", "browser", "browser_version", "last_visit", "note")


@dataclass
class InventoryImportReport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    plugins: tuple[str, ...] = ()  # the plug-in columns found
    errors: list[tuple[int, str]] = field(default_factory=list)
    unknown_units: set[str] = field(default_factory=set)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False


@dataclass(frozen=True)
class _Row:
    machine: str
    unit_id: int | None
    values: dict[str, Any]
    plugins: dict[str, str]  # name -> version; "" = not installed


def plugin_columns(header: list[Any], known: dict[str, int]) -> dict[str, int]:
    """Plug-in name -> column: headers ending in 版本 that are not the browser's."""
    taken = set(known.values())
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = clean(str(cell or ""), single_line=True).strip()
        for suffix in SUFFIXES:
            if index not in taken and text.lower().endswith(suffix) and \
                    text[:-len(suffix)].strip():
                found[text[:-len(suffix)].strip()[:64]] = index
    return found


def _units(ws: Workspace) -> dict[str, int]:
    with ws.db.read() as session:
        return {key: unit.id for unit in session.exec(select(Unit)).all()
                if unit.id is not None for key in (unit.name, unit.code)}


def import_inventory(ws: Workspace, actor: Actor, path: Path, *,
                     dry_run: bool = False) -> InventoryImportReport:
    sheet = read_sheet(path, HEADERS, REQUIRED)
    plugins = plugin_columns(sheet.header, sheet.columns)
    report = InventoryImportReport(rows=len(sheet.rows), plugins=tuple(plugins),
                                   dry_run=dry_run)
    units = _units(ws)
    parsed: list[_Row] = []
    seen: dict[str, int] = {}
    for line, values in sheet.rows:
        def cell(index: int | None, values: list[Any] = values) -> str:
            if index is None or index >= len(values) or values[index] is None:
                return ""
            return clean(str(values[index]), single_line=True).strip()

        problems: list[str] = []
        machine = cell(sheet.columns["machine"])[:64]
        if not machine:
            problems.append(t("err.inventory.no_machine"))
        elif machine in seen:
            problems.append(t("err.inventory.same_machine", row=seen[machine]))
        unit_text = cell(sheet.columns.get("unit"))
        unit_id = units.get(unit_text) if unit_text else None
        if unit_text and unit_id is None:
            report.unknown_units.add(unit_text)
            problems.append(t("err.imports.unknown_unit", unit=unit_text))
        row_values: dict[str, Any] = {name: cell(sheet.columns.get(name))[:limit]
                                      for name, limit in (("user_name", 64), ("location", 128),
                                                          ("browser", 64),
                                                          ("browser_version", 32),
                                                          ("note", 200))}
        index = sheet.columns.get("last_visit")
        try:
            row_values["last_visit"] = parse_day(
                values[index] if index is not None and index < len(values) else None)
        except ValueError as err:
            problems.append(str(err))
        if problems:
            report.errors.append((line, clauses(problems)))
            continue
        seen[machine] = line
        parsed.append(_Row(machine, unit_id, row_values,
                           {name: cell(column)[:32] for name, column in plugins.items()}))
    if report.errors:
        return report
    with ws.db.read() as session:
        _classify(session, parsed, report)
    if dry_run:
        return report
    _write(ws, actor, parsed, report, path.name)
    return report


def _current(session: Any, machines: list[str]
             ) -> dict[str, tuple[Terminal, dict[str, TerminalPlugin]]]:
    found: dict[str, tuple[Terminal, dict[str, TerminalPlugin]]] = {}
    for first in range(0, len(machines), 500):
        for terminal in session.exec(select(Terminal).where(
                col(Terminal.machine).in_(machines[first:first + 500]))).all():
            found[terminal.machine] = (terminal, {})
    by_id = {terminal.id: machine for machine, (terminal, _p) in found.items()}
    ids = list(by_id)
    for first in range(0, len(ids), 500):
        for plugin in session.exec(select(TerminalPlugin).where(
                col(TerminalPlugin.terminal_id).in_(ids[first:first + 500]))).all():
            found[by_id[plugin.terminal_id]][1][plugin.name] = plugin
    return found


def _same(terminal: Terminal, plugins: dict[str, TerminalPlugin], row: _Row) -> bool:
    return terminal.unit_id == row.unit_id and all(
        getattr(terminal, name) == value for name, value in row.values.items()) and all(
        (plugins[name].version if name in plugins else "") == version
        for name, version in row.plugins.items())


def _classify(session: Any, rows: list[_Row], report: InventoryImportReport) -> None:
    current = _current(session, [row.machine for row in rows])
    for row in rows:
        known = current.get(row.machine)
        if known is None:
            report.added += 1
        elif _same(known[0], known[1], row):
            report.unchanged += 1
        else:
            report.updated += 1


def _write(ws: Workspace, actor: Actor, rows: list[_Row], report: InventoryImportReport,
           source: str) -> None:
    with change(ws, actor) as tx:
        current = _current(tx.session, [row.machine for row in rows])
        for row in rows:
            known = current.get(row.machine)
            if known is not None and _same(known[0], known[1], row):
                continue
            terminal, plugins = known if known is not None else (
                Terminal(machine=row.machine, updated_at=tx.now, updated_by=actor.login), {})
            terminal.unit_id = row.unit_id
            for name, value in row.values.items():
                setattr(terminal, name, value)
            terminal.source, terminal.updated_at, terminal.updated_by = \
                source[:128], tx.now, actor.login
            if known is not None:
                terminal.version += 1
            tx.session.add(terminal)
            tx.session.flush()
            assert terminal.id is not None
            for name, version in row.plugins.items():
                plugin = plugins.get(name)
                if not version:
                    if plugin is not None:
                        tx.session.delete(plugin)
                    continue
                if plugin is None:
                    plugin = TerminalPlugin(terminal_id=terminal.id, name=name)
                plugin.version = version
                tx.session.add(plugin)
        tx.record("inventory.import", "terminal", source,
                  after={"rows": report.rows, "added": report.added,
                         "updated": report.updated, "unchanged": report.unchanged})
    report.written = True
