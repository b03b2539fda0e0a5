"""The contract-compliance ledger (合同履约台账), computed from the records every time, never from
stored counters: for each obligation and contract month, met / not met / pending with the
evidence. A month not met is a *risk* under its clause (contract/clauses.py), or a missed
*target* when the bar is the team's own; only a *breach* the bureau asserts costs
`penalty_per_breach` of the contract value, and one that confirms a risk replaces it (one miss,
one penalty).

Obligations and when a month counts as met (the choices are written down in the README):
- onsite: 5×8 on-site coverage of office time ≥ onsite_coverage_percent (roster and leave;
  only shifts of engineers active and cleared by the security exam that day);
- inspection: the month's inspection finished (late is flagged, not a breach);
- training: the service year's `trainings_per_year` sessions held, counted in its last month;
- response / resolution: share of questions received that month answered / resolved within the
  SLA ≥ response_met_percent / resolution_met_percent (no question: met);
- urging, data_due, problems, reports: the rest of the service list (ledger_service.py);
- exam, borrowing, copy, incident, network: the confidentiality duties (ledger_security.py).
A month still running is pending; its figures so far are shown and flagged when at risk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from helpdesk.actor import Actor
from helpdesk.cases.proxy_work import proxy_months
from helpdesk.contract.clauses import clause_text, is_target, risk_key
from helpdesk.contract.ledger_security import (
    SECURITY_OBLIGATIONS,
    MonthSpan,
    finding_cells,
    security_cells,
)
from helpdesk.contract.ledger_service import SERVICE_OBLIGATIONS, service_findings
from helpdesk.contract.month_figures import sla_by_month
from helpdesk.contract.payment import Payment
from helpdesk.contract.payment_steps import payment_steps
from helpdesk.contract.records import (
    OutcomeView,
    counted_breaches,
    latest_outcome,
    position,
)
from helpdesk.i18n import t
from helpdesk.inspection.actions import inspection_obligation
from helpdesk.inspection.obligation import InspectionMonth, month_bounds, months
from helpdesk.reports.figures import SlaCounts
from helpdesk.reports.gather import day_start, late_numbers
from helpdesk.roles import require
from helpdesk.roster.actions import coverage_gaps
from helpdesk.services.audit_memo import kept_until_changed
from helpdesk.services.service_years import (
    ServiceYear,
    contract_terms,
    service_years,
    terms_of,
    year_of,
)
from helpdesk.services.workspace import Workspace
from helpdesk.training.actions import training_obligation
from helpdesk.training.obligation import Obligation

OBLIGATIONS = ("onsite", "inspection", "training", "response", "resolution",
               *SERVICE_OBLIGATIONS, "proxy", *SECURITY_OBLIGATIONS)
STATES = ("met", "not_met", "pending", "none")


@dataclass(frozen=True)
class LedgerCell:
    obligation: str
    month: str
    state: str  # met | not_met | pending | none (nothing due that month)
    figure: str
    evidence: tuple[str, ...]
    at_risk: bool = False


@dataclass(frozen=True)
class Risk:
    """A month the records show missed against an obligation the contract states (or, among
    `targets_missed`, against the team's own target): no penalty until the bureau asserts it."""

    obligation: str
    month: str
    clause: str
    figure: str
    evidence: tuple[str, ...]
    asserted: bool = False  # a breach the bureau asserted confirms it

    @property
    def key(self) -> str:
        return risk_key(self.obligation, self.month)


@dataclass(frozen=True)
class Breach:
    """What the bureau asserted (contract/records.py), the only thing that costs money."""

    obligation: str  # the confirmed risk's obligation, or "manual"
    month: str
    reason: str
    amount: float
    risk: str = ""  # the risk it confirms (`training:2026-06`), if any


@dataclass(frozen=True)
class Milestone:
    label: str
    day: date
    share: float
    amount: float


@dataclass(frozen=True)
class NextDue:
    obligation: str
    day: date
    text: str


@dataclass(frozen=True)
class Ledger:
    today: date
    months: tuple[str, ...]
    rows: tuple[tuple[str, tuple[LedgerCell, ...]], ...]  # (obligation, one cell per month)
    breaches: tuple[Breach, ...]  # asserted by the bureau: these alone cost money
    risks: tuple[Risk, ...]  # detected misses of what the contract states
    targets_missed: tuple[Risk, ...]  # detected misses of the team's own targets
    value: float
    penalty_per_breach: float
    termination_after: int
    milestones: tuple[Milestone, ...]
    next_due: NextDue | None
    at_risk: tuple[str, ...]  # this month's warnings, plain text
    payment: Payment | None = None
    acceptance_outcome: OutcomeView | None = None
    year: ServiceYear | None = None  # the service year counted

    @property
    def penalties(self) -> float:
        """What the bureau may deduct: its asserted breaches, each its own amount."""
        return sum(b.amount for b in self.breaches)

    @property
    def open_risks(self) -> tuple[Risk, ...]:
        return tuple(r for r in self.risks if not r.asserted)

    @property
    def worst_case(self) -> float:
        """The penalties if the bureau asserted every open risk too."""
        return self.penalties + len(self.open_risks) * self.value * self.penalty_per_breach

    @property
    def termination_possible(self) -> bool:
        return len(self.breaches) > self.termination_after

    @property
    def termination_if_asserted(self) -> bool:
        return len(self.breaches) + len(self.open_risks) > self.termination_after

    def cell(self, obligation: str, month: str) -> LedgerCell:
        cells = dict(self.rows)[obligation]
        return cells[self.months.index(month)]


def _percent(value: float) -> str:
    return f"{value:.1f}%"


def _onsite(ws: Workspace, actor: Actor, key: str, start: date, end: date, today: date
            ) -> LedgerCell:
    if start > today:
        return LedgerCell("onsite", key, "pending", "", ())
    until = min(end, today)
    coverage = coverage_gaps(ws, actor, start, until)
    target = ws.config.contract.onsite_coverage_percent
    gaps = tuple(f"{g.day:%m-%d} {g.hours}" for g in coverage.gaps[:20])
    figure = _percent(coverage.percent)
    if coverage.gaps:
        figure += f" · {t('ledger.gaps', count=len(coverage.gaps))}"
    short = coverage.percent + 1e-9 < target
    if end >= today:
        return LedgerCell("onsite", key, "pending", figure, gaps, at_risk=short)
    return LedgerCell("onsite", key, "not_met" if short else "met", figure, gaps)


def _sla_counts(ws: Workspace, keys: Sequence[str], today: date) -> dict[str, SlaCounts]:
    """Each contract month's SLA counts: the months already over from storage
    (services/month_figures), the others counted now."""
    contract = contract_terms(ws, today)
    spans: dict[str, tuple[datetime, datetime]] = {}
    for key in keys:
        first, last = month_bounds(int(key[:4]), int(key[5:]))
        start, end = max(first, contract.start), min(last, contract.end)
        if start <= today:
            spans[key] = (day_start(ws, start), day_start(ws, end + timedelta(days=1)))
    counted = sla_by_month(ws, list(spans.values()), ws.now())
    return dict(zip(spans, counted, strict=True))


def missed_questions(ws: Workspace, key: str, clock: str) -> tuple[str, ...]:
    """Every question of month `key` (2026-09) whose `clock` (response | resolution) ended
    unmet: a cell's evidence lists the first 20, a bulletin's evidence sheet all of them."""
    year, month = int(key[:4]), int(key[5:])
    start, end = month_bounds(year, month)
    with ws.db.read() as session:
        return tuple(late_numbers(session, day_start(ws, start),
                                  day_start(ws, end + timedelta(days=1)), ws.now(), clock,
                                  limit=None))


def _sla(ws: Workspace, key: str, start: date, end: date, today: date,
         counts: SlaCounts | None) -> tuple[LedgerCell, LedgerCell]:
    if counts is None:  # a month not begun
        return (LedgerCell("response", key, "pending", "", ()),
                LedgerCell("resolution", key, "pending", "", ()))
    now = ws.now()
    first, last = day_start(ws, start), day_start(ws, end + timedelta(days=1))
    contract = ws.config.contract
    cells = []
    with ws.db.read() as session:
        for clock, rate, target in (
                ("response", counts.response, contract.response_met_percent),
                ("resolution", counts.resolution, contract.resolution_met_percent)):
            value = rate.value
            short = value is not None and value * 100 + 1e-9 < target
            figure = "—" if value is None else f"{rate.percent()} ({rate.numerator}/" \
                                                  f"{rate.denominator})"
            evidence = tuple(late_numbers(session, first, last, now, clock)) if short else ()
            if end >= today:
                cells.append(LedgerCell(clock, key, "pending", figure, evidence, at_risk=short))
            else:
                cells.append(LedgerCell(clock, key, "not_met" if short else "met", figure,
                                        evidence))
    return cells[0], cells[1]


def compute_ledger(ws: Workspace, actor: Actor, today: date | None = None) -> Ledger:
    """Every obligation month by month as of `today`; kept in this process until a change is
    committed (services/audit_memo): Today's contract line and the ledger share one."""
    require(actor.role, "read", actor.login)
    day = today or ws.now().astimezone(ws.hours.zone).date()
    return kept_until_changed(ws, "ledger", (day,), lambda: _computed(ws, actor, day))


def _computed(ws: Workspace, actor: Actor, today: date) -> Ledger:
    service_year = year_of(service_years(ws), today)
    contract = terms_of(ws.config, service_year)
    keys = [f"{y:04d}-{m:02d}" for y, m in months(contract.start, contract.end)]
    inspections = {row.month: row for row in inspection_obligation(ws, actor, today)}
    training = training_obligation(ws, actor, today)
    cells: dict[str, list[LedgerCell]] = {name: [] for name in OBLIGATIONS}
    spans = []
    month_counts = _sla_counts(ws, keys, today)
    for key in keys:
        year, month = int(key[:4]), int(key[5:])
        first, last = month_bounds(year, month)
        start, end = max(first, contract.start), min(last, contract.end)
        spans.append(MonthSpan(key, start, end))
        cells["onsite"].append(_onsite(ws, actor, key, start, end, today))
        inspection = inspections[key]
        state = {"met": "met", "late": "met", "missing": "not_met"}.get(inspection.state,
                                                                          "pending")
        figure = t(f"inspection.state_{inspection.state}") + (
            f" {inspection.done_on:%m-%d}" if inspection.done_on else
            f" · {t('ledger.due_by', day=f'{inspection.due:%m-%d}')}")
        cells["inspection"].append(LedgerCell(
            "inspection", key, state, figure,
            (t("ledger.ev_inspection", month=key),) if inspection.inspection_id else (),
            at_risk=inspection.state == "due"))
        period = next((p for p in training.periods if start <= p.end <= end), None)
        if period is None:
            cells["training"].append(LedgerCell("training", key, "none", "", ()))
        else:
            state = {"met": "met", "missed": "not_met"}.get(period.state, "pending")
            cells["training"].append(LedgerCell(
                "training", key, state,
                t("ledger.training_period", number=period.number,
                  start=period.start, end=period.end,
                  held=len(period.held)),
                tuple(t("ledger.ev_training", day=training.days[i])
                      for i in period.held or period.planned),
                at_risk=period.state == "at_risk"))
        response, resolution = _sla(ws, key, start, end, today, month_counts.get(key))
        cells["response"].append(response)
        cells["resolution"].append(resolution)
    measured = security_cells(ws, spans, today) | finding_cells(
        service_findings(ws, spans, today), SERVICE_OBLIGATIONS, spans, today)
    for name, row in measured.items():
        for span, (state, risky, evidence, count) in zip(spans, row, strict=True):
            figure = t("ledger.findings", count=count) if count else (
                t("ledger.no_findings") if span.start <= today else "")
            cells[name].append(LedgerCell(name, span.key, state, figure, evidence, risky))

    for span, (state, figure, evidence, risky) in zip(spans, proxy_months(
            ws, [(span.key, span.start, span.end) for span in spans], today), strict=True):
        cells["proxy"].append(LedgerCell("proxy", span.key, state, figure, evidence, risky))
    # a training period's own at-risk state shows even before its last month starts
    current = training.current(today)
    with ws.db.read() as session:
        asserted = [b for b in counted_breaches(session, service_year) if b.day <= today]
        outcome = latest_outcome(session, service_year)
        steps = payment_steps(session, service_year)
    confirmed = {b.risk for b in asserted if b.risk}
    missed = [(name, cell) for name in OBLIGATIONS for cell in cells[name]
              if cell.state == "not_met"]
    risks = tuple(Risk(name, cell.month, clause_text(name), cell.figure, cell.evidence,
                       risk_key(name, cell.month) in confirmed)
                  for name, cell in missed if not is_target(name))
    targets_missed = tuple(Risk(name, cell.month, clause_text(name), cell.figure,
                                cell.evidence) for name, cell in missed if is_target(name))
    breaches = tuple(
        Breach(b.risk.partition(":")[0] if b.risk else "manual",
               b.risk.partition(":")[2] if b.risk else f"{b.day:%Y-%m}",
               " ".join(filter(None, (b.clause, b.notice, t("contract.disputed_mark")
                                      if b.status == "disputed" else ""))), b.amount, b.risk)
        for b in asserted)
    # our own targets falling short this month are no risk (the cells still show it)
    at_risk = [t("ledger.risk_item", what=f"{t(f'ledger.o_{name}')} {cell.month}",
                 figure=cell.figure)
               for name in OBLIGATIONS if not is_target(name)
               for cell in cells[name] if cell.at_risk]
    if current is not None and current.state == "at_risk" and \
            not any(c.at_risk for c in cells["training"]):
        unplanned = t("ledger.training_unplanned", end=current.end)
        at_risk.append(t("ledger.risk_item", what=t("ledger.o_training"), figure=unplanned))
    acceptance = contract.end - timedelta(days=contract.acceptance_days_before_end)
    milestones = (
        Milestone(t("ledger.m_signing"), contract.start, contract.payment_on_signing,
                  contract.value_yuan * contract.payment_on_signing),
        Milestone(t("ledger.m_acceptance"), acceptance, contract.payment_on_acceptance,
                  contract.value_yuan * contract.payment_on_acceptance))
    return Ledger(today, tuple(keys), tuple((n, tuple(cells[n])) for n in OBLIGATIONS),
                  breaches, risks, targets_missed, contract.value_yuan, contract.penalty_per_breach,
                  contract.termination_after_breaches, milestones,
                  _next_due(inspections.values(), training, acceptance, today), tuple(at_risk),
                  position(ws, service_year, [b.amount for b in breaches], outcome, steps),
                  outcome, service_year)


def _next_due(inspections: Iterable[InspectionMonth], training: Obligation, acceptance: date,
              today: date) -> NextDue | None:
    candidates = [NextDue("inspection", row.due, t("ledger.next_inspection", month=row.month))
                  for row in inspections if row.state in ("due", "open") and row.due >= today]
    if training.next_due is not None and training.next_due >= today:
        candidates.append(NextDue("training", training.next_due, t("ledger.next_training")))
    if acceptance >= today:
        candidates.append(NextDue("acceptance", acceptance, t("ledger.next_acceptance")))
    return min(candidates, key=lambda c: c.day, default=None)


def totals_text(ledger: Ledger) -> str:
    """The ledger's bottom line in words: what the bureau asserted and what it costs, then the
    risks it has not asserted with the worst case, each a sum one can check by hand."""
    each = ledger.value * ledger.penalty_per_breach
    lines = [t("ledger.total_line", count=len(ledger.breaches),
               amount=f"{ledger.penalties:,.0f}", limit=ledger.termination_after)]
    if ledger.termination_possible:
        lines.append(t("ledger.termination", limit=ledger.termination_after))
    open_risks = len(ledger.open_risks)
    if open_risks:
        lines.append(t("ledger.risks_line", count=open_risks, each=f"{each:,.0f}",
                       total=len(ledger.breaches) + open_risks,
                       amount=f"{ledger.worst_case:,.0f}")
                     + (t("ledger.risks_termination", limit=ledger.termination_after)
                        if ledger.termination_if_asserted else ""))
    else:
        lines.append(t("ledger.no_risks"))
    if ledger.targets_missed:
        lines.append(t("ledger.targets_line", count=len(ledger.targets_missed)))
    return "\n".join(lines)
