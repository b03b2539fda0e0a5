"""Rates over a hand-computed fixture month, per unit, with the previous period for the trend."""

from __future__ import annotations

from datetime import date

from helpdesk.clock import FrozenClock
from helpdesk.services.case_rates import case_rates
from helpdesk.services.cases import add_case, advance
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import cli, local


def _case(ws: Workspace, number: str, unit_id: int, received: date, accepted: date | None,
          replied: date | None = None, rating: str = "") -> None:
    actor = resolve_actor(ws)
    case = add_case(ws, actor, case_number=number, registered_on=received, channel="letter",
                    subject="诉求", unit_id=unit_id)
    case = advance(ws, actor, case.id, case.version, "transferred", received)
    if accepted is not None:
        case = advance(ws, actor, case.id, case.version, "accepted", accepted)
    if replied is not None:
        case = advance(ws, actor, case.id, case.version, "replied", replied)
    if rating:
        advance(ws, actor, case.id, case.version, "rated", replied or received, rating=rating)


def test_rates_for_november_by_unit(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    actor = resolve_actor(ws)
    a = add_unit(ws, actor, "S01", "园岭街道", "street").id
    b = add_unit(ws, actor, "S02", "南园街道", "street").id
    # Acceptance notices due in November (received 10-20..11-15; 15 days, rolled over):
    _case(ws, "A1", a, date(2026, 10, 20), date(2026, 10, 30))   # due 11-04, on time
    _case(ws, "A2", a, date(2026, 10, 21), date(2026, 11, 9))    # due 11-05, late
    _case(ws, "B1", b, date(2026, 11, 2), None)                  # due 11-17, overdue unaccepted
    _case(ws, "B2", b, date(2026, 11, 10), date(2026, 11, 12))   # due 11-25, on time
    # Handling due in November: accepted 09-10 (due 11-09) replied on time and rated;
    # accepted 09-15 (due 11-16, a Monday) replied late; both in unit A.
    _case(ws, "H1", a, date(2026, 9, 8), date(2026, 9, 10), date(2026, 11, 6), "satisfied")
    _case(ws, "H2", a, date(2026, 9, 14), date(2026, 9, 15), date(2026, 11, 20), "dissatisfied")
    report = case_rates(ws, actor, date(2026, 11, 1), date(2026, 11, 30))
    overall = report.overall
    # Timely acceptance: on time A1, B2 = 2; late A2 = 1; overdue B1 = 1 -> 2/4.
    assert (overall.timely_acceptance.numerator, overall.timely_acceptance.denominator) == (2, 4)
    # On-time completion: H1 on time, H2 late -> 1/2.
    assert overall.on_time_completion.percent() == "50.0%"
    # Replied in November: H1 (satisfied), H2 (dissatisfied): participation 2/2, satisfied 1/2.
    assert overall.participation.percent() == "100.0%"
    assert overall.satisfaction.percent() == "50.0%"
    by_unit = {rates.unit: rates for rates in report.units}
    assert by_unit["园岭街道"].timely_acceptance.percent() == "50.0%"   # A1 on time, A2 late
    assert by_unit["南园街道"].timely_acceptance.percent() == "50.0%"   # B2 on time, B1 overdue
    assert report.previous is not None  # October, for the trend
    assert report.previous.on_time_completion.denominator == 0


def test_cli_rates_json(ws: Workspace, clock: FrozenClock, db_url: str, tmp_path: object) -> None:
    import json
    import os
    import subprocess

    clock.set(local(2026, 11, 30, 17, 0))
    unit = add_unit(ws, resolve_actor(ws), "S01", "园岭街道", "street").id
    _case(ws, "A1", unit, date(2026, 10, 20), date(2026, 10, 30))
    path = f"{tmp_path}/c.toml"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"[security]\naudit_key_file = \"{ws.db.key_path}\"\n")
    env = {**os.environ, "HELPDESK_NOW": "2026-11-30T17:00:00+08:00"}
    result = subprocess.run(
        [*cli("tester"), "--db", db_url, "--config", path, "case", "rates",
         "--from", "2026-11-01", "--to", "2026-11-30", "--unit", "ylj", "--json"],
        capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["overall"]["timely_acceptance"] == {"numerator": 1, "denominator": 1,
                                                    "rate": 1.0}
    assert [u["unit"] for u in body["units"]] == ["园岭街道"]


def _participation(ws: Workspace, start: date, end: date) -> tuple[int, int]:
    rate = case_rates(ws, resolve_actor(ws), start, end).overall.participation
    return rate.numerator, rate.denominator


def test_participation_counts_a_lapsed_rating_window_as_expired(
        ws: Workspace, clock: FrozenClock) -> None:
    """参评率 = rated ÷ (rated + 超期未评价). A reply whose 30-day rating window passed with no
    rating is 超期未评价 whether or not the sheet says so; one still in its window is neither."""
    clock.set(local(2026, 11, 30, 17, 0))
    actor = resolve_actor(ws)
    unit = add_unit(ws, actor, "S01", "园岭街道", "street").id
    _case(ws, "R1", unit, date(2026, 8, 1), date(2026, 8, 3), date(2026, 10, 5), "satisfied")
    _case(ws, "R2", unit, date(2026, 8, 1), date(2026, 8, 3), date(2026, 10, 8))   # 11-07 passed
    _case(ws, "R3", unit, date(2026, 8, 1), date(2026, 8, 3), date(2026, 10, 20))  # 11-19 passed
    _case(ws, "R4", unit, date(2026, 8, 1), date(2026, 8, 3), date(2026, 10, 25), "expired")
    assert _participation(ws, date(2026, 10, 1), date(2026, 10, 31)) == (1, 4)  # 25 %
    clock.set(local(2026, 11, 10, 17, 0))  # R3's window (to 11-19) is still open
    assert _participation(ws, date(2026, 10, 1), date(2026, 10, 31)) == (1, 3)


def test_the_period_basis_is_configurable_and_stated(
        ws: Workspace, clock: FrozenClock) -> None:
    from dataclasses import replace

    clock.set(local(2026, 11, 30, 17, 0))
    actor = resolve_actor(ws)
    unit = add_unit(ws, actor, "S01", "园岭街道", "street").id
    _case(ws, "R1", unit, date(2026, 8, 1), date(2026, 8, 3), date(2026, 10, 5), "satisfied")
    _case(ws, "R2", unit, date(2026, 8, 1), date(2026, 8, 3), date(2026, 10, 8))
    report = case_rates(ws, actor, date(2026, 10, 1), date(2026, 10, 31))
    assert report.basis["participation"] == "replied"
    from helpdesk.cases.rates import basis_text

    assert "参评率按答复日" in basis_text(report.basis)
    cases = replace(ws.config.cases, rate_period={**ws.config.cases.rate_period,
                                                  "participation": "rating_deadline"})
    ws.config = replace(ws.config, cases=cases)
    # By the end of the rating window (11-04, 11-07) both belong to November, not October.
    assert _participation(ws, date(2026, 10, 1), date(2026, 10, 31)) == (0, 0)
    assert _participation(ws, date(2026, 11, 1), date(2026, 11, 30)) == (1, 2)
