"""三率全省排名: ranks recorded from the province's notice or imported from its table, the
places moved since the period before, the gap to the province average beside the district's
own computed rate (worked by hand on tests/test_case_rates.py's November fixture), and the
ranks in the reports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.app.audit_feed import list_audit
from helpdesk.calendar.periods import parse_period
from helpdesk.cases.ranking import latest_ranks, list_ranks, parse_percent, record_rank
from helpdesk.cases.ranking_import import import_ranks
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.errors import StaleEdit, UsageError
from helpdesk.reports.gather import build_report
from helpdesk.reports.markdown import report_markdown
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.cli_support import CliRun, cli_runner, write_config
from tests.conftest import local
from tests.expect import refused
from tests.test_case_rates import _case


def test_places_moved_and_gap_by_hand(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    record_rank(ws, actor, "2026-09", "satisfaction", 9, 21, province_average=0.951,
                district_value=0.940)
    record_rank(ws, actor, "2026-10", "满意率", 6, 21, province_average=0.952,
                district_value=0.958)
    record_rank(ws, actor, "2026-10", "timely_acceptance", 5, 21)
    record_rank(ws, actor, "2026-q3", "satisfaction", 7, 21)
    ranks = list_ranks(ws, actor)
    assert [(r.period, r.rate) for r in ranks] == [
        ("2026-10", "timely_acceptance"), ("2026-10", "satisfaction"),
        ("2026-09", "satisfaction"), ("2026-Q3", "satisfaction")]
    october = ranks[1]
    assert october.previous_rank == 9 and october.movement == 3  # 9th -> 6th: three up
    assert october.gap == pytest.approx(0.958 - 0.952)  # +0.6 points
    assert ranks[0].movement is None and ranks[0].gap is None  # nothing before; no figures
    assert ranks[3].movement is None  # 2026-Q2 was not recorded
    assert [r.period for r in latest_ranks(ws, actor)] == ["2026-10", "2026-10"]


def test_recording_again_replaces_and_is_audited(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    first = record_rank(ws, actor, "2026-10", "participation", 9, 21)
    again = record_rank(ws, actor, "2026-10", "participation", 8, 21, province_average=0.73,
                        expected_version=first.version)
    assert (again.id, again.rank, again.version) == (first.id, 8, 2)
    assert len(list_ranks(ws, actor)) == 1
    with pytest.raises(StaleEdit):
        record_rank(ws, actor, "2026-10", "participation", 7, 21, expected_version=1)
    actions = [(a.action, a.summary) for a in list_audit(ws, actor, limit=5)
               if a.entity == "province_rank"]
    assert [action for action, _summary in actions] == ["ranking.update", "ranking.add"]
    assert "9/21" in actions[0][1] and "8/21" in actions[0][1] and "73%" in actions[0][1]


@pytest.mark.parametrize(("args", "code"), [
    (("2026-13", "satisfaction", 1, 21), "periods.any_period"),
    (("2026-10", "happiness", 1, 21), "choices.invalid"),
    (("2026-10", "satisfaction", 22, 21), "ranking.rank"),
    (("2026-10", "satisfaction", 0, 21), "ranking.rank"),
    (("2026-10", "satisfaction", 1, 0), "ranking.ranked"),
])
def test_bad_ranks_are_refused(ws: Workspace, args: tuple[str, str, int, int],
                               code: str) -> None:
    with refused(UsageError, code):
        record_rank(ws, resolve_actor(ws), *args)
    assert list_ranks(ws, resolve_actor(ws)) == []


def test_percentages_as_typed_and_as_cells() -> None:
    assert parse_percent("95.2") == pytest.approx(0.952)
    assert parse_percent(" 95.2 % ") == pytest.approx(0.952)
    assert parse_percent(0.952) == pytest.approx(0.952)  # a percent-formatted cell
    assert parse_percent(95.2) == pytest.approx(0.952)
    assert parse_percent("") is None and parse_percent(None) is None
    for bad in ("101", "-1", "九十", "nan%"):
        with refused(UsageError, "ranking.percent"):
            parse_percent(bad)


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_any_typed_percentage_reads_back(value: object) -> None:
    parsed = parse_percent(f"{value}%")
    assert parsed is not None and parsed == pytest.approx(float(str(value)) / 100)


def _write_csv(path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(["广东省信访局三率排名通报（2026年10月）", *rows]) + "\n",
                    encoding=encoding)
    return path


def test_import_is_all_or_nothing_with_row_numbers(ws: Workspace, tmp_path: Path) -> None:
    actor = resolve_actor(ws)
    header = "期间,指标,排名,参评区县数,全省平均,本区数值"
    bad = _write_csv(tmp_path / "bad.csv", [
        header, "2026-10,满意率,6,21,95.2%,95.8%", "2026-10,参评率,30,21,,",
        "2026-10,满意率,5,21,,", "2026/10,及时受理率,5,21,,"], encoding="gb18030")
    report = import_ranks(ws, actor, bad)
    assert not report.written and list_ranks(ws, actor) == []
    assert [row for row, _reason in report.errors] == [4, 5, 6]  # title row is row 1
    assert "3" in report.errors[1][1]  # the same as row 3
    good = _write_csv(tmp_path / "good.csv", [
        header, "2026-10,满意率,6,21,95.2%,95.8%", "2026-10,participation,8,21,73,74.1"])
    dry = import_ranks(ws, actor, good, dry_run=True)
    assert (dry.added, dry.written) == (2, False) and list_ranks(ws, actor) == []
    assert import_ranks(ws, actor, good).written
    ranks = {r.rate: r for r in list_ranks(ws, actor)}
    assert ranks["participation"].province_average == pytest.approx(0.73)
    assert ranks["satisfaction"].source == "good.csv"
    again = import_ranks(ws, actor, good)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert {r.version for r in list_ranks(ws, actor)} == {1}


def test_report_sets_the_rank_beside_the_own_rate(ws: Workspace, clock: FrozenClock) -> None:
    """November's own satisfaction is 1 of 2 rated = 50.0 % (test_case_rates); the province
    average 80.0 % puts it 30.0 points below; the quarter's report lists the month too."""
    clock.set(local(2026, 11, 30, 17, 0))
    actor = resolve_actor(ws)
    unit = add_unit(ws, actor, "S01", "园岭街道", "street").id
    _case(ws, "H1", unit, date(2026, 9, 8), date(2026, 9, 10), date(2026, 11, 6), "satisfied")
    _case(ws, "H2", unit, date(2026, 9, 14), date(2026, 9, 15), date(2026, 11, 20),
          "dissatisfied")
    record_rank(ws, actor, "2026-10", "satisfaction", 12, 21)
    record_rank(ws, actor, "2026-11", "satisfaction", 15, 21, province_average=0.80,
                district_value=0.52)
    figures = build_report(ws, actor, parse_period("monthly", "2026-11"))
    (line,) = figures.ranks
    assert line.own is not None and line.own.percent() == "50.0%"
    assert (line.movement, round(line.gap or 0, 3)) == (-3, -0.3)
    text = report_markdown(figures)
    assert "| 2026-11 | 满意率 | 15/21 | ▼3 | 80.0% | 52.0% | 50.0% | −30.0 |" in text
    quarter = build_report(ws, actor, parse_period("quarterly", "2026-Q4"))
    assert [r.period for r in quarter.ranks] == ["2026-11", "2026-10"]
    assert quarter.ranks[0].own is not None and quarter.ranks[0].own.percent() == "50.0%"


