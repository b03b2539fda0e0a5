"""Network security (网络安全, contract 五): periodic audits and vulnerability scans with their
reports kept as evidence, the findings each scan makes (owner, due in working days by
severity, remediation, verified by a re-scan), findings raised as desk problems, and what is
due: the next scan by the configured cycle and the findings past their day."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.i18n import t
from helpdesk.questions.models import TrackerItem
from helpdesk.roles import require
from helpdesk.security.exams import add_months
from helpdesk.security.models import ScanFinding, SecurityScan
from helpdesk.services.counters import next_number
from helpdesk.services.service_years import contract_terms
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.storage.files import write_private
from helpdesk.storage.models import Staff
from helpdesk.text import clean

SCAN_KINDS = ("vuln_scan", "audit")
SEVERITIES = ("critical", "high", "medium", "low")
REPORT_LIMIT = 50 * 1024 * 1024


@dataclass(frozen=True)
class ScanView:
    id: int
    number: str
    kind: str
    tool: str
    scanned_on: date
    summary: str
    report_path: str
    report_sha256: str
    findings: int
    open_findings: int


@dataclass(frozen=True)
class FindingView:
    id: int
    scan: str  # the scan's number
    severity: str
    title: str
    owner: str
    owner_login: str
    due_on: date
    due_provisional: bool
    status: str  # open | fixed | verified
    remediation: str
    fixed_on: date | None
    verified_on: date | None
    verified_by_scan: str
    problem: str  # the desk problem's number, when raised
    version: int

    def overdue(self, today: date) -> bool:
        return self.status == "open" and self.due_on < today


@dataclass(frozen=True)
class ScanDue:
    last: date | None
    next_due: date  # the day the next scan is due by the cycle
    overdue: bool


def _today(ws: Workspace) -> date:
    return ws.now().astimezone(ws.hours.zone).date()


def _scan_view(session: Session, scan: SecurityScan) -> ScanView:
    assert scan.id is not None
    rows = session.exec(select(ScanFinding).where(col(ScanFinding.scan_id) == scan.id)).all()
    return ScanView(scan.id, scan.number, scan.kind, scan.tool, scan.scanned_on, scan.summary,
                    scan.report_path, scan.report_sha256, len(rows),
                    sum(1 for row in rows if row.status == "open"))


def _finding_view(session: Session, row: ScanFinding) -> FindingView:
    assert row.id is not None
    scan = session.get(SecurityScan, row.scan_id)
    verifier = session.get(SecurityScan, row.verified_scan_id) if row.verified_scan_id else None
    login = ""
    if row.staff_id is not None:
        staff = session.get(Staff, row.staff_id)
        login = staff.login if staff else ""
    problem = session.get(TrackerItem, row.tracker_id) if row.tracker_id else None
    return FindingView(row.id, scan.number if scan else "", row.severity, row.title, row.owner,
                       login, row.due_on, row.due_provisional, row.status, row.remediation,
                       row.fixed_on, row.verified_on, verifier.number if verifier else "",
                       problem.number if problem else "", row.version)


def _scan(session: Session, number: str) -> SecurityScan:
    text = number.strip().upper()
    scan = session.exec(select(SecurityScan).where(col(SecurityScan.number) == text)).first()
    if scan is None:
        raise NotFound("err.network.no_scan", number=clean(number, single_line=True,
                                                           max_length=40))
    return scan


def _keep_report(ws: Workspace, number: str, source: Path) -> tuple[str, str]:
    """Copy the scan's report into the evidence folder, owner-only; its path and sha256."""
    source = Path(source).expanduser()
    if not source.is_file():
        raise UsageError("err.common.no_such_file", source=source)
    if source.stat().st_size > REPORT_LIMIT:
        raise UsageError("err.network.report_too_large", source=source)
    data = source.read_bytes()
    folder = ws.config.resolve_path(ws.config.security.evidence_dir)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()
    name = clean(source.name, single_line=True, max_length=120).replace(" ", "_")
    # The digest in the name keeps two databases (or a rolled-back try) sharing one evidence
    # folder from colliding; an identical copy already there is the same evidence.
    target = folder / f"{number}-{digest[:12]}-{name}"
    if not (target.is_file() and not target.is_symlink()
            and hashlib.sha256(target.read_bytes()).hexdigest() == digest):
        write_private(target, lambda temporary: Path(temporary).write_bytes(data))
    return str(target.resolve()), digest


