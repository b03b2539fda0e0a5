"""`helpdesk ranking add|list|import`: the district's place in the province's published 三率
ranking (三率全省排名), per period and rate. Percentages are typed as percent (92.5 or 92.5%)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from helpdesk.cases.rates import RATE_NAMES
from helpdesk.cli.argtypes import whole
from helpdesk.cli.common import actor_of, emit, print_import, print_json, workspace_of

if TYPE_CHECKING:
    from helpdesk.cases.ranking import RankView

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

RATES = "|".join(RATE_NAMES)


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("ranking", parents=[common],
                                 help="the district's 三率 rank in the province (三率全省排名)")
    sub = parser.add_subparsers(dest="ranking_command", required=True)
    add = sub.add_parser("add", parents=[common],
                         help="record the district's rank for a period and rate (again: "
                              "replaces it)",
                         description="Example: helpdesk ranking add 2026-10 --rate "
                                     "satisfaction --rank 3 --of 21 --province-average 95.2")
    add.add_argument("period", help="2026-10, 2026-Q4 or 2026")
    add.add_argument("--rate", required=True, help=f"{RATES} (or its label, 满意率)")
    add.add_argument("--rank", type=whole(1, 10_000), required=True,
                     help="the district's place, 1 = best")
    add.add_argument("--of", type=whole(1, 10_000), required=True, dest="ranked",
                     help="how many districts were ranked")
    add.add_argument("--province-average", default="", help="the province average, in percent")
    add.add_argument("--district-value", default="",
                     help="the district's figure as the province published it, in percent")
    add.add_argument("--note", default="", help="the province's notice, say")
    add.add_argument("--json", action="store_true", help="print the rank as JSON")
    add.set_defaults(handler=cmd_add)
    listing = sub.add_parser("list", parents=[common],
                             help="newest period first, with the move since the period before",
                             description="Example: helpdesk ranking list --rate satisfaction "
                                         "--json")
    listing.add_argument("--rate", default="", help=RATES)
    listing.add_argument("--kind", choices=("monthly", "quarterly", "annual"), default=None,
                         help="only months, quarters or years")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=cmd_list)
    imports = sub.add_parser("import", parents=[common],
                             help="import the province's table (期间, 指标, 排名, 参评区县数, "
                                  "全省平均, 本区数值)",
                             description="Example: helpdesk ranking import 三率排名.xlsx "
                                         "--dry-run --json")
    imports.add_argument("file", help="xlsx, xls or csv (UTF-8 or GBK)")
    imports.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
    imports.add_argument("--json", action="store_true", help="print the outcome as JSON")
    imports.set_defaults(handler=cmd_import)


def rank_line(rank: RankView) -> str:
    def percent(value: float | None) -> str:
        return "—" if value is None else f"{value * 100:.1f}%"

    move = rank.movement
    moved = "" if move is None else f" ({'+' if move > 0 else ''}{move})" if move else " (=)"
    return (f"{rank.period:<8} {rank.rate:<19} {rank.rank:>3}/{rank.ranked:<3}{moved:<6} "
            f"average {percent(rank.province_average)} district "
            f"{percent(rank.district_value)}")


def cmd_add(args: argparse.Namespace) -> int:
    from helpdesk.cases.ranking import parse_percent, record_rank

    ws = workspace_of(args)
    rank = record_rank(ws, actor_of(ws), args.period, args.rate, args.rank, args.ranked,
                       province_average=parse_percent(args.province_average),
                       district_value=parse_percent(args.district_value), note=args.note)
    return emit(args, rank, rank_line(rank))


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.cases.ranking import list_ranks

    ws = workspace_of(args)
    ranks = list_ranks(ws, actor_of(ws), rate=args.rate or None, kind=args.kind)
    if args.json:
        print_json(ranks)
        return 0
    for rank in ranks:
        print(rank_line(rank))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.cases.ranking_import import import_ranks

    ws = workspace_of(args)
    return print_import(args, import_ranks(ws, actor_of(ws), Path(args.file),
                                            dry_run=args.dry_run))
