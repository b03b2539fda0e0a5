"""A year whose holiday schedule is unpublished (2027 here): provisional deadlines (earliest and
expected, explained), the worklist urging by the earliest day, table validation, and stored
deadlines that heal themselves when the schedule arrives (a loaded table, a package release)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from helpdesk.app.calendar_store import stored_tables
from helpdesk.app.calendar_sync import calendar_years, recompute
from helpdesk.app.calendar_tables import load_table
from helpdesk.app.opening import open_workspace
from helpdesk.calendar import WorkCalendar, calendar_from_config, load_tables
from helpdesk.calendar.estimate import statutory_festivals
from helpdesk.calendar.tables import parse_year_table
from helpdesk.cases.actions import add_case, advance, get_case, get_case_detail
from helpdesk.cases.models import CaseEvent
from helpdesk.cases.urging_list import worklist
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.errors import CalendarDataMissing, CalendarTableInvalid, ConfigError
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.models import AuditRecord
from tests.conftest import TEST_USER, local

TABLE_2027 = Path(__file__).parent / "fixtures" / "calendar-2027.toml"
NOWHERE = Path("/nonexistent")


def test_every_makeup_day_since_2004_lies_within_the_window() -> None:
    """The earliest count's premise: a make-up day falls near a festival (8 days at most in
    the published schedules 2004-2026; the default window is 10)."""
    import chinese_calendar

    festivals = sorted(day for year in range(2003, 2028)
                       for day in statutory_festivals(year))
    day, worst = date(2004, 1, 1), 0
    while day <= date(2026, 12, 31):
        on_holiday, _name = chinese_calendar.get_holiday_detail(day)
        if not on_holiday and day.weekday() >= 5:
            worst = max(worst, min(abs((day - festival).days) for festival in festivals))
        day += timedelta(days=1)
    assert worst == 8
    assert worst <= Config().calendar.makeup_window_days


def test_a_deadline_into_2027_is_provisional_with_both_days_explained() -> None:
    calendar = WorkCalendar({}, NOWHERE)
    result = calendar.deadline(date(2026, 12, 1), 60, "rollover")
    # 2026-12-01 + 60 = 2027-01-30, a Saturday 6 days before 除夕 (2027-02-05): it could be
    # a make-up working day (earliest), or a rest day rolling to Monday 02-01 (expected).
    assert result.provisional and result.estimated_years == (2027,)
    assert (result.deadline, result.expected) == (date(2027, 1, 30), date(2027, 2, 1))
    text = result.explain()
    assert text.splitlines()[0] == "2026-12-01 + 60 (自然日，末日顺延) = 2027-02-01"
    assert "2027 年调休安排尚未公布：按法定节假日推定，调休可能使期限提前" in text
    assert "最早 2027-01-30，预计 2027-02-01" in text
    data = result.to_json()
    assert data["provisional"] is True
    assert (data["earliest"], data["expected"]) == ("2027-01-30", "2027-02-01")
    # A count inside a published year is not provisional.
    assert not calendar.deadline(date(2026, 11, 2), 15, "rollover").provisional


def test_without_the_estimate_an_unpublished_year_is_refused() -> None:
    calendar = WorkCalendar({}, NOWHERE, estimate=False)
    with pytest.raises(CalendarDataMissing) as caught:
        calendar.deadline(date(2026, 12, 1), 60)
    assert caught.value.exit_code == 3
    with pytest.raises(CalendarDataMissing):
        WorkCalendar({}, NOWHERE).deadline(date(2026, 12, 1), 60, allow_provisional=False)


def test_festivals_are_certain_rest_days_and_nearby_weekends_could_be_worked() -> None:
    calendar = WorkCalendar({}, NOWHERE)
    eve = calendar.day(date(2027, 2, 5))   # 除夕
    assert eve.kind == "holiday" and not eve.could_work and eve.provisional
    assert "推定" in eve.reason()
    assert calendar.day(date(2027, 2, 9)).could_work          # 补假 the package expects
    assert calendar.day(date(2027, 1, 30)).could_work         # a Saturday near 春节
    assert not calendar.day(date(2027, 3, 20)).could_work     # a Saturday far from any festival
    assert calendar.day(date(2027, 3, 22)).kind == "workday"


def test_extension_counts_from_the_unrolled_60th_day() -> None:
    """Art. 34: 60 + 30 days in all. Accepted 2026-08-06: +60 = 10-05, in the National Day
    holiday (rolled to 10-08); extended by 30, the count is 08-06 + 90 = 11-04, not 10-08 + 30."""
    from helpdesk.cases.deadlines import handling_deadline
    from helpdesk.cases.settings import DeadlinesConfig

    calendar = WorkCalendar({}, NOWHERE)
    rules = DeadlinesConfig()
    assert handling_deadline(calendar, rules, date(2026, 8, 6)).deadline == date(2026, 10, 8)
    extended = handling_deadline(calendar, rules, date(2026, 8, 6), (30,))
    assert extended.deadline == date(2026, 11, 4)
    assert extended.explain().splitlines()[0] == "2026-08-06 + 90 (自然日，末日顺延) = 2026-11-04"


# --- table validation --------------------------------------------------------------------


def test_the_fixture_table_is_valid() -> None:
    table = parse_year_table(TABLE_2027.read_text(encoding="utf-8"), "2027.toml", 2027)
    assert table.year == 2027 and date(2027, 1, 30) in table.makeup_workdays


@pytest.mark.parametrize(("change", "message"), [
    (("makeup_workdays = [", "makeup_days = ["), "makeup_days: 未知的键"),
    (("{ name = \"端午节\", from = 2027-06-09, to = 2027-06-09 },\n", ""),
     "缺少法定节日 端午节 的 2027-06-09"),
    (("{ date = 2027-04-25, for", "{ date = 2027-04-26, for"), "2027-04-26 是工作日"),
    (("{ date = 2027-04-25, for", "{ date = 2027-10-02, for"), "2027-10-02 同时列为节假日"),
    (("year = 2027", "year = 2028"), "表中年份 2028 与所需年份 2027 不符"),
    (("{ name = \"元旦\", from", "{ name = \"元旦\", form"), "holidays[1].form: 未知的键"),
])
def test_a_malformed_table_is_refused_with_the_reason(change: tuple[str, str],
                                                     message: str) -> None:
    text = TABLE_2027.read_text(encoding="utf-8")
    assert change[0] in text
    with pytest.raises(ConfigError) as caught:
        parse_year_table(text.replace(change[0], change[1], 1), "2027.toml", 2027)
    assert message in str(caught.value)
    assert "2027.toml:" in str(caught.value)


def test_a_broken_table_spoils_only_its_own_year(tmp_path: Path) -> None:
    (tmp_path / "2027.toml").write_text(
        TABLE_2027.read_text(encoding="utf-8").replace("makeup_workdays", "makeup_days"),
        encoding="utf-8")
    tables, broken = load_tables(tmp_path)
    calendar = WorkCalendar(tables, tmp_path, broken=broken)
    assert calendar.status(2027) == "broken" and calendar.status(2026) == "package"
    assert calendar.deadline(date(2026, 11, 2), 15).deadline == date(2026, 11, 17)
    with pytest.raises(CalendarTableInvalid) as caught:
        calendar.deadline(date(2026, 12, 20), 30)
    assert caught.value.exit_code == 2
    assert "makeup_days" in str(caught.value)


# --- stored deadlines --------------------------------------------------------------------


def _accepted(ws: Workspace, number: str, day: date) -> int:
    actor = resolve_actor(ws)
    case = add_case(ws, actor, case_number=number, registered_on=day, channel="letter",
                    subject="诉求")
    case = advance(ws, actor, case.id, case.version, "transferred", day)
    return advance(ws, actor, case.id, case.version, "accepted", day).id


@pytest.fixture
def december(ws: Workspace, clock: FrozenClock) -> Workspace:
    clock.set(local(2026, 12, 1, 10, 0))
    return ws


def test_a_case_accepted_today_is_provisional_everywhere(december: Workspace) -> None:
    ws = december
    actor = resolve_actor(ws)
    case_id = _accepted(ws, "P1", date(2026, 12, 1))
    case = get_case(ws, actor, case_id)
    assert case.due_provisional
    assert (case.next_due, case.next_due_expected) == (date(2027, 1, 30), date(2027, 2, 1))
    detail = get_case_detail(ws, actor, case_id)
    assert "调休可能使期限提前" in detail.deadline_explanation
    # The worklist urges by the earliest day: due soon on 2027-01-27 (3 working days left).
    ws.clock.set(local(2027, 1, 27, 9, 0))  # type: ignore[attr-defined]
    items = worklist(ws, actor, date(2027, 1, 27))
    assert [(i.case_id, i.due, i.provisional, i.expected) for i in items] == [
        (case_id, date(2027, 1, 30), True, date(2027, 2, 1))]
    years = {row.year: row for row in calendar_years(ws)}
    assert years[2027].status == "estimate" and years[2027].provisional_cases == 1


def test_loading_the_2027_table_recomputes_audits_and_clears_the_mark(
        december: Workspace) -> None:
    ws = december
    actor = resolve_actor(ws)
    case_id = _accepted(ws, "P2", date(2026, 12, 1))
    ws.clock.set(local(2026, 12, 10, 10, 0))  # type: ignore[attr-defined]
    other = _accepted(ws, "P3", date(2026, 12, 10))  # +60 = 2027-02-08, in 春节
    before = get_case(ws, actor, other)
    assert before.due_provisional and before.next_due == date(2027, 2, 9)  # 02-09 could work
    result = load_table(ws, actor, TABLE_2027)
    assert result.year == 2027 and result.recompute.years == (2027,)
    assert result.recompute.cases_changed == 2 and result.recompute.still_provisional == 0
    first = get_case(ws, actor, case_id)
    assert not first.due_provisional and first.next_due == date(2027, 1, 30)  # a make-up day
    second = get_case(ws, actor, other)
    # The table's 春节 holiday runs 02-05..02-12: rolled to Monday 02-15.
    assert not second.due_provisional and second.next_due == date(2027, 2, 15)
    assert second.version == before.version + 1
    with ws.db.read() as session:
        actions = [r.action for r in session.exec(select(AuditRecord).order_by(
            col(AuditRecord.seq))).all()]
        events = session.exec(select(CaseEvent).where(
            col(CaseEvent.case_id) == other, col(CaseEvent.kind) == "recomputed")).all()
    assert actions[-2:] == ["calendar.load", "calendar.recompute"]
    assert [e.detail for e in events] == [
        "handling 2027-02-09 (~2027-02-11) → handling 2027-02-15"]
    # Kept in the database, not in this account's folder.
    assert stored_tables(ws.db) == {2027: TABLE_2027.read_text(encoding="utf-8")}
    assert not (Path(ws.config.calendar.local_tables_dir) / "2027.toml").exists()
    # A second recompute finds nothing to change.
    assert recompute(ws, actor).cases_changed == 0


def test_a_table_put_in_place_by_hand_is_only_an_input(
        december: Workspace, config: Config, db_url: str, clock: FrozenClock,
        tmp_path: Path) -> None:
    """Every process counts on the tables the database holds: a file in one account's folder
    changes nothing until a manager loads it; doctor says so. Another account's process,
    whose folder is empty, counts on the loaded table too."""
    from helpdesk.doctor import run_checks

    case_id = _accepted(december, "P4", date(2026, 12, 1))
    placed = Path(config.calendar.local_tables_dir) / "2027.toml"
    shutil.copy(TABLE_2027, placed)
    again = open_workspace(config, db_url, clock=clock, os_user=TEST_USER)
    try:
        assert get_case(again, resolve_actor(again), case_id).due_provisional
        warned = [f for f in run_checks(again) if str(placed) in f.message]
        assert warned and warned[0].fix == f"helpdesk calendar load {placed}"
        load_table(again, resolve_actor(again), placed)
        assert not [f for f in run_checks(again) if str(placed) in f.message]
    finally:
        again.db.dispose()
    elsewhere = tmp_path / "other-account-tables"
    elsewhere.mkdir()
    other = replace(config, calendar=replace(config.calendar,
                                             local_tables_dir=str(elsewhere)))
    seen = open_workspace(other, db_url, clock=clock, os_user=TEST_USER)
    try:
        assert seen.calendar.status(2027) == "table"
        case = get_case(seen, resolve_actor(seen), case_id)
        assert not case.due_provisional and case.next_due == date(2027, 1, 30)
    finally:
        seen.db.dispose()


def test_a_one_account_database_adopts_its_folder_once(
        config: Config, sqlite_url: str, clock: FrozenClock) -> None:
    """Before the tables moved into the database each account read its folder: on the
    upgrade, a one-account database takes them (audited), so no deadline moves; a file put
    there later is not taken."""
    folder = Path(config.calendar.local_tables_dir)
    shutil.copy(TABLE_2027, folder / "2027.toml")
    (folder / "2028.toml").write_text("year = 2028\nholidays = [", encoding="utf-8")
    ws = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)
    try:
        assert ws.calendar.status(2027) == "table" and sorted(stored_tables(ws.db)) == [2027]
        with ws.db.read() as session:
            actions = [r.action for r in session.exec(select(AuditRecord)).all()]
        assert actions.count("calendar.adopt") == 1
    finally:
        ws.db.dispose()
    (folder / "2027.toml").unlink()
    shutil.copy(TABLE_2027, folder / "2029.toml")
    again = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)
    try:
        assert again.calendar.status(2027) == "table"
        assert sorted(stored_tables(again.db)) == [2027]
    finally:
        again.db.dispose()


def test_a_package_release_covering_2027_heals_too(
        december: Workspace, config: Config, db_url: str, clock: FrozenClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: chinese-calendar starts to cover 2027 (with the fixture's schedule)."""
    import chinese_calendar

    from helpdesk.calendar import days as calendar_days

    clock.set(local(2026, 12, 10, 10, 0))
    other = _accepted(december, "P5", date(2026, 12, 10))
    table = parse_year_table(TABLE_2027.read_text(encoding="utf-8"), "2027.toml", 2027)
    real = chinese_calendar.get_holiday_detail

    def detail(day: date) -> tuple[bool, str | None]:
        if day.year != 2027:
            return real(day)  # type: ignore[no-any-return]
        if day in table.holidays:
            return True, "Spring Festival" if table.holidays[day] == "春节" else "National Day"
        if day in table.makeup_workdays:
            return False, "Spring Festival"
        return day.weekday() >= 5, None

    monkeypatch.setattr(chinese_calendar, "get_holiday_detail", detail)
    monkeypatch.setattr(calendar_days, "_package_covers", lambda year: year <= 2027)
    again = open_workspace(config, db_url, clock=clock, os_user=TEST_USER)
    try:
        assert again.calendar.status(2027) == "package"
        case = get_case(again, resolve_actor(again), other)
        assert not case.due_provisional and case.next_due == date(2027, 2, 15)
    finally:
        again.db.dispose()


