"""Network security (contract 五): scans with their reports kept as evidence, findings due in
working days by severity (the official calendar, 调休 included), fixed and verified by a later
scan, raised as desk problems; the scan cycle and overdue findings in the ledger."""

from __future__ import annotations

import hashlib
import json
import stat
from datetime import date
from pathlib import Path

import pytest

from helpdesk.app.desk import finding_problem
from helpdesk.clock import FrozenClock
from helpdesk.contract.ledger import compute_ledger
from helpdesk.errors import UsageError
from helpdesk.security.network import (
    add_finding,
    fix_finding,
    list_findings,
    network_alerts,
    record_scan,
    scan_due,
    verify_finding,
)
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.cli_support import CliRun, cli_runner, write_config
from tests.conftest import local
from tests.expect import refused


def test_scan_report_kept_and_findings_due_in_working_days(
        ws: Workspace, clock: FrozenClock, tmp_path: Path) -> None:
    boss = resolve_actor(ws)
    clock.set(local(2026, 9, 28, 17, 0))
    report = tmp_path / "扫描报告.pdf"
    report.write_bytes(b"%PDF-1.4 scan report")
    scan = record_scan(ws, boss, "vuln_scan", "绿盟 RSAS", date(2026, 9, 28), report=report)
    kept = Path(scan.report_path)
    assert kept.read_bytes() == report.read_bytes() and kept.name.startswith(scan.number)
    assert scan.report_sha256 == hashlib.sha256(report.read_bytes()).hexdigest()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    # 10 working days after Mon 09-28 (not counted): 09-29, 09-30, 10-08, 10-09,
    # 10-10 (make-up Saturday), 10-12 .. 10-16; 10-01..10-07 is the National Day holiday.
    high = add_finding(ws, boss, scan.number, "high", "中间件版本存在已知漏洞", owner="王建国")
    assert high.due_on == date(2026, 10, 16)
    with refused(UsageError, "network.due_before_scan"):
        add_finding(ws, boss, scan.number, "low", "x", due_on=date(2026, 9, 1))
    with refused(UsageError, "network.not_fixed"):
        verify_finding(ws, boss, high.id, scan.number)
    clock.set(local(2026, 10, 9, 10, 0))
    with refused(UsageError, "network.fixed_before_scan"):
        fix_finding(ws, boss, high.id, date(2026, 9, 27), "升级")
    fixed = fix_finding(ws, boss, high.id, date(2026, 10, 9), "升级中间件至修复版本")
    assert fixed.status == "fixed"
    with refused(UsageError, "network.rescan_before_fix"):
        verify_finding(ws, boss, high.id, scan.number)
    clock.set(local(2026, 10, 20, 10, 0))
    rescan = record_scan(ws, boss, "vuln_scan", "绿盟 RSAS", date(2026, 10, 20))
    verified = verify_finding(ws, boss, high.id, rescan.number)
    assert (verified.status, verified.verified_on, verified.verified_by_scan) == (
        "verified", date(2026, 10, 20), rescan.number)


def test_a_finding_becomes_a_desk_problem(ws: Workspace, clock: FrozenClock) -> None:
    from helpdesk.questions.trackers import list_items

    boss = resolve_actor(ws)
    scan = record_scan(ws, boss, "audit", "区网信办", date(2026, 10, 9))
    finding = add_finding(ws, boss, scan.number, "medium", "弱口令账号 3 个")
    raised = finding_problem(ws, boss, finding.id)
    [problem] = list_items(ws, boss, kind="problem")
    assert raised.problem == problem.number and problem.title == "弱口令账号 3 个"
    assert scan.number in problem.description
    with refused(UsageError, "network.already_problem"):
        finding_problem(ws, boss, finding.id)


def test_the_cycle_and_overdue_findings(ws: Workspace, clock: FrozenClock) -> None:
    boss = resolve_actor(ws)
    clock.set(local(2026, 3, 10, 9, 0))  # contract began 2025-12-09: a scan was due 03-09
    with ws.db.read() as session:
        due = scan_due(session, ws)
    assert (due.last, due.next_due, due.overdue) == (None, date(2026, 3, 9), True)
    assert network_alerts(ws, boss).scan.overdue
    scan = record_scan(ws, boss, "vuln_scan", "绿盟 RSAS", date(2026, 3, 10))
    finding = add_finding(ws, boss, scan.number, "critical", "远程代码执行漏洞",
                          due_on=date(2026, 3, 12))
    with ws.db.read() as session:
        assert scan_due(session, ws).next_due == date(2026, 6, 10)
    clock.set(local(2026, 4, 20, 9, 0))
    alerts = network_alerts(ws, boss)
    assert not alerts.scan.overdue and [f.id for f in alerts.overdue_findings] == [finding.id]
    fix_finding(ws, boss, finding.id, date(2026, 4, 20), "打补丁")
    clock.set(local(2026, 5, 5, 9, 0))
    ledger = compute_ledger(ws, boss)
    assert ledger.cell("network", "2026-03").state == "not_met"  # lapsed 03-10, late finding
    assert ledger.cell("network", "2026-04").state == "not_met"  # open past its day until 04-20
    assert ledger.cell("network", "2026-02").state == "met"
    assert ledger.cell("network", "2026-05").state == "pending"
    evidence = ledger.cell("network", "2026-03").evidence
    assert any("03-09" in line for line in evidence) and any("远程代码执行" in e for e in evidence)
    assert [f.status for f in list_findings(ws, boss)] == ["fixed"]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-10-09T10:00:00+08:00")


def test_network_security_from_the_cli(cli: CliRun, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text("<html>scan</html>", encoding="utf-8")
    code, out = cli("security", "scan", "add", "--tool", "绿盟RSAS", "--date", "2026-10-09",
                    "--report", str(report), "--json")
    scan = json.loads(out)
    assert code == 0 and scan["number"] == "AQ2026-0001" and scan["report_sha256"]
    code, out = cli("security", "finding", "add", "AQ2026-0001", "--severity", "low",
                    "--title", "TLS 1.0 未关闭", "--json")
    assert code == 0 and json.loads(out)["due_on"] > "2026-10-09"
    assert cli("security", "finding", "fix", "1", "--date", "2026-10-09", "--remediation",
               "关闭 TLS 1.0")[0] == 0
    code, out = cli("security", "scan", "list", "--json")
    assert code == 0 and json.loads(out)["next_due"] == "2027-01-09"
    listed = json.loads(cli("security", "finding", "list", "--json")[1])
    assert [f["status"] for f in listed] == ["fixed"]
