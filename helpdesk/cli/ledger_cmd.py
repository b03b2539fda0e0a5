"""`helpdesk ledger [acceptance | pack]`: the contract-compliance ledger (合同履约台账)."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import RECORD_ID, YUAN
from helpdesk.cli.common import actor_of, add_password_file, parse_day, print_json, workspace_of

if TYPE_CHECKING:
    from datetime import date

    from helpdesk.contract.ledger import Risk
    from helpdesk.contract.payment import Payment
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
    accept_sub = accept.add_subparsers(dest="acceptance_command")
    record = accept_sub.add_parser(
        "record", parents=[common], help="the acceptance meeting's result (manager)",
        epilog="example: helpdesk ledger acceptance record --date 2026-11-09 --result partial "
               "--deduction 5000")
    record.add_argument("--date", required=True, type=parse_day, help="the meeting day")
    record.add_argument("--result", required=True, choices=("passed", "failed", "partial"))
    record.add_argument("--deduction", type=YUAN, default=0.0,
                        help="yuan deducted from the final payment (partial)")
    record.add_argument("--note", default="")
    record.add_argument("--json", action="store_true")
    record.set_defaults(handler=cmd_acceptance_record)

    breach = sub.add_parser("breach", parents=[common],
                            help="breaches the bureau asserts (manager)")
    breach_sub = breach.add_subparsers(dest="breach_command", required=True)
    add = breach_sub.add_parser(
        "add", parents=[common], help="record a breach the bureau asserts",
        epilog="example: helpdesk ledger breach add --date 2026-10-20 --clause 十一.8 "
               "--notice 信访函〔2026〕12号")
    add.add_argument("--date", required=True, type=parse_day)
    add.add_argument("--clause", required=True, help="the clause, e.g. 十一.8")
    add.add_argument("--amount", type=YUAN,
                     help="yuan (default: contract value × penalty_per_breach)")
    add.add_argument("--notice", default="", help="the bureau's notice reference")
    add.add_argument("--risk", default="", metavar="OBLIGATION:YYYY-MM",
                     help="the ledger's risk the bureau asserts (e.g. training:2026-06): that "
                          "miss becomes this one breach")
    add.add_argument("--note", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_breach_add)
    for verb, text in (("dispute", "the vendor disputes it (it still counts, marked)"),
                       ("withdraw", "the bureau withdraws it (kept, no longer counted)")):
        step = breach_sub.add_parser(verb, parents=[common], help=text)
        step.add_argument("id", type=RECORD_ID)
        step.add_argument("--note", default="")
        step.add_argument("--json", action="store_true")
        step.set_defaults(handler=cmd_breach_status,
                          status="disputed" if verb == "dispute" else "withdrawn")
    listed = breach_sub.add_parser("list", parents=[common],
                                    help="the breaches recorded, with their state")
    listed.add_argument("--json", action="store_true")
    listed.set_defaults(handler=cmd_breach_list)

    deliver = sub.add_parser(
        "deliver", parents=[common], help="something handed to the bureau (交付)",
        epilog="example: helpdesk ledger deliver monthly_report 2026-10 --to 张主任 "
               "--signed-on 2026-11-03")
    deliver.add_argument("kind", choices=("monthly_report", "quarterly_report", "annual_report",
                                          "acceptance_pack", "data_delivery", "bulletin",
                                          "other"))
    deliver.add_argument("period", help="2026-10, 2026-Q4, 2026, DS2026-0002...")
    deliver.add_argument("--to", required=True, help="who received it")
    deliver.add_argument("--date", type=parse_day, help="delivered on (default today)")
    deliver.add_argument("--signed-on", type=parse_day, help="the bureau signed on")
    deliver.add_argument("--signed-by", default="", help="who signed (default: --to)")
    deliver.add_argument("--note", default="")
    deliver.add_argument("--json", action="store_true")
    deliver.set_defaults(handler=cmd_deliver)
    sign = sub.add_parser("sign", parents=[common], help="the bureau signed for a deliverable")
    sign.add_argument("id", type=RECORD_ID)
    sign.add_argument("--by", required=True)
    sign.add_argument("--date", required=True, type=parse_day)
    sign.add_argument("--json", action="store_true")
    sign.set_defaults(handler=cmd_sign)
    delivered = sub.add_parser("deliverables", parents=[common], help="what was handed over")
    delivered.add_argument("--json", action="store_true")
    delivered.set_defaults(handler=cmd_deliverables)
    from helpdesk.cli import payment_cmd
    from helpdesk.cli.security_cmd import register_commands

    payment_cmd.register(sub, common)

    register_commands(sub, common, ("suggestion",), "ledger")
    bulletin = sub.add_parser(
        "bulletin", parents=[common],
        help="the monthly service bulletin for the bureau (xlsx encrypted unless --plain)",
        epilog="example: helpdesk ledger bulletin --month 2026-10 -o 2026-10通报.xlsx")
    bulletin.add_argument("--month", required=True, help="YYYY-MM")
    bulletin.add_argument("-o", "--output", required=True)
    bulletin.add_argument("--format", choices=("xlsx", "md"), default="xlsx")
    add_password_file(bulletin)
    bulletin.add_argument("--plain", action="store_true",
                          help="write the xlsx without a password (it holds bureau data)")
    bulletin.add_argument("--approval", help="the copy approval (FZ2026-0001) it rests on")
    bulletin.add_argument("--json", action="store_true")
    bulletin.set_defaults(handler=cmd_bulletin)
    pack = sub.add_parser("pack", parents=[common],
                          help="acceptance pack: FILE.xlsx and FILE.md (only the xlsx when "
                               "encrypted)")
    pack.add_argument("-o", "--output", required=True)
    add_password_file(pack)
    pack.add_argument("--password", action="store_true",
                      help="encrypt the xlsx; asks for the password at the terminal")
    pack.set_defaults(handler=cmd_pack)


def cmd_ledger(args: argparse.Namespace) -> int:

    from helpdesk.contract.clauses import is_target
    from helpdesk.contract.ledger import compute_ledger, totals_text
    from helpdesk.i18n import t
    from helpdesk.text import pad

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
                          "amount": b.amount, "risk": b.risk} for b in ledger.breaches],
            "risks": [_risk_json(r) for r in ledger.risks],
            "targets_missed": [_risk_json(r) for r in ledger.targets_missed],
            "penalties": ledger.penalties,
            "worst_case": ledger.worst_case,
            "termination_possible": ledger.termination_possible,
            "termination_if_asserted": ledger.termination_if_asserted,
            "next_due": {"obligation": ledger.next_due.obligation, "day": ledger.next_due.day,
                         "text": ledger.next_due.text} if ledger.next_due else None,
            "at_risk": list(ledger.at_risk),
            "payment": payment_json(ledger.payment, ledger.today) if ledger.payment else None,
            "acceptance_outcome": asdict(ledger.acceptance_outcome)
            if ledger.acceptance_outcome else None})
    else:
        print(pad("", 14) + " ".join(m[2:] for m in ledger.months))
        for name, cells in ledger.rows:
            marks = [("△" if is_target(name) and c.state == "not_met" else MARKS[c.state])
                     for c in cells]  # △: our own target missed, no risk
            print(pad(t(f"ledger.o_{name}"), 14) + " ".join(f"{mark:^5}" for mark in marks))
        for breach in ledger.breaches:
            print(t("ledger.breach_row", obligation=t(f"ledger.o_{breach.obligation}"),
                    month=breach.month, reason=breach.reason, amount=f"{breach.amount:,.0f}"))
        for risk in ledger.open_risks:
            print(t("ledger.risk_row", obligation=t(f"ledger.o_{risk.obligation}"),
                    month=risk.month, clause=risk.clause, figure=risk.figure))
        for target in ledger.targets_missed:
            print(t("ledger.target_row", obligation=t(f"ledger.o_{target.obligation}"),
                    month=target.month, figure=target.figure))
        print(totals_text(ledger))
        if ledger.next_due:
            print(t("ledger.next_line", text=ledger.next_due.text, day=ledger.next_due.day))
        for line in ledger.at_risk:
            print(t("ledger.at_risk_line", line=line))
        if ledger.payment is not None:
            from helpdesk.contract.payment_text import payment_lines

            print("\n".join(payment_lines(ledger.payment, ledger.today)))
    # 1: something to act on: a breach the bureau asserted, or a risk it may assert
    return 1 if ledger.breaches or ledger.open_risks else 0


def _risk_json(risk: Risk) -> dict[str, object]:
    return {"obligation": risk.obligation, "month": risk.month, "clause": risk.clause,
            "figure": risk.figure, "evidence": list(risk.evidence), "asserted": risk.asserted,
            "key": risk.key}


def cmd_acceptance(args: argparse.Namespace) -> int:
    from helpdesk.contract.acceptance import acceptance

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

    from helpdesk.contract.acceptance import write_pack

    password = None
    if args.password:
        from helpdesk.cli.password import ask_password

        password = ask_password(args)
    ws = workspace_of(args)
    _accept, xlsx, md = write_pack(ws, actor_of(ws), Path(args.output), password)
    for written in (xlsx, md):
        if written is not None:
            print(f"{written.path}  {written.size} bytes  sha256 {written.sha256}"
                  + ("  (encrypted)" if written.encrypted else ""))
    return 0


def cmd_acceptance_record(args: argparse.Namespace) -> int:
    from helpdesk.contract.records import record_acceptance

    ws = workspace_of(args)
    outcome = record_acceptance(ws, actor_of(ws), args.date, args.result,
                                deduction=args.deduction, note=args.note)
    if args.json:
        print_json(asdict(outcome))
    else:
        print(f"acceptance {outcome.held_on}: {outcome.result}, deduction "
              f"{outcome.deduction:,.0f}")
    return 0


def cmd_breach_add(args: argparse.Namespace) -> int:
    from helpdesk.contract.records import add_breach

    ws = workspace_of(args)
    row = add_breach(ws, actor_of(ws), args.date, args.clause, amount=args.amount,
                     notice=args.notice, note=args.note, risk=args.risk)
    return _print_breach(args, row)


def cmd_breach_status(args: argparse.Namespace) -> int:
    from helpdesk.contract.records import set_breach_status

    ws = workspace_of(args)
    row = set_breach_status(ws, actor_of(ws), args.id, args.status, args.note)
    return _print_breach(args, row)


def _print_breach(args: argparse.Namespace, row: Any) -> int:
    if args.json:
        print_json(asdict(row))
    else:
        print(f"#{row.id} {row.day} {row.clause} {row.notice} {row.amount:,.0f} {row.status}")
    return 0


def cmd_breach_list(args: argparse.Namespace) -> int:
    from helpdesk.contract.records import list_breaches

    ws = workspace_of(args)
    rows = list_breaches(ws, actor_of(ws))
    if args.json:
        print_json([asdict(row) for row in rows])
        return 0
    for row in rows:
        print(f"#{row.id} {row.day} {row.clause} {row.notice} {row.amount:,.0f} {row.status}")
    return 0


def cmd_deliver(args: argparse.Namespace) -> int:
    from helpdesk.contract.records import deliver

    ws = workspace_of(args)
    row = deliver(ws, actor_of(ws), args.kind, args.period, args.to, delivered_on=args.date,
                  signed_by=args.signed_by, signed_on=args.signed_on, note=args.note)
    return _print_deliverable(args, row)


def cmd_sign(args: argparse.Namespace) -> int:
    from helpdesk.contract.records import sign_deliverable

    ws = workspace_of(args)
    row = sign_deliverable(ws, actor_of(ws), args.id, args.by, args.date)
    return _print_deliverable(args, row)


def _print_deliverable(args: argparse.Namespace, row: Any) -> int:
    if args.json:
        print_json(asdict(row))
    else:
        signed = f"signed {row.signed_on} by {row.signed_by}" if row.signed_on else "NOT signed"
        print(f"#{row.id} {row.kind} {row.period} to {row.delivered_to} on "
              f"{row.delivered_on}: {signed}")
    return 0


def cmd_deliverables(args: argparse.Namespace) -> int:
    from helpdesk.contract.records import list_deliverables

    ws = workspace_of(args)
    rows = list_deliverables(ws, actor_of(ws))
    if args.json:
        print_json([asdict(row) for row in rows])
        return 0
    for row in rows:
        _print_deliverable(args, row)
    return 0


def cmd_bulletin(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.contract.bulletin import write_bulletin
    from helpdesk.services.file_export import check_format

    password = None
    if args.format == "xlsx" and not args.plain:
        from helpdesk.cli.password import ask_password

        check_format(args.format, encrypted=True)
        password = ask_password(args)
    ws = workspace_of(args)
    bulletin, written = write_bulletin(ws, actor_of(ws), args.month, args.format,
                                       Path(args.output), password=password, plain=args.plain,
                                       approval=args.approval)
    if args.json:
        print_json({"month": bulletin.month, "file": str(written.path),
                    "sha256": written.sha256, "encrypted": written.encrypted,
                    "obligations": {c.obligation: c.state for c in bulletin.ledger_cells},
                    "register_entries": len(bulletin.entries),
                    "suggestions": len(bulletin.suggestions)})
    else:
        print(f"{written.path}  {written.size} bytes  sha256 {written.sha256}"
              + ("  (encrypted)" if written.encrypted else ""))
    return 0


def payment_json(pay: Payment, today: date) -> dict[str, object]:
    """The position with what the dataclasses compute: each instalment's state and what is
    owed, the settlement's balance and refund."""
    data = asdict(pay)
    data["still_owed"] = pay.still_owed
    for name, part in (("first", pay.first), ("final", pay.final)):
        if part is not None:
            data[name] |= {"state": part.state(today), "owed": part.owed}
    if pay.settlement is not None:
        end = pay.settlement
        data["settlement"] |= {"balance": end.balance, "refund_due": end.refund_due,
                               "refund_outstanding": end.refund_outstanding,
                               "owed_to_vendor": end.owed_to_vendor}
    return data
