"""The acceptance (验收) checklist and the acceptance pack: every obligation over the contract
period with its evidence, the breaches and money at risk, and the period's report figures, as
one xlsx plus Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import col, func, select

from helpdesk.actor import Actor
from helpdesk.calendar.periods import ReportPeriod
from helpdesk.contract.clauses import is_target, risk_key
from helpdesk.contract.ledger import OBLIGATIONS, Ledger, compute_ledger, totals_text
from helpdesk.contract.ledger_security import SECURITY_OBLIGATIONS
from helpdesk.contract.payment import Payment
from helpdesk.contract.payment_text import payment_lines
from helpdesk.contract.records import list_deliverables
from helpdesk.data.requests import DataRequestView, list_requests
from helpdesk.i18n import joined, t
from helpdesk.inspection.actions import inspections_between
from helpdesk.questions.models import KbArticle, TrackerItem
from helpdesk.reports.gather import build_report
from helpdesk.reports.markdown import report_markdown, table
from helpdesk.reports.sheet_writer import SheetWriter
from helpdesk.reports.xlsx import report_workbook
from helpdesk.roles import require
from helpdesk.services.file_export import WrittenFile, book_bytes, check_format, write_bytes
from helpdesk.services.service_years import contract_terms
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import Staff
from helpdesk.training.models import TrainingSession


@dataclass(frozen=True)
class CheckItem:
    key: str
    label: str
    state: str  # ok | fail | pending
    detail: str


@dataclass(frozen=True)
class Acceptance:
    day: date  # the acceptance meeting: acceptance_days_before_end before the end
    ledger: Ledger
    items: tuple[CheckItem, ...]

    @property
    def ready(self) -> bool:
        return all(item.state == "ok" for item in self.items)


def _obligation_item(ledger: Ledger, name: str) -> CheckItem:
    cells = dict(ledger.rows)[name]
    counted = [c for c in cells if c.state != "none"]
    met = sum(1 for c in counted if c.state == "met")
    missed = [c.month for c in counted if c.state == "not_met"]
    pending = sum(1 for c in counted if c.state == "pending")
    detail = t("acceptance.months", met=met, total=len(counted), pending=pending)
    if missed:
        detail += " · " + t("acceptance.missed", months=joined(missed))
    if is_target(name):  # the team's own bar: reported, never failed at acceptance
        detail += " · " + t("ledger.own_target")
        return CheckItem(name, t(f"ledger.o_{name}"), "pending" if pending else "ok", detail)
    state = _missed_state(ledger, {name: missed}) or ("pending" if pending else "ok")
    return CheckItem(name, t(f"ledger.o_{name}"), state, detail)


def _missed_state(ledger: Ledger, missed: dict[str, list[str]]) -> str | None:
    """A missed month fails the item only once the bureau asserted it as a breach; detected
    and not asserted, it is a risk (the verdict the contract allows us to state)."""
    asserted = {b.risk for b in ledger.breaches if b.risk}
    if any(risk_key(name, month) in asserted for name, months in missed.items()
           for month in months):
        return "fail"
    return "risk" if any(missed.values()) else None


def _security_item(ledger: Ledger) -> CheckItem:
    """The confidentiality duties as one checklist line; the ledger keeps one row each."""
    rows = dict(ledger.rows)
    missed = {name: [c.month for c in rows[name] if c.state == "not_met"]
              for name in SECURITY_OBLIGATIONS}
    pending = any(c.state == "pending" for name in SECURITY_OBLIGATIONS for c in rows[name])
    failed = [name for name, months in missed.items() if months]
    state = _missed_state(ledger, missed) or ("pending" if pending else "ok")
    detail = t("acceptance.security_detail", count=len(SECURITY_OBLIGATIONS),
               failed=len(failed))
    if failed:
        detail += " · " + joined(f"{t(f'ledger.o_{name}')} {joined(missed[name])}"
                                 for name in failed)
    return CheckItem("security", t("acceptance.security"), state, detail)


def acceptance(ws: Workspace, actor: Actor, today: date | None = None) -> Acceptance:
    require(actor.role, "read", actor.login)
    ledger = compute_ledger(ws, actor, today)
    today = ledger.today
    contract = contract_terms(ws, today)
    items = [_obligation_item(ledger, name) for name in OBLIGATIONS
             if name not in SECURITY_OBLIGATIONS]
    items.append(_security_item(ledger))
    breaches = len(ledger.breaches)
    items.append(CheckItem(
        "breaches", t("acceptance.breaches"),
        "ok" if not breaches else "fail",
        t("acceptance.breach_detail", count=breaches, amount=f"{ledger.penalties:,.0f}",
          limit=ledger.termination_after)))
    open_requests = list_requests(ws, actor, status="open", limit=1000)
    overdue = sum(1 for r in open_requests if r.overdue)
    # What the records show late is a risk the bureau may raise, not a failed item: only an
    # asserted breach fails the checklist (issue 32).
    items.append(CheckItem("data_service", t("acceptance.data_service"),
                           "risk" if overdue else "pending" if open_requests else "ok",
                           t("acceptance.data_detail", open=len(open_requests),
                             overdue=overdue)))
    with ws.db.read() as session:
        late_problems = session.exec(select(func.count()).select_from(TrackerItem).where(
            col(TrackerItem.kind) == "problem",
            col(TrackerItem.status).not_in(("resolved", "closed")),
            col(TrackerItem.follow_up_due) < today)).one()
        published = session.exec(select(func.count()).select_from(KbArticle).where(
            col(KbArticle.status) == "published")).one()
    items.append(CheckItem("problems", t("acceptance.problems"),
                           "risk" if late_problems else "ok",
                           t("acceptance.problems_detail", count=late_problems)))
    items.append(CheckItem("knowledge", t("acceptance.knowledge"),
                           "ok" if published else "risk",
                           t("acceptance.knowledge_detail", count=published)))
    items.append(_deliverables_item(ws, actor))
    if ledger.payment is not None:
        items.append(_payment_item(ledger.payment))
    day = contract.end - timedelta(days=contract.acceptance_days_before_end)
    return Acceptance(day, ledger, tuple(items))


def _deliverables_item(ws: Workspace, actor: Actor) -> CheckItem:
    rows = list_deliverables(ws, actor)
    unsigned = [row for row in rows if row.signed_on is None]
    state = "pending" if unsigned or not rows else "ok"
    return CheckItem("deliverables", t("acceptance.deliverables"), state,
                     t("acceptance.deliverables_detail", count=len(rows),
                       signed=len(rows) - len(unsigned)))


def _payment_item(pay: Payment) -> CheckItem:
    """尾款 39,600 − 扣减 39,600 = 实付 0 (the arithmetic, checkable by hand)."""
    if pay.withheld:  # a failed acceptance: no subtraction to show, the bureau decides
        detail = t("acceptance.payment_withheld", final=f"{pay.final_due:,.0f}",
                   penalties=f"{pay.penalties:,.0f}")
    else:
        detail = t("acceptance.payment_detail", final=f"{pay.final_due:,.0f}",
                   penalties=f"{pay.penalties:,.0f}", net=f"{pay.net_final_payment:,.0f}")
    if pay.acceptance_result not in ("pending", "failed"):  # failed: said above already
        detail += " · " + t(f"acceptance.result_{pay.acceptance_result}")
    if pay.owed_beyond_final:
        detail += " · " + t("acceptance.owed_beyond", amount=f"{pay.owed_beyond_final:,.0f}")
    state = "fail" if pay.penalties or pay.withheld else \
        "ok" if pay.acceptance_result == "passed" else "pending"
    return CheckItem("payment", t("acceptance.payment"), state, detail)


def contract_period(ws: Workspace, day: date) -> ReportPeriod:
    """The service year holding `day`, as the annual report's period."""
    contract = contract_terms(ws, day)
    return ReportPeriod("annual", f"{contract.start}—{contract.end}", contract.start,
                        contract.end)


