"""When the money moves (contract 九) and the settlement of an early end (十三), by hand.
The sample contract: 198,000 from 2025-12-09 to 2026-12-08 (365 days), 80 % = 158,400 on
signing, 20 % = 39,600 after acceptance, each breach 10 % = 19,800."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from helpdesk.actor import Actor
from helpdesk.clock import FrozenClock
from helpdesk.contract.acceptance import Evidence, acceptance, pack_markdown
from helpdesk.contract.ledger import compute_ledger
from helpdesk.contract.payment_steps import record_payment_step
from helpdesk.contract.payment_text import payment_lines
from helpdesk.contract.records import add_breach, record_acceptance
from helpdesk.errors import NotAuthorized, UsageError
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.cli_support import CliRun, cli_runner, write_config
from tests.conftest import local
from tests.expect import refused


def test_invoice_and_payment_days_count_working_days(ws: Workspace,
                                                     clock: FrozenClock) -> None:
    """Signed 2025-12-09 (Tue): the invoice is due 10 working days later, Dec 10-12 (3),
    15-19 (8), 22-23 (10) = 2025-12-23. Received 2025-12-15: paid within 15 working days,
    Dec 16-19 (4), 22-26 (9), 29-31 (12), Jan 1-3 2026 the New Year holiday, Sunday Jan 4 a
    make-up working day (13), Jan 5 (14), Jan 6 (15) = 2026-01-06."""
    boss = resolve_actor(ws)
    clock.set(local(2025, 12, 12, 10, 0))
    pay = compute_ledger(ws, boss).payment
    assert pay is not None and pay.first is not None
    assert (pay.first.amount, pay.first.invoice_due) == (158_400.0, date(2025, 12, 23))
    assert pay.first.state(date(2025, 12, 12)) == "awaiting_invoice"
    assert pay.first.state(date(2025, 12, 24)) == "invoice_late"

    record_payment_step(ws, boss, "first_invoiced", date(2025, 12, 12))
    clock.set(local(2026, 1, 7, 10, 0))
    with refused(UsageError, "contract.payment_before"):
        record_payment_step(ws, boss, "first_paid", date(2025, 12, 11))
    record_payment_step(ws, boss, "first_invoiced", date(2025, 12, 15))  # the latest decides
    pay = compute_ledger(ws, boss).payment
    assert pay is not None and pay.first is not None
    assert pay.first.payment_due == date(2026, 1, 6)
    assert pay.first.state(date(2026, 1, 7)) == "payment_late"
    paid = record_payment_step(ws, boss, "first_paid", date(2026, 1, 5))
    assert paid.amount == 158_400.0  # in full when no amount is given
    pay = compute_ledger(ws, boss).payment
    assert pay is not None and pay.first is not None and pay.final is not None
    assert (pay.first.state(date(2026, 1, 7)), pay.first.owed) == ("paid", 0.0)
    # the final has no basis before a passing acceptance: 39,600 owed, its invoice not due
    assert (pay.final.state(date(2026, 1, 7)), pay.still_owed) == ("not_due", 39_600.0)


def test_penalties_come_off_the_final_and_the_rest_is_still_owed(
        ws: Workspace, clock: FrozenClock) -> None:
    """First paid 100,000 of 158,400: 58,400 owed. One breach: final 39,600 − 19,800 =
    19,800. Still owed 58,400 + 19,800 = 78,200. Accepted 2026-11-09 (Mon): the final
    invoice is due 10 working days later, Nov 10-13 (4), 16-20 (9), 23 (10) = 2026-11-23."""
    boss = resolve_actor(ws)
    clock.set(local(2026, 11, 10, 9, 0))
    record_payment_step(ws, boss, "first_invoiced", date(2025, 12, 15))
    record_payment_step(ws, boss, "first_paid", date(2026, 1, 5), amount=100_000.0)
    add_breach(ws, boss, date(2026, 10, 20), "十一.8")
    ledger = compute_ledger(ws, boss)
    penalties = ledger.penalties  # the demo-free workspace: this one breach only
    assert penalties == 19_800.0
    pay = ledger.payment
    assert pay is not None and pay.first is not None and pay.final is not None
    assert (pay.first.owed, pay.net_final_payment, pay.still_owed) == (
        58_400.0, 19_800.0, 78_200.0)
    with refused(UsageError, "contract.final_needs_acceptance"):
        record_payment_step(ws, boss, "final_invoiced", date(2026, 11, 10))
    record_acceptance(ws, boss, date(2026, 11, 9), "passed")
    pay = compute_ledger(ws, boss).payment
    assert pay is not None and pay.final is not None
    assert pay.final.invoice_due == date(2026, 11, 23)
    lines = payment_lines(pay, date(2026, 11, 10))
    assert lines == [
        "首付款 158,400 元（合同额 198,000 × 80%）：2026-01-05 已付 100,000 元，尚欠 58,400 元",
        "尾款 39,600 − 扣减 19,800 = 应付 19,800 元：发票应于 2026-11-23 前开具（验收通过后 10 "
        "个工作日）",
        "尚欠：78,200 元（首付款 58,400 + 尾款 19,800）"]
    pack = pack_markdown(acceptance(ws, boss), _no_evidence(), "")
    assert "## 付款情况" in pack and "- 尚欠：78,200 元" in pack


def test_an_early_end_settles_the_performed_share(ws: Workspace, clock: FrozenClock) -> None:
    """Ended 2026-06-09: served 2025-12-09 .. 2026-06-08 = 182 of 365 days; performed 198,000
    × 182 / 365 = 98,728.77; paid 158,400; four breaches 79,200; 98,728.77 − 158,400 −
    79,200 = −138,871.23: the vendor refunds 138,871.23."""
    boss = resolve_actor(ws)
    clock.set(local(2026, 6, 20, 9, 0))
    record_payment_step(ws, boss, "first_invoiced", date(2025, 12, 15))
    record_payment_step(ws, boss, "first_paid", date(2026, 1, 5))
    for day in (3, 4, 5, 8):
        add_breach(ws, boss, date(2026, 6, day), "十一.8")
    with refused(UsageError, "contract.refund_amount"):
        record_payment_step(ws, boss, "refunded", date(2026, 6, 15))
    with refused(UsageError, "contract.payment_needs"):
        record_payment_step(ws, boss, "refunded", date(2026, 6, 15), amount=1.0)
    with refused(UsageError, "contract.termination_reason"):
        record_payment_step(ws, boss, "terminated", date(2026, 6, 9))
    with refused(UsageError, "contract.in_future"):
        record_payment_step(ws, boss, "terminated", date(2026, 6, 21), note="违约超过 3 次")
    with refused(NotAuthorized, "roles.denied"):
        record_payment_step(ws, Actor("zhang", "张伟", "engineer"), "terminated",
                            date(2026, 6, 9), note="违约超过 3 次")
    record_payment_step(ws, boss, "terminated", date(2026, 6, 9), note="违约超过 3 次")
    pay = compute_ledger(ws, boss).payment
    assert pay is not None and pay.settlement is not None
    end = pay.settlement
    assert (end.days_served, end.days_total, end.performed, end.paid, end.penalties) == (
        182, 365, 98_728.77, 158_400.0, 79_200.0)
    assert (end.balance, end.refund_due, pay.still_owed) == (-138_871.23, 138_871.23, 0.0)
    record_payment_step(ws, boss, "refunded", date(2026, 6, 19), amount=100_000.0)
    pay = compute_ledger(ws, boss).payment
    assert pay is not None and pay.settlement is not None
    assert pay.settlement.refund_outstanding == 38_871.23
    assert payment_lines(pay, date(2026, 6, 20))[-1] == (
        "合同于 2026-06-09 提前终止：已履行 182/365 天 = 98,728.77 − 已付 158,400 − 违约金 "
        "79,200 = -138,871.23 元；应退还 138,871.23 元，已退 100,000 元，尚需退还 38,871.23 元")
    # the parties agree another figure: it replaces the pro rata one
    record_payment_step(ws, boss, "terminated", date(2026, 6, 9), amount=120_000.0,
                        note="双方协商")
    pay = compute_ledger(ws, boss).payment
    assert pay is not None and pay.settlement is not None
    assert (pay.settlement.refund_due, pay.settlement.refund_outstanding) == (
        120_000.0, 20_000.0)


def test_ledger_payment_from_the_command_line(cli: CliRun) -> None:
    now = "2026-01-07T10:00:00+08:00"
    code, out = cli("ledger", "payment", "first_invoiced", "--date", "2025-12-15", now=now)
    assert code == 0, out
    assert "首付款发票已收到 2025-12-15" in out
    code, out = cli("ledger", "payment", "final_paid", "--date", "2026-01-06", now=now)
    assert code == 2 and "尚未记录「尾款发票已收到」" in out
    code, out = cli("ledger", "--json", now=now)
    first = json.loads(out)["payment"]["first"]
    assert (first["payment_due"], first["state"], first["owed"]) == (
        "2026-01-06", "payment_late", 158_400.0)
    code, out = cli("ledger", "payment", "--json", now=now)
    assert [row["kind"] for row in json.loads(out)] == ["first_invoiced"]
    code, out = cli("ledger", now=now)
    assert "2025-12-15 收到发票，应于 2026-01-06 前支付（15 个工作日），已逾期" in out


def _no_evidence() -> Evidence:
    return Evidence((), (), ())


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-01-07T10:00:00+08:00")
