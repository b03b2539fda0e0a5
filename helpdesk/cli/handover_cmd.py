"""`helpdesk handover ...`: draft, sign, review, acknowledge and print shift handovers."""

from __future__ import annotations

import argparse
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import RECORD_ID
from helpdesk.cli.common import actor_of, json_value, print_json, workspace_of

if TYPE_CHECKING:
    from helpdesk.roster.handover import HandoverDetail, HandoverRow
    from helpdesk.roster.handover_draft import HandoverDraft

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    handover = commands.add_parser("handover", parents=[common], help="shift handover (交接班)")
    sub = handover.add_subparsers(dest="handover_command", required=True)
    draft = sub.add_parser("draft", parents=[common], help="what this shift would hand over")
    draft.add_argument("--json", action="store_true")
    draft.set_defaults(handler=cmd_draft)
    sign = sub.add_parser("sign", parents=[common], help="sign the draft as it is now")
    sign.add_argument("--note", default="", help="free-text notes")
    sign.add_argument("--attention", action="append", default=[],
                      help="an item the next engineer must act on (repeatable)")
    sign.add_argument("--json", action="store_true")
    sign.set_defaults(handler=cmd_sign)
    review = sub.add_parser("review", parents=[common], help="review one carried item")
    review.add_argument("item", type=RECORD_ID)
    review.add_argument("review", choices=("taken", "not_mine", "done"))
    review.add_argument("--reason", default="",
                        help="a manager not rostered for that shift: why they act for it")
    review.set_defaults(handler=cmd_review)
    ack = sub.add_parser("ack", parents=[common], help="acknowledge a handover")
    ack.add_argument("id", type=RECORD_ID)
    ack.add_argument("--all", choices=("taken", "not_mine", "done"),
                     help="mark every unreviewed carried item so first")
    ack.add_argument("--reason", default="",
                     help="a manager not rostered for that shift: why they take it over")
    ack.set_defaults(handler=cmd_ack)
    show = sub.add_parser("show", parents=[common], help="print one handover")
    show.add_argument("id", type=RECORD_ID)
    show.add_argument("--format", choices=("md", "json"), default="md")
    show.set_defaults(handler=cmd_show)
    listing = sub.add_parser("list", parents=[common], help="handover history, newest first")
    listing.add_argument("--engineer", help="login (outgoing or incoming)")
    listing.add_argument("--week", help="ISO week, e.g. 2026-W48")
    listing.add_argument("--pending", action="store_true", help="not yet acknowledged")
    listing.add_argument("--search", default="")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)


def _iso(instant: datetime | None, zone: tzinfo) -> str | None:
    """Instants print in the one JSON form (helpdesk/cli/common.json_value)."""
    return json_value(instant) if instant is not None else None


def _draft_json(draft: HandoverDraft, zone: tzinfo) -> dict[str, Any]:
    return {"outgoing": draft.outgoing, "window": [_iso(draft.window_start, zone),
                                                   _iso(draft.window_end, zone)],
            "next_shift_start": _iso(draft.next_shift_start, zone),
            "items": [{"section": i.section, "entity": i.entity or None,
                       "entity_id": i.entity_id, "label": i.label, "detail": i.detail,
                       "carried": i.carried, "carry_count": i.carry_count}
                      for i in draft.items]}


def _row_json(row: HandoverRow, zone: tzinfo) -> dict[str, Any]:
    delay = row.ack_delay
    return {"id": row.id, "signed_at": _iso(row.signed_at, zone), "outgoing": row.outgoing,
            "incoming": row.incoming or None,
            "window": [_iso(row.window_start, zone), _iso(row.window_end, zone)],
            "next_shift_start": _iso(row.next_shift_start, zone),
            "acknowledged_at": _iso(row.acknowledged_at, zone),
            "ack_delay_minutes": int(delay.total_seconds() // 60) if delay is not None else None,
            "carried": row.carried, "unreviewed": row.unreviewed, "open_items": row.open_items,
            "repeated": row.repeated, "overdue": row.overdue}


def _detail_json(detail: HandoverDetail, zone: tzinfo) -> dict[str, Any]:
    return {**_row_json(detail.row, zone), "notes": detail.notes,
            "items": [{"id": i.id, "section": i.section, "label": i.label, "detail": i.detail,
                       "carried": i.carried, "carry_count": i.carry_count,
                       "review": i.review or None} for i in detail.items]}


def cmd_draft(args: argparse.Namespace) -> int:
    from helpdesk.i18n import t
    from helpdesk.roster.handover_draft import SECTIONS, draft_handover

    ws = workspace_of(args)
    draft = draft_handover(ws, actor_of(ws))
    if args.json:
        print_json(_draft_json(draft, ws.hours.zone))
        return 0
    zone = ws.hours.zone
    print(f"{draft.outgoing_name} {draft.window_start.astimezone(zone):%Y-%m-%d %H:%M}–"
          f"{draft.window_end.astimezone(zone):%H:%M}")
    for section in SECTIONS:
        items = draft.section(section)
        if items:
            print(f"\n{t(f'handover.section_{section}')}（{len(items)}）")
            for item in items:
                print(f"  - {item.label}" + (f" — {item.detail}" if item.detail else ""))
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    from helpdesk.roster.handover import sign_handover

    ws = workspace_of(args)
    detail = sign_handover(ws, actor_of(ws), notes=args.note,
                           attention="\n".join(args.attention))
    if args.json:
        print_json(_detail_json(detail, ws.hours.zone))
    else:
        print(f"handover #{detail.row.id} signed: {len(detail.items)} items, "
              f"{detail.row.carried} carried over")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from helpdesk.roster.handover import review_item

    ws = workspace_of(args)
    item = review_item(ws, actor_of(ws), args.item, args.review, args.reason)
    print(f"item #{item.id}: {item.review}")
    return 0


def cmd_ack(args: argparse.Namespace) -> int:
    from helpdesk.roster.handover import acknowledge, get_handover, review_item

    ws = workspace_of(args)
    actor = actor_of(ws)
    if args.all:
        for item in get_handover(ws, actor, args.id).items:
            if item.carried and not item.review:
                review_item(ws, actor, item.id, args.all, args.reason)
    detail = acknowledge(ws, actor, args.id, reason=args.reason)
    print(f"handover #{detail.row.id} acknowledged by {detail.row.incoming}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from helpdesk.roster.handover import get_handover
    from helpdesk.roster.handover_text import handover_markdown

    ws = workspace_of(args)
    detail = get_handover(ws, actor_of(ws), args.id)
    if args.format == "json":
        print_json(_detail_json(detail, ws.hours.zone))
    else:
        print(handover_markdown(detail, ws.hours.zone), end="")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.roster.actions import week_range
    from helpdesk.roster.handover import list_handovers

    ws = workspace_of(args)
    start, end = week_range(args.week) if args.week else (None, None)
    page = list_handovers(ws, actor_of(ws), engineer=args.engineer, start=start, end=end,
                          search=args.search, pending_only=args.pending, limit=500)
    if args.json:
        print_json([_row_json(row, ws.hours.zone) for row in page.rows])
        return 0
    zone = ws.hours.zone
    for row in page.rows:
        state = "OVERDUE" if row.overdue else ("ack" if row.acknowledged_at else "pending")
        print(f"#{row.id} {row.signed_at.astimezone(zone):%Y-%m-%d %H:%M} {row.outgoing:<10} "
              f"→ {row.incoming or '—':<10} {state:<8} carried {row.carried} "
              f"open {row.open_items} repeated {row.repeated}")
    return 0