def test_report_xlsx_keeps_moves_and_gaps_as_numbers(ws: Workspace, clock: FrozenClock,
                                                     tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from helpdesk.reports.xlsx import report_workbook
    from helpdesk.storage.sheets import save_book

    clock.set(local(2026, 11, 30, 17, 0))
    actor = resolve_actor(ws)
    record_rank(ws, actor, "2026-10", "satisfaction", 6, 21)
    record_rank(ws, actor, "2026-11", "satisfaction", 3, 21, province_average=0.956,
                district_value=0.973)
    path = tmp_path / "report.xlsx"
    path.write_bytes(save_book(report_workbook(
        build_report(ws, actor, parse_period("monthly", "2026-11")))))
    sheet = next(s for s in load_workbook(path).worksheets
                 if any(c.value == "全省排名" for row in s.iter_rows() for c in row))
    row = next(r for r in sheet.iter_rows() if (r[0].value, r[1].value) == ("2026-11", "满意率"))
    assert (row[2].value, row[3].value, row[4].value, row[5].value) == ("3/21", 3, 0.956, 0.973)
    assert row[3].number_format == '"▲"0;"▼"0;"="' and row[7].value == 1.7


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-12-02T10:00:00+08:00")


def test_ranking_from_the_cli(cli: CliRun, tmp_path: Path) -> None:
    code, out = cli("ranking", "add", "2026-10", "--rate", "满意率", "--rank", "6", "--of",
                    "21", "--province-average", "95.2%")
    assert code == 0 and "6/21" in out, out
    code, out = cli("ranking", "add", "2026-11", "--rate", "satisfaction", "--rank", "3",
                    "--of", "21", "--json")
    assert code == 0 and json.loads(out)["previous_rank"] == 6
    code, out = cli("ranking", "list", "--json")
    assert [(r["period"], r["rank"]) for r in json.loads(out)] == [("2026-11", 3),
                                                                    ("2026-10", 6)]
    code, out = cli("ranking", "add", "2026-11", "--rate", "satisfaction", "--rank", "30",
                    "--of", "21")
    assert code == 2 and "30" in out
    table = tmp_path / "ranks.csv"
    table.write_text("期间,指标,排名,参评区县数\n2026-11,参评率,8,21\n2026-11,参评率,x,21\n",
                     encoding="utf-8")
    code, out = cli("ranking", "import", str(table), "--json")
    assert code == 1 and json.loads(out)["errors"][0]["row"] == 3


async def test_ranking_by_keys(config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    """On the demo (2026-10-10): Today carries September's places; the rates screen of
    September sets them beside the own rates; a rank typed in the form (a bad one first, kept
    as typed) joins the list."""
    from textual.widgets import Input, Select

    from screens.cases.ranking import RankForm, RankingScreen
    from screens.cases.rates import RatesScreen
    from screens.prompt import PromptScreen
    from tests.app_support import demo_app, settle, wait_until
    from tests.test_app import screen_text

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "全省排名 2026-09  受理 7/21▼2" in screen_text(app)
        await pilot.press("c", "R", "left_square_bracket")
        await wait_until(pilot, lambda: isinstance(app.screen, RatesScreen)
                         and "全省平均" in screen_text(app), "September's rates and ranks")
        assert "7/21 ▼2" in screen_text(app)
        await pilot.press("k")
        await wait_until(pilot, lambda: isinstance(app.screen, RankingScreen)
                         and "4 个期间，16 条排名" in screen_text(app), "the ranking list")
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, RankForm), "the rank form")
        form = app.screen
        assert form.query_one("#rank-period", Input).value == "2026-09"
        assert form.query_one("#rank-of", Input).value == "21"
        form.query_one("#rank-period", Input).value = "2026-10"
        form.query_one("#rank-rate", Select).value = "satisfaction"
        form.query_one("#rank-rank", Input).value = "2"
        form.query_one("#rank-average", Input).value = "101"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "0 到 100" in screen_text(app), "the percent error")
        assert form.query_one("#rank-rank", Input).value == "2"
        form.query_one("#rank-average", Input).value = "95.5"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, RankingScreen)
                         and "5 个期间，17 条排名" in screen_text(app), "the new rank")
        assert "2/21" in screen_text(app) and "▲1" in screen_text(app)
        table = tmp_path / "省局排名.csv"
        table.write_text("期间,指标,排名,参评区县数\n2026-10,参评率,4,21\n", encoding="gb18030")
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen), "the path prompt")
        app.screen.query_one(Input).value = str(table)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "已导入" in screen_text(app), "the import's outcome")
        await pilot.press("escape")
        await wait_until(pilot, lambda: "5 个期间，18 条排名" in screen_text(app), "the import")