def test_objection_window_is_on_the_worklist(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 24, 9, 0))
    actor = resolve_actor(ws)
    case = add_case(ws, actor, case_number="O1", registered_on=date(2026, 11, 23),
                    channel="letter", subject="诉求")
    case = advance(ws, actor, case.id, case.version, "transferred", date(2026, 11, 23))
    assert case.objection_due == date(2026, 11, 30)  # 5 working days from Monday 11-23
    items = worklist(ws, actor, date(2026, 11, 25))
    assert [(i.case_id, i.step, i.due) for i in items] == [
        (case.id, "objection", date(2026, 11, 30))]
    clock.set(local(2026, 11, 25, 9, 0))
    advance(ws, actor, case.id, case.version, "accepted", date(2026, 11, 25))
    assert get_case(ws, actor, case.id).objection_due is None


def test_load_needs_a_manager(december: Workspace) -> None:
    from helpdesk.actor import Actor
    from helpdesk.errors import NotAuthorized

    with pytest.raises(NotAuthorized):
        load_table(december, Actor("li", "李", "engineer"), TABLE_2027)


def test_calendar_from_config_reads_the_estimate_switch(config: Config) -> None:
    off = replace(config, calendar=replace(config.calendar, estimate_unpublished=False))
    assert calendar_from_config(off).status(2027) == "missing"
    assert calendar_from_config(config).status(2027) == "estimate"