def record_scan(ws: Workspace, actor: Actor, kind: str, tool: str, scanned_on: date, *,
                report: Path | None = None, summary: str = "") -> ScanView:
    if kind not in SCAN_KINDS:
        raise UsageError("err.network.kind", kind=kind, kinds=", ".join(SCAN_KINDS))
    tool = clean(tool, single_line=True, max_length=64).strip()
    if not tool:
        raise UsageError("err.network.tool_needed")
    if scanned_on > _today(ws):
        raise UsageError("err.network.in_future", day=scanned_on)
    year = scanned_on.year
    with change(ws, actor) as tx:
        number = f"AQ{year}-{next_number(tx, f'scan-{year}'):04d}"
        path, digest = _keep_report(ws, number, report) if report is not None else ("", "")
        scan = SecurityScan(number=number, kind=kind, tool=tool, scanned_on=scanned_on,
                            summary=clean(summary, single_line=True, max_length=200),
                            report_path=path, report_sha256=digest, recorded_by=actor.login,
                            recorded_at=tx.now)
        tx.session.add(scan)
        tx.session.flush()
        tx.record("scan.add", "security_scan", number, after={
            "kind": kind, "tool": tool, "scanned_on": scanned_on.isoformat(), "file": path,
            "sha256": digest})
        return _scan_view(tx.session, scan)


def due_workdays(ws: Workspace, severity: str) -> int:
    security = ws.config.security
    return {"critical": security.finding_due_critical, "high": security.finding_due_high,
            "medium": security.finding_due_medium, "low": security.finding_due_low}[severity]


def add_finding(ws: Workspace, actor: Actor, scan_number: str, severity: str, title: str, *,
                owner: str = "", due_on: date | None = None) -> FindingView:
    """Due by default `finding_due_<severity>` working days after the scan (the scan day not
    counted; holidays and make-up days from the official calendar)."""
    if severity not in SEVERITIES:
        raise UsageError("err.network.severity", severity=severity,
                         severities=", ".join(SEVERITIES))
    title = clean(title, single_line=True, max_length=200).strip()
    if not title:
        raise UsageError("err.common.title_empty")
    owner = clean(owner, single_line=True, max_length=64).strip()
    with change(ws, actor) as tx:
        scan = _scan(tx.session, scan_number)
        assert scan.id is not None
        provisional = False
        if due_on is None:
            result = ws.calendar.add_working_days(scan.scanned_on, due_workdays(ws, severity))
            due_on, provisional = result.deadline, result.provisional
        elif due_on < scan.scanned_on:
            raise UsageError("err.network.due_before_scan", due=due_on, day=scan.scanned_on)
        staff = tx.session.exec(select(Staff).where(col(Staff.login) == owner)).first() \
            if owner else None
        row = ScanFinding(scan_id=scan.id, severity=severity, title=title,
                          staff_id=staff.id if staff else None,
                          owner=staff.name if staff else owner, due_on=due_on,
                          due_provisional=provisional)
        tx.session.add(row)
        tx.session.flush()
        tx.record("finding.add", "scan_finding", row.id, after={
            "scan": scan.number, "severity": severity, "title": title, "owner": row.owner,
            "due_on": due_on.isoformat()})
        return _finding_view(tx.session, row)


def _finding(session: Session, finding_id: int, expected_version: int | None) -> ScanFinding:
    row = session.get(ScanFinding, finding_id)
    if row is None:
        raise NotFound("err.network.no_finding", finding_id=finding_id)
    if expected_version is not None and row.version != expected_version:
        raise StaleEdit("err.network.stale", finding_id=finding_id)
    return row


def fix_finding(ws: Workspace, actor: Actor, finding_id: int, fixed_on: date,
                remediation: str, expected_version: int | None = None) -> FindingView:
    remediation = clean(remediation, max_length=2000).strip()
    if not remediation:
        raise UsageError("err.network.remediation_needed")
    if fixed_on > _today(ws):
        raise UsageError("err.network.in_future", day=fixed_on)
    with change(ws, actor) as tx:
        row = _finding(tx.session, finding_id, expected_version)
        if row.status != "open":
            raise UsageError("err.network.not_open", finding_id=finding_id)
        scan = tx.session.get(SecurityScan, row.scan_id)
        if scan is not None and fixed_on < scan.scanned_on:
            raise UsageError("err.network.fixed_before_scan", day=fixed_on,
                             scanned=scan.scanned_on)
        row.status, row.fixed_on, row.remediation = "fixed", fixed_on, remediation
        row.version += 1
        tx.session.flush()
        tx.record("finding.fix", "scan_finding", row.id,
                  after={"fixed_on": fixed_on.isoformat(), "remediation": remediation})
        return _finding_view(tx.session, row)


