"""Rates over a hand-computed fixture month, per unit, with the previous period for the trend."""

from __future__ import annotations

from datetime import date

from helpdesk.cases.actions import add_case, advance
from helpdesk.cases.rate_figures import case_rates
from helpdesk.clock import FrozenClock
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


def _reference(ws: Workspace, start: date, end: date) -> dict[str, tuple[int, ...]]:
    """The rates counted the slow, obvious way — every case, its deadlines walked on the
    calendar — per unit ("" for the district): the SQL over stored deadlines must agree."""
    from datetime import timedelta

    from sqlmodel import select

    from helpdesk.cases.deadlines import handling_deadline, step_deadline
    from helpdesk.cases.models import PetitionCase
    from helpdesk.storage.models import Unit

    rules, basis = ws.config.deadlines, ws.config.cases.rate_period
    window = timedelta(days=ws.config.cases.rating_window_days)
    today = clock_today(ws)
    totals: dict[str, list[int]] = {}
    with ws.db.read() as session:
        names = {u.id: u.name for u in session.exec(select(Unit)).all()}
        cases = session.exec(select(PetitionCase)).all()
    for case in cases:
        rows = [totals.setdefault("", [0] * 11),
                totals.setdefault(names.get(case.unit_id, ""), [0] * 11)]

        def add(index: int, rows: list[list[int]] = rows) -> None:
            for row in rows:
                row[index] += 1

        placed = {"received": case.received_on, "registered": case.registered_on,
                  "replied": case.replied_on,
                  "rating_deadline": case.replied_on + window if case.replied_on else None}
        if case.received_on is not None:
            due = step_deadline(ws.calendar, rules, "accept_notice", case.received_on).deadline
            day = {**placed, "deadline": due}[basis["timely_acceptance"]]
            if day is not None and start <= day <= end:
                done = case.accepted_on or case.objected_on
                if done is not None:
                    add(0 if done <= due else 1)
                elif due < today:
                    add(2)
        if case.accepted_on is not None:
            extensions = (case.extension_days,) if case.extension_days else ()
            due = handling_deadline(ws.calendar, rules, case.accepted_on, extensions).deadline
            day = {**placed, "deadline": due, "replied": case.replied_on or due}[
                basis["on_time_completion"]]
            if day is not None and start <= day <= end:
                if case.replied_on is not None:
                    add(3 if case.replied_on <= due else 4)
                elif due < today:
                    add(5)
        if case.replied_on is None:
            continue
        expired = case.rating == "expired" or (not case.rating
                                               and case.replied_on + window < today)
        day = placed[basis["participation"]]
        if day is not None and start <= day <= end and (case.rating or expired):
            add(7 if expired else 6)
        day = placed[basis["satisfaction"]]
        if day is not None and start <= day <= end and case.rating and not expired:
            add({"satisfied": 8, "basically": 9, "dissatisfied": 10}[case.rating])
    return {unit: tuple(row) for unit, row in totals.items() if any(row)}


def clock_today(ws: Workspace) -> date:
    return ws.now().astimezone(ws.hours.zone).date()


def _counted(rates: object) -> tuple[int, ...]:
    from helpdesk.cases.rates import UnitRates

    assert isinstance(rates, UnitRates)
    a, c, p, s = (rates.timely_acceptance, rates.on_time_completion, rates.participation,
                  rates.satisfaction)
    # Back from the rates to the counts they were made of.
    return (a.numerator, a.denominator - a.numerator, c.numerator, c.denominator - c.numerator,
            p.numerator, p.denominator - p.numerator, s.numerator, s.denominator - s.numerator)


def _folded(row: tuple[int, ...]) -> tuple[int, ...]:
    """The reference's 11 counts folded the way the rates present them."""
    return (row[0], row[1] + row[2], row[3], row[4] + row[5], row[6], row[7],
            row[8] + row[9], row[10])


def test_rates_agree_with_a_case_by_case_count(ws: Workspace, clock: FrozenClock) -> None:
    """Random cases (receipt, acceptance, extension, reply, rating), every period basis, four
    periods: the indexed aggregates give exactly the case-by-case counts, per unit too."""
    import random
    from dataclasses import replace
    from datetime import timedelta

    from helpdesk.cases.actions import extend
    from helpdesk.cases.settings import RATE_PERIOD_CHOICES

    clock.set(local(2026, 11, 30, 17, 0))
    actor = resolve_actor(ws)
    units = [add_unit(ws, actor, f"S0{i}", name, "street").id
             for i, name in enumerate(("园岭街道", "南园街道"))]
    rng = random.Random(15)
    for index in range(60):
        received = date(2026, 5, 1) + timedelta(days=rng.randrange(200))
        case = add_case(ws, actor, case_number=f"X{index}", registered_on=received,
                        channel="letter", subject="诉求", unit_id=rng.choice(units))
        case = advance(ws, actor, case.id, case.version, "transferred", received)
        accepted = received + timedelta(days=rng.randrange(1, 30))
        if accepted > date(2026, 11, 30) or rng.random() < 0.15:
            continue
        case = advance(ws, actor, case.id, case.version, "accepted", accepted)
        if rng.random() < 0.2:
            case = extend(ws, actor, case.id, case.version, 30, accepted, "情况复杂")
        replied = accepted + timedelta(days=rng.randrange(10, 110))
        if replied > date(2026, 11, 30) or rng.random() < 0.2:
            continue
        case = advance(ws, actor, case.id, case.version, "replied", replied)
        rating = rng.choice(("", "", "satisfied", "basically", "dissatisfied", "expired"))
        if rating:
            advance(ws, actor, case.id, case.version, "rated", replied, rating=rating)
    periods = [(date(2026, 9, 1), date(2026, 9, 30)), (date(2026, 10, 1), date(2026, 10, 31)),
               (date(2026, 11, 1), date(2026, 11, 30)), (date(2026, 7, 1), date(2026, 9, 30))]
    choices = [dict(zip(RATE_PERIOD_CHOICES, picks, strict=True)) for picks in (
        ("deadline", "deadline", "replied", "replied"),
        ("received", "replied", "rating_deadline", "registered"),
        ("registered", "registered", "registered", "replied"))]
    checked = 0
    for basis in choices:
        ws.config = replace(ws.config, cases=replace(ws.config.cases, rate_period=basis))
        for start, end in periods:
            expected = _reference(ws, start, end)
            report = case_rates(ws, actor, start, end)
            got = {rates.unit: _counted(rates) for rates in [report.overall, *report.units]
                   if any(_counted(rates))}
            assert got == {unit: _folded(row) for unit, row in expected.items()}, (basis, start)
            checked += sum(expected.get("", (0,)))
    assert checked > 100  # the fixture exercises the rates, not empty periods