@dataclass(frozen=True)
class Evidence:
    inspections: tuple[tuple[str, str, str], ...]  # month, finished, by (a person's name)
    trainings: tuple[tuple[str, str, str], ...]  # day, title, status
    data_requests: tuple[DataRequestView, ...]


def _evidence(ws: Workspace, actor: Actor, day: date) -> Evidence:
    contract = contract_terms(ws, day)
    visits = inspections_between(ws, actor, contract.start, contract.end)
    with ws.db.read() as session:
        people = dict(session.execute(select(col(Staff.login), col(Staff.name))).all())
        rows = session.exec(select(TrainingSession).where(
            col(TrainingSession.status) == "held").order_by(col(TrainingSession.starts_at))).all()
        trainings = tuple((f"{r.starts_at.astimezone(ws.hours.zone):%Y-%m-%d}",
                           r.title, t(f"training.status_{r.status}")) for r in rows
                          if contract.start <= r.starts_at.astimezone(ws.hours.zone).date()
                          <= contract.end)
    inspections = tuple(
        (v.month, f"{v.done_at.astimezone(ws.hours.zone):%Y-%m-%d}"
         if v.done_at else t("acceptance.not_finished"),
         people.get(v.done_by or v.started_by, v.done_by or v.started_by)) for v in visits)
    requests = tuple(r for r in list_requests(ws, actor, limit=5000)
                     if r.status == "fulfilled")
    return Evidence(inspections, trainings, requests)