# --- the CLI and the data queries ----------------------------------------------------------


def test_cli_calendar_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from tests.cli_support import cli_runner, write_config

    tables = tmp_path / "tables"
    tables.mkdir()
    config = write_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(str(tmp_path), str(tables)),
                      encoding="utf-8")
    run = cli_runner(config, str(tmp_path / "h.db"), monkeypatch, capsys,
                     "2026-12-01T10:00:00+08:00")
    code, out = run("calendar", "deadline", "2026-12-01", "60")
    assert code == 3 and "--provisional" in out
    code, out = run("calendar", "deadline", "2026-12-01", "60", "--provisional", "--json")
    data = json.loads(out)
    assert code == 0 and data["provisional"] is True
    assert (data["earliest"], data["expected"]) == ("2027-01-30", "2027-02-01")
    assert "调休可能使期限提前" in data["reason"]
    broken = tmp_path / "2027.toml"
    broken.write_text(TABLE_2027.read_text(encoding="utf-8").replace(
        "makeup_workdays", "makeup_days"), encoding="utf-8")
    code, out = run("calendar", "load", str(broken), "--check")
    assert code == 2 and "makeup_days: 未知的键" in out
    code, out = run("calendar", "load", str(TABLE_2027), "--check")
    assert code == 0 and "有效" in out
    code, out = run("staff", "add", "lixy", "--name", "李晓燕", "--role", "engineer")
    assert code == 0, out
    code, out = run("calendar", "load", str(TABLE_2027), user="lixy")
    assert code == 4 and "manage_calendar" in out
    code, out = run("calendar", "years", "--json")
    assert {row["year"]: row["status"] for row in json.loads(out)}[2027] == "estimate"
    code, out = run("calendar", "load", str(TABLE_2027), "--json")
    assert code == 0 and json.loads(out)["year"] == 2027, out
    assert not (tables / "2027.toml").exists()  # in the database
    code, out = run("calendar", "deadline", "2026-12-01", "60", "--json")
    assert code == 0 and json.loads(out)["provisional"] is False
    code, out = run("calendar", "years", "--json")
    assert {row["year"]: row["status"] for row in json.loads(out)}[2027] == "table"


