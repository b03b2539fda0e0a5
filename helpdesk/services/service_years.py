"""The contract's service years (服务年度): the configured `[contract]` period is the first,
each renewal (`helpdesk contract renew`) adds the next with its own period and value, the
other terms staying as configured. Every obligation, the ledger, the payment position and
the acceptance count within the year that holds the day they are asked about; a record
(a breach, an acceptance, a payment step) belongs to the year whose span holds its day, a
year's span running to the day before the next one starts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.calendar.periods import ReportPeriod
from helpdesk.config.schema import Config
from helpdesk.contract.settings import ContractConfig
from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import ServiceYear as ServiceYearRow
from helpdesk.text import clean


@dataclass(frozen=True)
class ServiceYear:
    number: int  # 1: the configured contract
    start: date
    end: date
    value_yuan: float
    note: str = ""
    until: date = date.max  # the last day whose records count in this year

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        return t("contract.service_year", number=self.number, start=self.start, end=self.end)


def years_in(session: Session, config: Config) -> tuple[ServiceYear, ...]:
    contract = config.contract
    rows = session.exec(select(ServiceYearRow).order_by(col(ServiceYearRow.start))).all()
    periods = [(contract.start, contract.end, contract.value_yuan, "")]
    periods += [(r.start, r.end, r.value_yuan, r.note) for r in rows if r.start > contract.end]
    return tuple(
        ServiceYear(number, start, end, value, note,
                    periods[number][0] - timedelta(days=1) if number < len(periods)
                    else date.max)
        for number, (start, end, value, note) in enumerate(periods, start=1))


def service_years(ws: Workspace) -> tuple[ServiceYear, ...]:
    with ws.db.read() as session:
        return years_in(session, ws.config)


def year_of(years: tuple[ServiceYear, ...], day: date) -> ServiceYear:
    """The year whose span holds `day` (before the first: the first)."""
    return next((y for y in years if y.start <= day <= y.until), years[0])


def contract_terms(ws: Workspace, day: date) -> ContractConfig:
    """The configured terms with the period and value of the service year holding `day`."""
    return terms_of(ws.config, year_of(service_years(ws), day))


def terms_of(config: Config, year: ServiceYear) -> ContractConfig:
    """The configured terms with `year`'s period and value."""
    return replace(config.contract, start=year.start, end=year.end,
                   value_yuan=year.value_yuan)


def renew(ws: Workspace, actor: Actor, start: date | None, end: date, value: float, *,
          note: str = "") -> ServiceYear:
    """The next service year, starting the day after the last one ends (or on `start`, later,
    when there is a gap without a contract)."""
    note = clean(note, single_line=True, max_length=200).strip()
    with change(ws, actor, "manage_contract") as tx:
        last = years_in(tx.session, ws.config)[-1]
        first_day = start or last.end + timedelta(days=1)
        if first_day <= last.end:
            raise UsageError("err.contract.renew_overlaps", start=first_day, end=last.end)
        if end <= first_day or (end - first_day).days >= 3 * 366:  # renewed year by year
            raise UsageError("err.contract.renew_period", start=first_day, end=end)
        if not 0 < value <= 1e10:
            raise UsageError("err.contract.renew_value", value=value)
        row = ServiceYearRow(start=first_day, end=end, value_yuan=value, note=note,
                             recorded_by=actor.login, recorded_at=tx.now)
        tx.session.add(row)
        tx.session.flush()
        tx.record("contract.renew", "service_year", row.id, after={
            "start": first_day.isoformat(), "end": end.isoformat(), "value": value,
            "note": note})
        return years_in(tx.session, ws.config)[-1]


def list_years(ws: Workspace, actor: Actor) -> tuple[ServiceYear, ...]:
    require(actor.role, "read", actor.login)
    return service_years(ws)


def year_period(ws: Workspace, value: str) -> ReportPeriod | None:
    """`S2` (the second service year) or `service` (the one holding today) as an annual
    report's period; None for anything else (a calendar year)."""
    text = value.strip().lower()
    if text != "service" and not (text[:1] == "s" and text[1:].isdigit()):
        return None
    years = service_years(ws)
    if text == "service":
        year = year_of(years, ws.now().astimezone(ws.hours.zone).date())
    else:
        number = int(text[1:])
        if not 1 <= number <= len(years):
            raise UsageError("err.contract.no_service_year", number=number, count=len(years))
        year = years[number - 1]
    return ReportPeriod("annual", f"{year.start}—{year.end}", year.start, year.end)
