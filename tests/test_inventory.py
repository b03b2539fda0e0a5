"""终端清单: the terminal inventory imported from a spreadsheet (all or nothing, row-numbered,
idempotent), plug-ins older than `[inventory] minimum_versions` listed as outdated (by hand),
a question linked to its terminal, the CLI and the console."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.app.desk import question_with_terminal
from helpdesk.clock import FrozenClock
from helpdesk.config import Config, parse_config
from helpdesk.errors import ConfigError, NotFound
from helpdesk.monitoring.inventory import (
    link_question,
    list_terminals,
    older,
    outdated_plugins,
    outdated_summary,
)
from helpdesk.monitoring.inventory_import import import_inventory
from helpdesk.questions.actions import add_question
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.cli_support import CliRun, cli_runner, write_config

HEADER = "计算机名,单位,使用人,位置,浏览器,浏览器版本,PageOffice版本,身份证读卡器版本,最近访问"


def _sheet(path: Path, *rows: str) -> Path:
    path.write_text("\n".join(["园岭街道终端清单（2026年10月）", HEADER, *rows]) + "\n",
                    encoding="utf-8")
    return path


def test_versions_compare_part_by_part() -> None:
    assert older("5.3.0.6", "5.4") and older("5.4", "5.10") and older("86.0", "109")
    assert not older("5.4", "5.4.0") and not older("5.4.0.12", "5.4")
    assert not older("3.3.0", "3.2") and not older("", "3.2")  # blank: not judged


@given(st.lists(st.integers(0, 99), min_size=1, max_size=4),
       st.lists(st.integers(0, 99), min_size=1, max_size=4))
def test_older_is_a_strict_order(a: list[int], b: list[int]) -> None:
    left, right = ".".join(map(str, a)), ".".join(map(str, b))
    assert not older(left, left)
    assert not (older(left, right) and older(right, left))


def test_import_all_or_nothing_then_idempotent(ws: Workspace, tmp_path: Path) -> None:
    actor = resolve_actor(ws)
    add_unit(ws, actor, "S01", "园岭街道", "street")
    bad = import_inventory(ws, actor, _sheet(
        tmp_path / "bad.csv", "YL-01,园岭街道,胡敏,二楼,Chrome,109.0,5.4.0.12,3.2.1,2026-10-09",
        ",园岭街道,李四,,,,,,", "YL-01,园岭街道,张三,,,,,,", "YL-03,月亮街道,王五,,,,,,",
        "YL-04,园岭街道,赵六,,,,,,十月九日"))
    assert not bad.written and [row for row, _r in bad.errors] == [4, 5, 6, 7]
    assert "3" in bad.errors[1][1] and bad.unknown_units == {"月亮街道"}
    assert list_terminals(ws, actor) == []
    good = _sheet(tmp_path / "good.csv",
                  "YL-01,园岭街道,胡敏,二楼,Chrome,109.0,5.4.0.12,3.2.1,2026-10-09",
                  "YL-02,园岭街道,李四,三楼,Chrome,86.0,5.3.0.6,,2026/10/08")
    report = import_inventory(ws, actor, good)
    assert report.written and report.added == 2
    assert report.plugins == ("PageOffice", "身份证读卡器")
    first, second = list_terminals(ws, actor)
    assert first.plugins == (("PageOffice", "5.4.0.12"), ("身份证读卡器", "3.2.1"))
    assert second.plugins == (("PageOffice", "5.3.0.6"),)  # a blank cell: not installed
    assert (first.unit, first.location, str(first.last_visit)) == ("园岭街道", "二楼",
                                                                   "2026-10-09")
    again = import_inventory(ws, actor, good)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    newer = import_inventory(ws, actor, _sheet(
        tmp_path / "newer.csv", "YL-02,园岭街道,李四,三楼,Chrome,109.0,5.4.1.0,,2026-10-10"))
    assert newer.updated == 1
    assert list_terminals(ws, actor, search="李四")[0].version == 2


def test_outdated_by_hand(ws: Workspace, tmp_path: Path) -> None:
    """Minimums (the shipped default): PageOffice 5.4, 身份证读卡器 3.2, Chrome 109. YL-02
    runs Chrome 86.0 and PageOffice 5.3.0.6; YL-03 reader 3.1.8; YL-01 is current."""
    actor = resolve_actor(ws)
    add_unit(ws, actor, "S01", "园岭街道", "street")
    import_inventory(ws, actor, _sheet(
        tmp_path / "t.csv", "YL-01,园岭街道,胡敏,,Chrome,109.0,5.4.0.12,3.2.1,",
        "YL-02,园岭街道,李四,,Chrome,86.0,5.3.0.6,,", "YL-03,,王五,,Chrome,116,5.4,3.1.8,"))
    assert [(line.machine, line.name, line.installed, line.required)
            for line in outdated_plugins(ws, actor)] == [
        ("YL-03", "身份证读卡器", "3.1.8", "3.2"),
        ("YL-02", "Chrome", "86.0", "109"), ("YL-02", "PageOffice", "5.3.0.6", "5.4")]
    assert outdated_summary(ws, actor) == (3, (("Chrome", 1), ("PageOffice", 1),
                                               ("身份证读卡器", 1)))
    assert [view.machine for view in list_terminals(ws, actor, outdated_only=True)] == [
        "YL-02", "YL-03"]


def test_a_question_names_its_terminal(ws: Workspace, tmp_path: Path) -> None:
    actor = resolve_actor(ws)
    import_inventory(ws, actor, _sheet(tmp_path / "t.csv", "YL-02,,李四,,Chrome,86.0,5.3,,"))
    question = add_question(ws, actor, title="PageOffice 打不开正文", category="desktop",
                            channel="phone")
    with pytest.raises(NotFound):
        link_question(ws, actor, question.id, "YL-99")
    view = link_question(ws, actor, question.id, "YL-02")
    assert view is not None and view.machine == "YL-02"
    terminal = question_with_terminal(ws, actor, question.id).terminal
    assert terminal is not None and [o.name for o in terminal.outdated] == ["PageOffice",
                                                                            "Chrome"]
    assert link_question(ws, actor, question.id, None) is None
    assert question_with_terminal(ws, actor, question.id).terminal is None


def test_minimum_versions_are_checked_in_the_config() -> None:
    config = parse_config('[inventory]\nminimum_versions = { PageOffice = "5.5" }\n')
    assert config.inventory.minimum_versions == (("PageOffice", "5.5"),)
    with pytest.raises(ConfigError) as caught:
        parse_config('[inventory]\nminimum_versions = { PageOffice = 5.5 }\n')
    assert "config.toml:2" in str(caught.value) and "minimum_versions" in str(caught.value)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-12-02T10:00:00+08:00")


def test_inventory_from_the_cli(cli: CliRun, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "t.csv", "YL-01,,胡敏,,Chrome,109.0,5.4.0.12,3.2.1,",
                   "YL-02,,李四,,Chrome,109.0,5.3.0.6,,")
    code, out = cli("inventory", "import", str(sheet), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["added"] == 2 and not json.loads(out)["written"]
    assert cli("inventory", "outdated")[0] == 0  # nothing imported yet
    code, out = cli("inventory", "import", str(sheet))
    assert code == 0 and "新增 2" in out  # the UI's language
    code, out = cli("inventory", "outdated", "--json")
    assert code == 1 and [(x["machine"], x["name"]) for x in json.loads(out)] == [
        ("YL-02", "PageOffice")]
    code, out = cli("inventory", "list", "--outdated")
    assert code == 0 and "YL-02" in out and "YL-01" not in out
    code, out = cli("inventory", "link", "1")
    assert code == 2


async def test_inventory_by_keys(config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    """From the inspection (which counts the outdated plug-ins) to the inventory, then only
    the outdated terminals."""
    from screens.inspection.inventory import InventoryScreen
    from tests.app_support import demo_app, settle, wait_until
    from tests.test_app import screen_text

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await wait_until(pilot, lambda: "终端 11 台 版本过低 6 项" in screen_text(app),
                         "the outdated count")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, InventoryScreen)
                         and "BM-09" in screen_text(app), "the inventory")
        await pilot.press("v")
        await wait_until(pilot, lambda: "BM-09" not in screen_text(app)
                         and "仅版本过低" in screen_text(app), "outdated only")
        assert "JD-05" in screen_text(app)