def pack_markdown(accept: Acceptance, evidence: Evidence, report: str) -> str:
    ledger = accept.ledger
    lines = [f"# {t('acceptance.title')}", "",
             t("acceptance.day_line", day=accept.day, today=ledger.today), "",
             f"## {t('acceptance.checklist')}", ""]
    lines += table((t("acceptance.item"), t("acceptance.state"), t("acceptance.detail")),
                   ((i.label, t(f"acceptance.s_{i.state}"), i.detail) for i in accept.items))
    lines += ["", f"## {t('ledger.title')}", ""]
    lines += table((t("ledger.obligation"), *ledger.months),
                   ((t(f"ledger.o_{name}"), *(t(f"ledger.short_{c.state}") for c in cells))
                    for name, cells in ledger.rows))
    lines += ["", f"## {t('ledger.breaches')}", ""]
    lines += table((t("ledger.obligation"), t("report.month"), t("ledger.reason"),
                    t("ledger.amount")),
                   ((t(f"ledger.o_{b.obligation}"), b.month, b.reason, f"{b.amount:,.0f}")
                    for b in ledger.breaches)) if ledger.breaches else [t("ledger.no_breaches")]
    lines += ["", f"## {t('ledger.risks')}", ""]
    lines += table((t("ledger.obligation"), t("report.month"), t("ledger.clause"),
                    t("ledger.reason")),
                   ((t(f"ledger.o_{r.obligation}"), r.month, r.clause, r.figure)
                    for r in ledger.open_risks)) if ledger.open_risks else [t("ledger.no_risks")]
    if ledger.targets_missed:
        lines += ["", f"## {t('ledger.targets')}", ""]
        lines += table((t("ledger.obligation"), t("report.month"), t("ledger.reason")),
                       ((t(f"ledger.o_{r.obligation}"), r.month, r.figure)
                        for r in ledger.targets_missed))
    lines += [""] + [f"{line}  " for line in totals_text(ledger).splitlines()] + [""]
    if ledger.payment is not None:
        lines += [f"## {t('payment.title')}", ""]
        lines += [f"- {line}" for line in payment_lines(ledger.payment, ledger.today)] + [""]
    lines += [f"## {t('acceptance.evidence')}", "", f"### {t('acceptance.ev_inspections')}", ""]
    lines += table((t("report.month"), t("report.done_on"), t("acceptance.by")),
                   evidence.inspections) if evidence.inspections else [t("report.none")]
    lines += ["", f"### {t('acceptance.ev_trainings')}", ""]
    lines += table((t("report.day"), t("report.title"), t("report.state")),
                   evidence.trainings) if evidence.trainings else [t("report.none")]
    lines += ["", f"### {t('acceptance.ev_data')}", ""]
    lines += table((t("report.number"), t("report.title"), t("acceptance.file"), "SHA-256"),
                   ((r.number, r.title, r.file_path, r.checksum)
                    for r in evidence.data_requests)) \
        if evidence.data_requests else [t("report.none")]
    lines += ["", "---", "", report]
    return "\n".join(lines)


