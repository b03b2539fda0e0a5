"""`helpdesk question ...`: the questions desk for scripts (JSON for machines)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import LIMIT, MINUTES
from helpdesk.cli.common import actor_of, print_json, workspace_of
from helpdesk.cli.lookup import question_id, unit_id

if TYPE_CHECKING:
    from helpdesk.questions.sla import ClockReading
    from helpdesk.questions.views import QuestionDetail, QuestionRow

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    question = commands.add_parser("question", parents=[common], help="the questions desk (答疑)")
    sub = question.add_subparsers(dest="question_command", required=True)

    add = sub.add_parser("add", parents=[common], help="log a question; prints its id")
    add.add_argument("--title", required=True)
    add.add_argument("--unit", required=True, help="unit code, name or pinyin initials")
    add.add_argument("--category", required=True,
                     help="code or label, e.g. registration or 信访件登记")
    add.add_argument("--asker", default="")
    add.add_argument("--phone", default="")
    add.add_argument("--channel", default="phone")
    add.add_argument("--priority", default="normal")
    add.add_argument("--description", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)

    listing = sub.add_parser("list", parents=[common], help="newest first")
    listing.add_argument("--status")
    listing.add_argument("--category")
    listing.add_argument("--search", default="")
    listing.add_argument("--sla", choices=("on_track", "at_risk", "breached", "paused"))
    listing.add_argument("--limit", type=LIMIT, default=50)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)

    show = sub.add_parser("show", parents=[common], help="one question with its history")
    show.add_argument("id", help="id or number (Q2026-00042)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    resolve = sub.add_parser("resolve", parents=[common], help="resolve with an answer")
    resolve.add_argument("id")
    resolve.add_argument("--answer", required=True)
    resolve.add_argument("--minutes", type=MINUTES, default=0, help="time spent")
    resolve.add_argument("--json", action="store_true")
    resolve.set_defaults(handler=cmd_resolve)

    move = sub.add_parser("move", parents=[common], help="change status (start, wait, escalate, "
                                                          "resume, close)")
    move.add_argument("id")
    move.add_argument("--to", required=True, help="in_progress|waiting|escalated|closed")
    move.add_argument("--note", default="")
    move.add_argument("--ref", default="", help="the province's reference (escalation)")
    move.add_argument("--json", action="store_true")
    move.set_defaults(handler=cmd_move)
    from helpdesk.cli import config_request_cmd

    config_request_cmd.register(sub, common)


def row_json(row: QuestionRow) -> dict[str, Any]:
    return {
        "id": row.id, "number": row.number, "title": row.title, "status": row.status,
        "category": row.category, "priority": row.priority, "channel": row.channel,
        "unit": row.unit, "assignee": row.assignee, "received_at": row.received_at,
        "sla_state": row.sla_state, "remaining": row.remaining_label,
        "remaining_seconds": int(row.remaining_clock.remaining.total_seconds()),
        "response": _clock_json(row.response), "resolution": _clock_json(row.resolution),
    }


def _clock_json(clock: ClockReading) -> dict[str, Any]:
    return {"state": clock.state, "due_at": clock.due_at,
            "target_seconds": int(clock.target.total_seconds()),
            "remaining_seconds": int(clock.remaining.total_seconds()),
            "remaining": clock.label()}


def cmd_add(args: argparse.Namespace) -> int:
    from helpdesk.choices import parse_choice
    from helpdesk.questions.actions import add_question
    from helpdesk.vocab import PRIORITIES, QUESTION_CATEGORIES, QUESTION_CHANNELS

    category = parse_choice(args.category, "category", QUESTION_CATEGORIES)
    channel = parse_choice(args.channel, "channel", QUESTION_CHANNELS)
    priority = parse_choice(args.priority, "priority", PRIORITIES)
    ws = workspace_of(args)
    row = add_question(ws, actor_of(ws), title=args.title, category=category,
                       unit_id=unit_id(ws, args.unit), channel=channel, priority=priority,
                       asker_name=args.asker, asker_phone=args.phone,
                       description=args.description)
    if args.json:
        print_json(row_json(row))
    else:
        print(row.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.choices import parse_choice
    from helpdesk.questions.listing import list_questions, unrecorded_breaches
    from helpdesk.questions.views import QuestionFilter
    from helpdesk.vocab import QUESTION_CATEGORIES, QUESTION_STATUSES

    filters = QuestionFilter(
        statuses=(parse_choice(args.status, "status", QUESTION_STATUSES),) if args.status else (),
        category=parse_choice(args.category, "category", QUESTION_CATEGORIES)
        if args.category else None,
        search=args.search, sla_state=args.sla)
    ws = workspace_of(args)
    late = unrecorded_breaches(ws)
    if late:  # a write, and the ORM for it, only when a clock ran out unrecorded
        from helpdesk.questions.actions import record_breaches

        record_breaches(ws, late)
    rows = list_questions(ws, actor_of(ws), filters, limit=args.limit).rows
    if args.json:
        print_json([row_json(row) for row in rows])
        return 0
    from helpdesk.i18n import t
    from helpdesk.text import pad

    for row in rows:
        print(f"{row.number}  {pad(t('status.' + row.status), 8)} "
              f"{pad(t('sla.' + row.sla_state), 10)} {row.remaining_label:>7}  "
              f"{pad(row.unit, 14)} {row.title}")
    return 0


def detail_json(detail: QuestionDetail) -> dict[str, Any]:
    from helpdesk.masking import mask_phone

    return {
        **row_json(detail.row), "description": detail.description, "answer": detail.answer,
        "asker": detail.row.asker_name, "asker_phone": mask_phone(detail.asker_phone),
        "escalation_ref": detail.escalation_ref,
        "time_spent_minutes": detail.time_spent_minutes,
        "history": [{"at": e.at, "actor": e.actor, "kind": e.kind,
                     "from": e.from_status, "to": e.to_status, "detail": e.detail}
                    for e in detail.events],
        "kb_articles": [{"id": i, "title": title} for i, title in detail.kb_articles],
        "sla_explanation": detail.sla_explanation,
    }


def cmd_show(args: argparse.Namespace) -> int:
    from helpdesk.questions.actions import get_question

    ws = workspace_of(args)
    detail = get_question(ws, actor_of(ws), question_id(ws, args.id))
    body = detail_json(detail)
    if args.json:
        print_json(body)
        return 0
    row = detail.row
    print(f"{row.number}  {row.title}\n{row.unit}  {row.asker_name}  {row.status}  "
          f"{row.sla_state} {row.remaining_label}")
    if detail.description:
        print(f"\n{detail.description}")
    if detail.answer:
        print(f"\n答复 / answer: {detail.answer}")
    print()
    for line in detail.sla_explanation:
        print(f"  {line}")
    zone = ws.hours.zone
    for event in detail.events:
        print(f"  {event.at.astimezone(zone):%m-%d %H:%M} {event.actor} {event.kind} "
              f"{event.from_status}→{event.to_status} {event.detail}")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from helpdesk.questions.actions import resolve

    ws = workspace_of(args)
    row = resolve(ws, actor_of(ws), question_id(ws, args.id), None, answer=args.answer,
                  time_spent_minutes=args.minutes)
    if args.json:
        print_json(row_json(row))
    else:
        print(f"{row.number} resolved")
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    from helpdesk.choices import parse_choice
    from helpdesk.questions.actions import get_question, transition
    from helpdesk.vocab import QUESTION_STATUSES

    target = parse_choice(args.to, "status", QUESTION_STATUSES)
    ws = workspace_of(args)
    actor = actor_of(ws)
    qid = question_id(ws, args.id)
    version = get_question(ws, actor, qid).row.version
    row = transition(ws, actor, qid, version, target, note=args.note,
                     escalation_ref=args.ref)
    if args.json:
        print_json(row_json(row))
    else:
        print(f"{row.number} {row.status}")
    return 0
