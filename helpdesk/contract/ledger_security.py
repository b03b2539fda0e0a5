"""The confidentiality rows of the compliance ledger, month by month from the records:
- exam: everyone rostered held a valid security-exam pass on the day (不通过者不能上岗);
- borrowing: no borrowed file out past its due day during the month;
- copy: every export the console wrote that month rests on a copy approval;
- media: every file or medium holding internal information kept at a month's end has its
  password set and reported to the supervising leader (十一.8); the register keeps whether a
  password is set, not since when, so a month counts the entry as it stands now;
- incident: every leak reported within a day of being found, none still open at month end;
- network: the scan cycle kept (no day past the next scan's due day) and no finding open past
  its due day.
A month still running is pending, flagged at risk when something is already wrong."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import col, select

from helpdesk.i18n import t
from helpdesk.roster.models import DutyShift
from helpdesk.security.exams import add_months, load_clearance
from helpdesk.security.models import RegisterEntry, ScanFinding, SecurityScan
from helpdesk.services.service_years import contract_terms
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import Staff

SECURITY_OBLIGATIONS = ("exam", "borrowing", "copy", "media", "incident", "network")
PROMPT_REPORT_DAYS = 1  # "report promptly": by the day after the leak was found


@dataclass(frozen=True)
class Finding:
    """One fact that breaks an obligation in a month, as the evidence shows it."""

    obligation: str
    day: date
    evidence: str


@dataclass(frozen=True)
class MonthSpan:
    key: str  # 2026-10
    start: date
    end: date


Cell = tuple[str, bool, tuple[str, ...], int]


def security_cells(ws: Workspace, spans: Sequence[MonthSpan], today: date
                   ) -> dict[str, list[Cell]]:
    return finding_cells(security_findings(ws, spans, today), SECURITY_OBLIGATIONS, spans,
                         today)


def finding_cells(found: dict[tuple[str, str], list[Finding]], names: Sequence[str],
                  spans: Sequence[MonthSpan], today: date) -> dict[str, list[Cell]]:
    """obligation -> per month (state, at_risk, evidence, count of findings): a finished month
    with findings is not met, without is met; the running month is pending."""
    cells: dict[str, list[Cell]] = {}
    for name in names:
        row: list[Cell] = []
        for span in spans:
            findings = found.get((name, span.key), [])
            evidence = tuple(f.evidence for f in findings[:20])
            if span.start > today:
                row.append(("pending", False, (), 0))
            elif span.end >= today:
                row.append(("pending", bool(findings), evidence, len(findings)))
            else:
                row.append(("not_met" if findings else "met", False, evidence, len(findings)))
        cells[name] = row
    return cells


def security_findings(ws: Workspace, spans: Sequence[MonthSpan], today: date
                      ) -> dict[tuple[str, str], list[Finding]]:
    """(obligation, month) -> what broke it, for every contract month up to today."""
    if not spans:
        return {}
    first, last = spans[0].start, min(spans[-1].end, today)
    found: dict[tuple[str, str], list[Finding]] = {}

    def add(obligation: str, day: date, evidence: str) -> None:
        for span in spans:
            if span.start <= day <= span.end:
                found.setdefault((obligation, span.key), []).append(
                    Finding(obligation, day, evidence))
                return

    zone = ws.hours.zone
    with ws.db.read() as session:
        clearance = load_clearance(session, ws.config)
        shifts = session.exec(select(DutyShift, Staff).join(
            Staff, col(Staff.id) == col(DutyShift.staff_id)).where(
            col(DutyShift.day) >= first, col(DutyShift.day) <= spans[-1].end)
            .order_by(col(DutyShift.day))).all()
        for shift, staff in shifts:
            if not clearance.cleared(shift.staff_id, shift.day):
                add("exam", shift.day, f"{shift.day:%m-%d} {staff.name}")
        entries = session.exec(select(RegisterEntry).where(
            col(RegisterEntry.kind).in_(("borrow", "media", "incident")))).all()
        scans = sorted(scan.scanned_on for scan in session.exec(select(SecurityScan)).all())
        weaknesses = session.exec(select(ScanFinding)).all()
    _network(ws, today, scans, weaknesses, add)
    for entry in entries:
        if entry.kind == "borrow" and entry.due_on is not None:
            until = entry.closed_on or today
            day = entry.due_on + timedelta(days=1)
            while day <= min(until, last):  # each month the file was out late
                if day >= first:
                    add("borrowing", day, f"{entry.number} {entry.title}")
                    day = _next_month(day)
                else:
                    day = first
        elif entry.kind == "media":
            made = entry.recorded_at.astimezone(zone).date()
            if entry.medium == "export" and entry.ref_id is None:
                add("copy", made, f"{entry.number} {entry.title}")
            _unprotected(entry, made, spans, today, add)
        elif entry.kind == "incident" and entry.start_on is not None:
            if entry.reported_on is not None and \
                    (entry.reported_on - entry.start_on).days > PROMPT_REPORT_DAYS:
                add("incident", entry.reported_on, f"{entry.number} {entry.title}")
            if entry.closed_on is None and entry.start_on <= today:
                add("incident", today, f"{entry.number} {entry.title}")  # still open now
            for span in spans:  # open at the end of each month since it was found
                if span.end < entry.start_on or span.end >= today:
                    continue
                if entry.closed_on is None or entry.closed_on > span.end:
                    add("incident", span.end, f"{entry.number} {entry.title}")
    for findings in found.values():
        _dedupe(findings)
    return found


def _network(ws: Workspace, today: date, scans: list[date],
             findings: Sequence[ScanFinding], add: Callable[[str, date, str], None]) -> None:

    months = ws.config.security.scan_every_months
    base = contract_terms(ws, today).start
    for scanned in [*scans, None]:  # each gap between scans, then up to today
        due = add_months(base, months)
        late_until = today if scanned is None else scanned
        day = due + timedelta(days=1)
        while day <= late_until:  # a scan late, or still not done: each month it lapsed
            add("network", day, t("ledger.scan_lapsed", day=due))
            day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        if scanned is not None:
            base = max(base, scanned)
    for finding in findings:
        until = finding.fixed_on or today
        day = finding.due_on + timedelta(days=1)
        while day <= until:  # each month it was open past its day
            add("network", day, t("ledger.ev_finding", title=finding.title))
            day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _unprotected(entry: RegisterEntry, made: date, spans: Sequence[MonthSpan], today: date,
                 add: Callable[[str, date, str], None]) -> None:
    """Each month's end (today for the running month) at which the file was kept without its
    password set, or with it set and not yet reported."""
    for span in spans:
        day = min(span.end, today)
        if made > day or span.start > today or \
                (entry.closed_on is not None and entry.closed_on <= day):
            continue
        reported = entry.reported_on is not None and entry.reported_on <= day
        if not entry.password_set or not reported:
            add("media", day, f"{entry.number} {entry.title}")


def _dedupe(findings: list[Finding]) -> None:
    seen: set[str] = set()
    keep = []
    for finding in findings:
        if finding.evidence not in seen:
            seen.add(finding.evidence)
            keep.append(finding)
    findings[:] = keep


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)