def test_data_queries_say_a_deadline_is_provisional(december: Workspace) -> None:
    from helpdesk.data.queries import QueryParams, case_list

    ws = december
    _accepted(ws, "Q1", date(2026, 12, 1))
    with ws.db.read() as session:
        headers, rows = case_list(session, QueryParams(date(2026, 12, 1), date(2026, 12, 31)),
                                  ws.hours.zone)
    assert headers[-1] == "期限说明"
    assert rows[0][-2] == date(2027, 1, 30)
    assert rows[0][-1] == "暂定：调休未公布，此为最早日期，预计 2027-02-01"


def test_after_the_objection_window_the_acceptance_notice_is_urged(
        ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 24, 9, 0))
    actor = resolve_actor(ws)
    case = add_case(ws, actor, case_number="O2", registered_on=date(2026, 11, 23),
                    channel="letter", subject="诉求")
    advance(ws, actor, case.id, case.version, "transferred", date(2026, 11, 23))
    clock.set(local(2026, 12, 3, 9, 0))  # objection window closed 11-30; notice due 12-08
    items = worklist(ws, actor, date(2026, 12, 3))
    assert [(i.step, i.due) for i in items] == [("accept_notice", date(2026, 12, 8))]


async def test_the_console_marks_a_provisional_deadline(
        config: Config, sqlite_url: str, clock: FrozenClock) -> None:
    """On 2027-01-27 a case accepted on 2026-12-01 is due by 01-30 at the earliest: the
    worklist flags it 暂定 and the case list shows its deadline as 暂定 too."""
    from screens.app import HelpdeskApp
    from tests.app_support import wait_until
    from tests.test_app import screen_text

    clock.set(local(2026, 12, 1, 10, 0))
    ws = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)
    _accepted(ws, "GD2026-PROV", date(2026, 12, 1))
    ws.db.dispose()
    clock.set(local(2027, 1, 27, 10, 0))
    app = HelpdeskApp(config, sqlite_url, clock=clock, os_user=TEST_USER)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.current_mode == "today", "Today")
        await pilot.press("c")
        await wait_until(pilot, lambda: "GD2026-PROV" in screen_text(app), "the worklist row")
        assert "暂定" in screen_text(app) and "01-30" in screen_text(app)
        await pilot.press("l")
        await wait_until(pilot, lambda: "01-30暂定" in screen_text(app),
                         "the case list's provisional deadline")


def test_running_sla_clocks_follow_the_schedule_when_it_arrives(
        ws: Workspace, clock: FrozenClock) -> None:
    """A question on Friday 2027-01-29 17:00: with 2027 estimated, Saturday 01-30 is a rest
    day; the loaded schedule makes it a make-up working day, so the clock is due sooner."""
    from helpdesk.questions.actions import add_question, get_question

    clock.set(local(2027, 1, 29, 17, 0))
    actor = resolve_actor(ws)
    row = add_question(ws, actor, title="账号无法登录", category="other")
    before = get_question(ws, actor, row.id).row.resolution.due_at
    target = get_question(ws, actor, row.id).row.resolution.target
    result = load_table(ws, actor, TABLE_2027)
    assert result.recompute.questions_changed == 1
    after = get_question(ws, actor, row.id).row.resolution.due_at
    assert after == ws.hours.add(local(2027, 1, 29, 17, 0), target).end
    assert after is not None and before is not None and after < before
