"""`helpdesk ledger payment`: the steps of the money (九, 十三) and the position they give."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING

from helpdesk.cli.argtypes import YUAN
from helpdesk.cli.common import actor_of, parse_day, print_json, workspace_of
from helpdesk.contract.payment_schedule import EVENT_KINDS

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(sub: Commands, common: argparse.ArgumentParser) -> None:
    payment = sub.add_parser(
        "payment", parents=[common],
        help="record an invoice received, a payment, an early end or a refund (manager); "
             "without a step, list the steps recorded",
        epilog="example: helpdesk ledger payment first_invoiced --date 2025-12-15")
    payment.add_argument("step", nargs="?", choices=EVENT_KINDS,
                         help="first_invoiced / final_invoiced: the bureau received the "
                              "invoice; first_paid / final_paid: it paid; terminated: the "
                              "contract ended early (--note the reason); refunded")
    payment.add_argument("--date", type=parse_day, help="the day it happened (YYYY-MM-DD)")
    payment.add_argument("--amount", type=YUAN,
                         help="yuan paid or refunded (a payment without it: in full); for "
                              "terminated, the refund the parties agreed instead of the pro "
                              "rata share")
    payment.add_argument("--note", default="")
    payment.add_argument("--json", action="store_true")
    payment.set_defaults(handler=cmd_payment)


def cmd_payment(args: argparse.Namespace) -> int:
    from helpdesk.contract.payment_steps import list_payment_steps, record_payment_step
    from helpdesk.errors import UsageError

    ws = workspace_of(args)
    actor = actor_of(ws)
    if args.step is None:
        rows = list_payment_steps(ws, actor)
        if args.json:
            print_json([asdict(row) for row in rows])
        for row in [] if args.json else rows:
            print(_line(row.kind, row.day, row.amount))
        return 0
    if args.date is None:
        raise UsageError("err.common.date_needed")
    row = record_payment_step(ws, actor, args.step, args.date, amount=args.amount,
                              note=args.note)
    if args.json:
        print_json(asdict(row))
    else:
        print(_line(row.kind, row.day, row.amount))
    return 0


def _line(kind: str, day: object, amount: float | None) -> str:
    from helpdesk.contract.payment_text import money
    from helpdesk.i18n import t

    extra = t("payment.recorded_amount", amount=money(amount)) if amount is not None else ""
    return t("payment.recorded", kind=t(f"payment.k_{kind}"), day=day, amount=extra)
