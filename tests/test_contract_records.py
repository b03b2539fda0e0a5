"""The contract's own records: the bureau's asserted breaches (counted, disputed, withdrawn),
deliverables signed for, the acceptance outcome, and the payment position, by hand:
value 198,000; 80 % = 158,400 on signing; final 20 % = 39,600; each breach 10 % = 19,800."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from helpdesk.actor import Actor
from helpdesk.clock import FrozenClock
from helpdesk.contract.acceptance import acceptance
from helpdesk.contract.ledger import compute_ledger
from helpdesk.contract.payment import payment_position
from helpdesk.contract.records import (
    add_breach,
    deliver,
    record_acceptance,
    set_breach_status,
    sign_deliverable,
)
from helpdesk.errors import NotAuthorized, UsageError
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.cli_support import CliRun, cli_runner, write_config
from tests.conftest import local
from tests.expect import refused

CONTRACT = {"value": 198_000.0, "on_signing": 0.8, "on_acceptance": 0.2,
            "penalty_per_breach": 0.1, "termination_after": 3}


def test_payment_arithmetic_by_hand() -> None:
    two = payment_position(**CONTRACT, breach_amounts=[19_800.0, 19_800.0])  # type: ignore[arg-type]
    assert (two.paid_on_signing, two.final_due, two.penalties, two.net_final_payment) == (
        158_400.0, 39_600.0, 39_600.0, 0.0)
    assert not two.termination_possible and two.owed_beyond_final == 0.0
    four = payment_position(**CONTRACT, breach_amounts=[19_800.0] * 4)  # type: ignore[arg-type]
    assert (four.penalties, four.net_final_payment, four.owed_beyond_final) == (
        79_200.0, 0.0, 39_600.0)
    assert four.termination_possible  # more than three
    partial = payment_position(**CONTRACT, breach_amounts=[19_800.0],  # type: ignore[arg-type]
                               acceptance_result="partial", acceptance_deduction=5_000.0)
    assert (partial.penalties, partial.net_final_payment) == (24_800.0, 14_800.0)
    failed = payment_position(**CONTRACT, breach_amounts=[],  # type: ignore[arg-type]
                              acceptance_result="failed")
    assert failed.withheld and failed.net_final_payment == 0.0 and failed.penalties == 0.0
    clean = payment_position(**CONTRACT, breach_amounts=[],  # type: ignore[arg-type]
                             acceptance_result="passed")
    assert clean.net_final_payment == 39_600.0


def test_asserted_breaches_count_until_withdrawn(ws: Workspace, clock: FrozenClock) -> None:
    boss = resolve_actor(ws)
    clock.set(local(2026, 11, 10, 9, 0))
    before = compute_ledger(ws, boss)
    first = add_breach(ws, boss, date(2026, 10, 20), "十一.8", notice="信访函〔2026〕12号")
    assert first.amount == 19_800.0
    second = add_breach(ws, boss, date(2026, 11, 2), "四.3", amount=5_000.0)
    ledger = compute_ledger(ws, boss)
    manual = [b for b in ledger.breaches if b.obligation == "manual"]
    assert [(b.month, b.amount) for b in manual] == [("2026-10", 19_800.0),
                                                     ("2026-11", 5_000.0)]
    assert ledger.penalties == before.penalties + 24_800.0
    set_breach_status(ws, boss, first.id, "disputed", "巡检记录可证明已履约")
    disputed = next(b for b in compute_ledger(ws, boss).breaches if b.obligation == "manual")
    assert "（有异议）" in disputed.reason  # still counted, and marked
    set_breach_status(ws, boss, second.id, "withdrawn")
    after = compute_ledger(ws, boss)
    assert len(after.breaches) == len(before.breaches) + 1
    with refused(UsageError, "contract.breach_already"):
        set_breach_status(ws, boss, second.id, "disputed")
    with refused(NotAuthorized, "roles.denied"):
        add_breach(ws, Actor("zhang", "张伟", "engineer"), date(2026, 11, 2), "四.3")
    with refused(UsageError, "contract.in_future"):
        add_breach(ws, boss, date(2026, 11, 11), "四.3")
    assert after.payment is not None
    assert after.payment.breaches == len(after.breaches)
    assert after.payment.net_final_payment == max(0.0, 39_600.0 - after.penalties)


def test_a_breach_confirms_one_risk_once_and_lies_in_the_contract(
        ws: Workspace, clock: FrozenClock) -> None:
    """One miss is one penalty: the bureau's notice for a risk the ledger detected confirms
    that risk instead of adding a second penalty; our own targets are no risk at all."""
    boss = resolve_actor(ws)
    clock.set(local(2026, 11, 10, 9, 0))
    before = compute_ledger(ws, boss)
    urging = next(r for r in before.open_risks if r.obligation == "urging")
    assert before.breaches == () and before.penalties == 0
    add_breach(ws, boss, date(2026, 11, 5), "附件一 服务6", notice="信访函〔2026〕15号",
               risk=urging.key)
    after = compute_ledger(ws, boss)
    assert [(b.obligation, b.month, b.amount, b.risk) for b in after.breaches] == [
        ("urging", urging.month, 19_800.0, urging.key)]
    assert len(after.open_risks) == len(before.open_risks) - 1  # confirmed, not doubled
    # 198,000 × 10 % = 19,800 deducted from the final 39,600: 19,800 left
    assert after.payment is not None and after.payment.net_final_payment == 19_800.0
    with refused(UsageError, "contract.risk_asserted"):
        add_breach(ws, boss, date(2026, 11, 6), "附件一 服务6", risk=urging.key)
    with refused(UsageError, "contract.not_a_risk"):  # 95 % first response is our target
        add_breach(ws, boss, date(2026, 11, 6), "及时响应", risk="response:2026-10")
    with refused(UsageError, "contract.breach_outside"):  # before the contract began
        add_breach(ws, boss, date(2025, 12, 1), "十一.8")


def test_deliverables_and_the_acceptance_outcome(ws: Workspace, clock: FrozenClock) -> None:
    boss = resolve_actor(ws)
    clock.set(local(2026, 11, 10, 9, 0))
    monthly = deliver(ws, boss, "monthly_report", "2026-10", "张主任",
                      delivered_on=date(2026, 11, 3))
    assert monthly.signed_on is None
    with refused(UsageError, "contract.signed_before"):
        sign_deliverable(ws, boss, monthly.id, "张主任", date(2026, 11, 2))
    signed = sign_deliverable(ws, boss, monthly.id, "张主任", date(2026, 11, 4))
    assert (signed.signed_by, signed.signed_on) == ("张主任", date(2026, 11, 4))
    with refused(UsageError, "contract.already_signed"):
        sign_deliverable(ws, boss, monthly.id, "李主任", date(2026, 11, 5))
    deliver(ws, boss, "data_delivery", "DS2026-0002", "区信访局办公室",
            delivered_on=date(2026, 11, 5), signed_on=date(2026, 11, 5))
    items = {item.key: item for item in acceptance(ws, boss).items}
    assert items["deliverables"].state == "ok"
    assert items["deliverables"].detail == "交付 2 项，已签收 2 项"
    with refused(UsageError, "contract.deduction_on_pass"):
        record_acceptance(ws, boss, date(2026, 11, 9), "passed", deduction=100.0)
    with refused(UsageError, "contract.deduction"):
        record_acceptance(ws, boss, date(2026, 11, 9), "partial", deduction=50_000.0)
    record_acceptance(ws, boss, date(2026, 11, 9), "partial", deduction=5_000.0)
    ledger = compute_ledger(ws, boss)
    assert ledger.payment is not None and ledger.payment.acceptance_result == "partial"
    assert ledger.payment.penalties == ledger.penalties + 5_000.0
    payment = next(i for i in acceptance(ws, boss).items if i.key == "payment")
    assert payment.detail.startswith("尾款 39,600 − 扣减 ")
    assert "部分通过" in payment.detail


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-11-10T09:00:00+08:00")


def test_contract_records_from_the_cli(cli: CliRun) -> None:
    code, out = cli("ledger", "breach", "add", "--date", "2026-10-20", "--clause", "十一.8",
                    "--notice", "信访函〔2026〕12号", "--json")
    assert code == 0 and json.loads(out)["amount"] == 19_800.0
    assert cli("ledger", "breach", "dispute", "1", "--note", "有记录")[0] == 0
    code, out = cli("ledger", "deliver", "monthly_report", "2026-10", "--to", "张主任",
                    "--signed-on", "2026-11-03", "--date", "2026-11-03", "--json")
    assert code == 0 and json.loads(out)["signed_by"] == "张主任"
    assert cli("ledger", "acceptance", "record", "--date", "2026-11-09", "--result",
               "failed")[0] == 0
    code, out = cli("ledger", "--json")
    ledger = json.loads(out)
    payment = ledger["payment"]
    assert payment["acceptance_result"] == "failed" and payment["net_final_payment"] == 0.0
    assert payment["final_due"] == 39_600.0 and payment["paid_on_signing"] == 158_400.0
    assert any(b["obligation"] == "manual" for b in ledger["breaches"])
    assert ledger["acceptance_outcome"]["result"] == "failed"
    # Issue 32: the printed position never shows a subtraction that does not add up
    # ("final 39,600 − penalties 19,800 = net final 0"): withheld, and said so.
    code, out = cli("ledger")
    line = next(x for x in out.splitlines() if x.startswith("验收不通过"))
    assert line == ("验收不通过：尾款 39,600 元暂不支付，实付金额由局方确定；局方认定违约扣款 "
                    "19,800 元")
    code, out = cli("ledger", "acceptance", "--json")
    assert {i["key"] for i in json.loads(out)["items"]} >= {"payment", "deliverables",
                                                             "security"}


def test_late_work_is_a_risk_on_the_checklist_not_a_failure(ws: Workspace,
                                                           clock: FrozenClock) -> None:
    """An overdue data request, a problem past its follow-up and an empty knowledge base are
    risks the bureau may raise; only an asserted breach fails the checklist (issue 32)."""
    from helpdesk.data.requests import add_request

    boss = resolve_actor(ws)
    clock.set(local(2026, 10, 12, 9, 0))
    add_request(ws, boss, title="三季度统计", due_workdays=1)
    clock.set(local(2026, 11, 10, 9, 0))
    items = {item.key: item.state for item in acceptance(ws, boss).items}
    assert (items["data_service"], items["knowledge"]) == ("risk", "risk")
    assert "fail" not in items.values()