def _pack_sheets(book: object, accept: Acceptance, evidence: Evidence) -> None:
    ledger = accept.ledger
    writer = SheetWriter(book, t("acceptance.sheet_checklist"))
    writer.title(t("acceptance.title"), 16)
    writer.line(t("acceptance.day_line", day=accept.day, today=ledger.today))
    writer.row += 1
    writer.table((t("acceptance.item"), t("acceptance.state"), t("acceptance.detail")),
                 ((i.label, t(f"acceptance.s_{i.state}"), i.detail) for i in accept.items))
    writer.finish()
    writer = SheetWriter(book, t("acceptance.sheet_ledger"))
    writer.title(t("ledger.title"))
    writer.table((t("ledger.obligation"), *ledger.months),
                 ((t(f"ledger.o_{name}"), *(f"{t(f'ledger.short_{c.state}')} {c.figure}".strip()
                                            for c in cells)) for name, cells in ledger.rows))
    writer.title(t("ledger.breaches"), 12)
    writer.table((t("ledger.obligation"), t("report.month"), t("ledger.reason"),
                  t("ledger.amount")),
                 ((t(f"ledger.o_{b.obligation}"), b.month, b.reason, b.amount)
                  for b in ledger.breaches))
    writer.title(t("ledger.risks"), 12)
    writer.table((t("ledger.obligation"), t("report.month"), t("ledger.clause"),
                  t("ledger.reason")),
                 ((t(f"ledger.o_{r.obligation}"), r.month, r.clause, r.figure)
                  for r in ledger.open_risks))
    if ledger.targets_missed:
        writer.title(t("ledger.targets"), 12)
        writer.table((t("ledger.obligation"), t("report.month"), t("ledger.reason")),
                     ((t(f"ledger.o_{r.obligation}"), r.month, r.figure)
                      for r in ledger.targets_missed))
    for line in totals_text(ledger).splitlines():
        writer.line(line)
    writer.title(t("ledger.milestones"), 12)
    writer.table((t("ledger.milestone"), t("report.day"), t("ledger.share"), t("ledger.amount")),
                 ((m.label, m.day, m.share, m.amount) for m in ledger.milestones),
                 percent_columns=(3,))
    if ledger.payment is not None:
        writer.title(t("payment.title"), 12)
        for line in payment_lines(ledger.payment, ledger.today):
            writer.line(line)
    writer.finish()
    writer = SheetWriter(book, t("acceptance.sheet_evidence"))
    writer.title(t("acceptance.ev_inspections"), 12)
    writer.table((t("report.month"), t("report.done_on"), t("acceptance.by")),
                 evidence.inspections)
    writer.title(t("acceptance.ev_trainings"), 12)
    writer.table((t("report.day"), t("report.title"), t("report.state")),
                 evidence.trainings)
    writer.title(t("acceptance.ev_data"), 12)
    writer.table((t("report.number"), t("report.title"), t("acceptance.file"), "SHA-256"),
                 ((r.number, r.title, r.file_path, r.checksum) for r in evidence.data_requests))
    writer.finish()


def write_pack(ws: Workspace, actor: Actor, path: Path, password: str | None = None
               ) -> tuple[Acceptance, WrittenFile, WrittenFile | None]:
    """`path`.xlsx and `path`.md beside it; with a password only the encrypted xlsx (a
    Markdown file cannot be password-protected, and the contract wants it protected)."""
    from openpyxl import Workbook

    check_format("xlsx", password)
    path = Path(path)
    xlsx_path, md_path = path.with_suffix(".xlsx"), path.with_suffix(".md")
    accept = acceptance(ws, actor)
    evidence = _evidence(ws, actor, accept.ledger.today)
    figures = build_report(ws, actor, contract_period(ws, accept.ledger.today))
    book = Workbook()
    book.remove(book.active)
    _pack_sheets(book, accept, evidence)
    report_workbook(figures, book)
    written_xlsx = write_bytes(ws, actor, xlsx_path, book_bytes(book), what="acceptance",
                               label=str(accept.day), password=password)
    if password is not None:
        return accept, written_xlsx, None
    text = pack_markdown(accept, evidence, report_markdown(figures))
    written_md = write_bytes(ws, actor, md_path, text.encode("utf-8"), what="acceptance",
                             label=f"{accept.day}.md")
    return accept, written_xlsx, written_md