def verify_finding(ws: Workspace, actor: Actor, finding_id: int, scan_number: str,
                   expected_version: int | None = None) -> FindingView:
    """A later scan that no longer finds it: the fix is verified on that scan's day."""
    with change(ws, actor) as tx:
        row = _finding(tx.session, finding_id, expected_version)
        if row.status != "fixed":
            raise UsageError("err.network.not_fixed", finding_id=finding_id)
        scan = _scan(tx.session, scan_number)
        if row.fixed_on is not None and scan.scanned_on < row.fixed_on:
            raise UsageError("err.network.rescan_before_fix", number=scan.number,
                             day=scan.scanned_on, fixed=row.fixed_on)
        row.status, row.verified_on, row.verified_scan_id = "verified", scan.scanned_on, scan.id
        row.version += 1
        tx.session.flush()
        tx.record("finding.verify", "scan_finding", row.id, after={"scan": scan.number})
        return _finding_view(tx.session, row)


def problem_to_raise(tx: Change, finding_id: int) -> tuple[str, str]:
    """The desk problem (系统问题跟踪) a finding would become: title and description; refused
    if it already has one. helpdesk/app/desk.py raises it in the same unit of work."""
    row = _finding(tx.session, finding_id, None)
    if row.tracker_id is not None:
        raise UsageError("err.network.already_problem", finding_id=finding_id)
    scan = tx.session.get(SecurityScan, row.scan_id)
    return row.title, t("network.problem_text", scan=scan.number if scan else "",
                        severity=t(f"network.severity_{row.severity}"), due=row.due_on)


def link_problem(tx: Change, finding_id: int, problem_id: int,
                 problem_number: str) -> FindingView:
    row = _finding(tx.session, finding_id, None)
    row.tracker_id = problem_id
    row.version += 1
    tx.session.flush()
    tx.record("finding.problem", "scan_finding", row.id, after={"problem": problem_number})
    return _finding_view(tx.session, row)


def list_scans(ws: Workspace, actor: Actor) -> list[ScanView]:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        rows = session.exec(select(SecurityScan).order_by(col(SecurityScan.scanned_on).desc(),
                                                          col(SecurityScan.id).desc())).all()
        return [_scan_view(session, row) for row in rows]


def list_findings(ws: Workspace, actor: Actor, *, open_only: bool = False) -> list[FindingView]:
    """Open ones first, soonest due first; then fixed, then verified."""
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        query = select(ScanFinding)
        if open_only:
            query = query.where(col(ScanFinding.status) == "open")
        rows = session.exec(query.order_by(col(ScanFinding.due_on), col(ScanFinding.id))).all()
        order = {"open": 0, "fixed": 1, "verified": 2}
        views = [_finding_view(session, row) for row in rows]
        return sorted(views, key=lambda v: order.get(v.status, 3))


def scan_due(session: Session, ws: Workspace) -> ScanDue:
    """The next scan is due `scan_every_months` after the last one (the contract's start when
    there has been none)."""
    latest = session.exec(select(SecurityScan).order_by(
        col(SecurityScan.scanned_on).desc())).first()
    last = latest.scanned_on if latest else None
    next_due = add_months(last or contract_terms(ws, _today(ws)).start,
                          ws.config.security.scan_every_months)
    return ScanDue(last, next_due, next_due < _today(ws))


@dataclass(frozen=True)
class NetworkAlerts:
    scan: ScanDue
    overdue_findings: tuple[FindingView, ...]

    def __bool__(self) -> bool:
        return self.scan.overdue or bool(self.overdue_findings)


def network_alerts(ws: Workspace, actor: Actor) -> NetworkAlerts:
    require(actor.role, "read", actor.login)
    today = _today(ws)
    with ws.db.read() as session:
        due = scan_due(session, ws)
        rows = session.exec(select(ScanFinding).where(
            col(ScanFinding.status) == "open", col(ScanFinding.due_on) < today)
            .order_by(col(ScanFinding.due_on))).all()
        return NetworkAlerts(due, tuple(_finding_view(session, row) for row in rows))
