"""Service years: the configured contract (2025-12-09 to 2026-12-08, 198,000) is the first; a
renewal adds the next with its own period and value, and the ledger, the payment position,
the obligations, Today and the annual report count within the year holding the day."""

from __future__ import annotations

from datetime import date

from helpdesk.actor import Actor
from helpdesk.app.today import contract_summary
from helpdesk.clock import FrozenClock
from helpdesk.contract.ledger import compute_ledger
from helpdesk.contract.records import add_breach
from helpdesk.demo.build import build_service_years
from helpdesk.errors import NotAuthorized, UsageError
from helpdesk.services.service_years import (
    contract_terms,
    renew,
    service_years,
    year_period,
)
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local
from tests.expect import refused


def test_a_renewal_is_the_next_service_year(ws: Workspace, clock: FrozenClock) -> None:
    boss = resolve_actor(ws)
    clock.set(local(2026, 11, 20, 9, 0))
    with refused(NotAuthorized, "roles.denied"):
        renew(ws, Actor("zhang", "张伟", "engineer"), None, date(2027, 12, 8), 220_000.0)
    with refused(UsageError, "contract.renew_overlaps"):
        renew(ws, boss, date(2026, 12, 1), date(2027, 12, 8), 220_000.0)
    with refused(UsageError, "contract.renew_period"):
        renew(ws, boss, None, date(2030, 12, 8), 220_000.0)
    with refused(UsageError, "contract.renew_value"):
        renew(ws, boss, None, date(2027, 12, 8), 0.0)
    second = renew(ws, boss, None, date(2027, 12, 8), 220_000.0, note="FT-2026-088")
    assert (second.number, second.start, second.end, second.value_yuan) == (
        2, date(2026, 12, 9), date(2027, 12, 8), 220_000.0)
    first = service_years(ws)[0]
    assert (first.start, first.end, first.until) == (
        date(2025, 12, 9), date(2026, 12, 8), date(2026, 12, 8))
    terms = contract_terms(ws, date(2027, 3, 1))
    assert (terms.start, terms.value_yuan, terms.payment_on_signing) == (
        date(2026, 12, 9), 220_000.0, 0.8)  # the other terms as configured
    assert contract_terms(ws, date(2026, 3, 1)).value_yuan == 198_000.0


def test_the_ledger_counts_within_its_service_year(ws: Workspace, clock: FrozenClock) -> None:
    """Year 2 is worth 220,000: first payment 220,000 × 80 % = 176,000, a breach 22,000. A
    breach of year 1 does not count in year 2; a day outside every year is refused."""
    boss = resolve_actor(ws)
    clock.set(local(2026, 11, 20, 9, 0))
    add_breach(ws, boss, date(2026, 11, 2), "十一.8")
    renew(ws, boss, None, date(2027, 12, 8), 220_000.0)
    clock.set(local(2027, 1, 15, 9, 0))
    ledger = compute_ledger(ws, boss)
    assert ledger.year is not None and ledger.year.number == 2
    assert (ledger.months[0], ledger.months[-1]) == ("2026-12", "2027-12")
    assert ledger.breaches == () and ledger.penalties == 0
    assert ledger.payment is not None and ledger.payment.first is not None
    assert (ledger.payment.first.amount, ledger.payment.penalty_each) == (176_000.0, 22_000.0)
    assert add_breach(ws, boss, date(2027, 1, 5), "十一.8").amount == 22_000.0
    with refused(UsageError, "contract.breach_outside"):
        add_breach(ws, boss, date(2025, 12, 1), "十一.8")
    earlier = compute_ledger(ws, boss, date(2026, 11, 20))
    assert earlier.year is not None and earlier.year.number == 1
    assert [b.amount for b in earlier.breaches] == [19_800.0]


def test_today_warns_a_month_ahead_unless_renewed(ws: Workspace, clock: FrozenClock) -> None:
    boss = resolve_actor(ws)
    clock.set(local(2026, 11, 20, 9, 0))
    ending = contract_summary(ws, boss)
    assert (ending.year, ending.days_left, ending.renewed, ending.running) == (
        1, 18, False, True)
    clock.set(local(2026, 12, 20, 9, 0))
    over = contract_summary(ws, boss)
    assert not over.running and over.end == date(2026, 12, 8)
    renew(ws, boss, None, date(2027, 12, 8), 198_000.0)
    clock.set(local(2026, 11, 20, 9, 0))
    assert contract_summary(ws, boss).renewed
    clock.set(local(2026, 12, 20, 9, 0))
    second = contract_summary(ws, boss)
    assert (second.year, second.running, second.start) == (2, True, date(2026, 12, 9))


def test_the_annual_report_can_cover_a_service_year(ws: Workspace, clock: FrozenClock) -> None:
    boss = resolve_actor(ws)
    clock.set(local(2027, 2, 1, 9, 0))
    renew(ws, boss, None, date(2027, 12, 8), 198_000.0)
    first = year_period(ws, "S1")
    assert first is not None and (first.start, first.end) == (date(2025, 12, 9),
                                                             date(2026, 12, 8))
    current = year_period(ws, "service")
    assert current is not None and current.start == date(2026, 12, 9)
    assert year_period(ws, "2026") is None  # a calendar year, as before
    with refused(UsageError, "contract.no_service_year"):
        year_period(ws, "S3")


def test_the_demo_renews_until_a_year_holds_today(ws: Workspace, clock: FrozenClock) -> None:
    """On 2028-01-10 the configured year is long over: renewed twice, 2026-12-09 to
    2027-12-08 and 2027-12-09 to 2028-12-08."""
    clock.set(local(2028, 1, 10, 9, 0))
    assert build_service_years(ws, resolve_actor(ws)) == 2
    assert [(y.start, y.end) for y in service_years(ws)][1:] == [
        (date(2026, 12, 9), date(2027, 12, 8)), (date(2027, 12, 9), date(2028, 12, 8))]
    assert build_service_years(ws, resolve_actor(ws)) == 0
