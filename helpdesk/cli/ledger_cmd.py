"""`helpdesk ledger [acceptance | pack]`: the contract-compliance ledger (合同履约台账)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from helpdesk.cli.common import actor_of, parse_day, print_json, workspace_of

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

MARKS = {"met": "✔", "not_met": "✘", "pending": "…", "none": "—"}


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    ledger = commands.add_parser("ledger", parents=[common],
                                 help="contract-compliance ledger, acceptance checklist and pack")
    ledger.add_argument("--date", help="YYYY-MM-DD (default: today)")
    ledger.add_argument("--json", action="store_true")
    ledger.set_defaults(handler=cmd_ledger)
    sub = ledger.add_subparsers(dest="ledger_command")
    accept = sub.add_parser("acceptance", parents=[common], help="the acceptance checklist")
    accept.add_argument("--json", action="store_true")
    accept.set_defaults(handler=cmd_acceptance)
    pack = sub.add_parser("pack", parents=[common],
                          help="acceptance pack: FILE.xlsx and FILE.md (only the xlsx when "
                               "encrypted)")
    pack.add_argument("-o", "--output", required=True)
    pack.add_argument("--password", action="store_true",
                      help="encrypt the xlsx; asks for the password at the terminal")
    pack.set_defaults(handler=cmd_pack)


def cmd_ledger(args: argparse.Namespace) -> int:

    from helpdesk.services.ledger import compute_ledger

    ws = workspace_of(args)
    ledger = compute_ledger(ws, actor_of(ws),
                            parse_day(args.date) if args.date else None)
    if args.json:
        print_json({
            "today": ledger.today, "months": ledger.months,
            "obligations": {name: [{"month": c.month, "state": c.state, "figure": c.figure,
                                    "evidence": list(c.evidence), "at_risk": c.at_risk}
                                   for c in cells] for name, cells in ledger.rows},
            "breaches": [{"obligation": b.obligation, "month": b.month, "reason": b.reason,
                          "amount": b.amount} for b in ledger.breaches],
            "amount_at_risk": ledger.amount_at_risk,
            "termination_possible": ledger.termination_possible,
            "next_due": {"obligation": ledger.next_due.obligation, "day": ledger.next_due.day,
                         "text": ledger.next_due.text} if ledger.next_due else None,
            "at_risk": list(ledger.at_risk)})
    else:
        print(f"{'':<12}" + " ".join(m[2:] for m in ledger.months))
        for name, cells in ledger.rows:
            print(f"{name:<12}" + " ".join(f"{MARKS[c.state]:^5}" for c in cells))
        for breach in ledger.breaches:
            print(f"breach  {breach.obligation} {breach.month}: {breach.reason}  "
                  f"{breach.amount:,.0f}")
        print(f"{len(ledger.breaches)} breaches, {ledger.amount_at_risk:,.0f} yuan at risk"
              + ("; TERMINATION POSSIBLE" if ledger.termination_possible else ""))
        if ledger.next_due:
            print(f"next: {ledger.next_due.text} by {ledger.next_due.day}")
        for line in ledger.at_risk:
            print(f"at risk: {line}")
    return 1 if ledger.breaches else 0


def cmd_acceptance(args: argparse.Namespace) -> int:
    from helpdesk.services.acceptance import acceptance

    ws = workspace_of(args)
    accept = acceptance(ws, actor_of(ws))
    if args.json:
        print_json({"day": accept.day, "ready": accept.ready,
                    "items": [vars(item) for item in accept.items]})
    else:
        print(f"acceptance on {accept.day}: {'ready' if accept.ready else 'NOT ready'}")
        for item in accept.items:
            print(f"  {item.state:<7} {item.label}: {item.detail}")
    return 0 if accept.ready else 1


def cmd_pack(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.services.acceptance import write_pack

    password = None
    if args.password:
        from helpdesk.cli.password import ask_password

        password = ask_password()
    ws = workspace_of(args)
    _accept, xlsx, md = write_pack(ws, actor_of(ws), Path(args.output), password)
    for written in (xlsx, md):
        if written is not None:
            print(f"{written.path}  {written.size} bytes  sha256 {written.sha256}"
                  + ("  (encrypted)" if written.encrypted else ""))
    return 0
