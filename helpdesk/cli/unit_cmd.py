"""`helpdesk unit add|edit|list`: the bureau's units (streets, departments), for scripts."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from helpdesk.cli.common import actor_of, emit, print_json, workspace_of
from helpdesk.vocab import UNIT_KINDS

if TYPE_CHECKING:
    from helpdesk.services.units import UnitView

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    unit = commands.add_parser("unit", parents=[common],
                               help="the bureau's units: streets and departments (单位)")
    sub = unit.add_subparsers(dest="unit_command", required=True)
    add = sub.add_parser("add", parents=[common], help="a new unit",
                         description="Example: helpdesk unit add S11 --name 香蜜湖街道 "
                                     "--kind street --contact 李主任")
    add.add_argument("code", help="a short code, unique (e.g. S11)")
    add.add_argument("--name", required=True, help="the unit's name, unique")
    add.add_argument("--kind", default="department", choices=UNIT_KINDS, help="its kind")
    add.add_argument("--contact", default="", help="whom to call there")
    add.add_argument("--json", action="store_true", help="print the unit as JSON")
    add.set_defaults(handler=cmd_add)
    edit = sub.add_parser("edit", parents=[common],
                          help="change a unit (only the options given)",
                          description="Example: helpdesk unit edit S11 --contact 王科长")
    edit.add_argument("unit", help="code, name or pinyin initials")
    edit.add_argument("--name", help="the new name")
    edit.add_argument("--kind", choices=UNIT_KINDS, help="the new kind")
    edit.add_argument("--contact", help="the new contact")
    edit.add_argument("--active", choices=("yes", "no"),
                      help="no: hidden from pickers, history kept")
    edit.add_argument("--json", action="store_true", help="print the unit as JSON")
    edit.set_defaults(handler=cmd_edit)
    listing = sub.add_parser("list", parents=[common], help="every unit, by code",
                             description="Example: helpdesk unit list --json")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=cmd_list)


def _print(args: argparse.Namespace, unit: UnitView) -> int:
    return emit(args, unit, f"{unit.code} {unit.name} ({unit.kind})")


def cmd_add(args: argparse.Namespace) -> int:
    from helpdesk.services.units import add_unit

    ws = workspace_of(args)
    return _print(args, add_unit(ws, actor_of(ws), args.code, args.name, args.kind,
                                 args.contact))


def cmd_edit(args: argparse.Namespace) -> int:
    from helpdesk.cli.lookup import unit_id
    from helpdesk.services.units import get_unit, update_unit

    ws = workspace_of(args)
    actor = actor_of(ws)
    unit = get_unit(ws, actor, unit_id(ws, args.unit))
    active = unit.active if args.active is None else args.active == "yes"
    return _print(args, update_unit(
        ws, actor, unit.id, unit.version, name=args.name or unit.name,
        kind=args.kind or unit.kind,
        contact=unit.contact if args.contact is None else args.contact, active=active))


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.i18n import t
    from helpdesk.services.units import list_units

    ws = workspace_of(args)
    actor = actor_of(ws)
    units: list[UnitView] = []
    while True:  # keyset pages of 100
        page = list_units(ws, actor, after_code=units[-1].code if units else None)
        units += page
        if len(page) < 100:
            break
    if args.json:
        print_json(units)
        return 0
    for unit in units:
        mark = "" if unit.active else f" ({t('staff.active_no')})"
        print(f"{unit.code:<8} {unit.kind:<11} {unit.name}{mark}")
    return 0
