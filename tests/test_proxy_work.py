"""信访业务办理: work done on users' behalf, one log entry per action; a case registered by hand
before the province's export, merged (never duplicated) when the export brings its number;
the counts in the reports and the compliance ledger, worked by hand."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from helpdesk.app.audit_feed import list_audit
from helpdesk.calendar.periods import parse_period
from helpdesk.cases.actions import add_case, get_case_detail
from helpdesk.cases.imports import import_cases
from helpdesk.cases.models import PetitionCase
from helpdesk.cases.proxy_views import list_proxy
from helpdesk.cases.proxy_work import NewCase, log_proxy
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.contract.ledger import compute_ledger
from helpdesk.errors import UsageError
from helpdesk.reports.gather import build_report
from helpdesk.reports.markdown import report_markdown
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.cli_support import CliRun, cli_runner, write_config
from tests.conftest import local
from tests.expect import refused


@pytest.fixture
def config(config: Config) -> Config:
    return replace(config, contract=replace(config.contract, start=date(2026, 10, 8),
                                            end=date(2027, 10, 7)))


def _export(path: Path, *rows: str) -> Path:
    path.write_text("\n".join(["信访件编号,登记日期,信访形式,信访事由,责任单位", *rows]) + "\n",
                    encoding="utf-8")
    return path


def test_work_on_a_case_is_logged_for_its_unit(ws: Workspace, clock: FrozenClock) -> None:
    actor = resolve_actor(ws)
    unit = add_unit(ws, actor, "S01", "园岭街道", "street")
    add_case(ws, actor, case_number="GD001", registered_on=date(2026, 10, 9), channel="visit",
             subject="物业纠纷", unit_id=unit.id)
    entry = log_proxy(ws, actor, "GD001", "transferred", on_behalf_of="刘干事",
                      authorised_by="张主任", note="代为转送",
                      done_at=local(2026, 10, 9, 15, 0))
    assert (entry.unit, entry.action, entry.case_id is not None) == ("园岭街道", "transferred",
                                                                      True)
    audit = next(a for a in list_audit(ws, actor, limit=3) if a.entity == "proxy_work")
    assert audit.action == "proxy.add" and "刘干事" in audit.summary and "张主任" in audit.summary
    case = get_case_detail(ws, actor, entry.case_id or 0)
    assert [p.on_behalf_of for p in case.proxy] == ["刘干事"]


@pytest.mark.parametrize(("number", "action", "fields", "code"), [
    ("GD404", "handled", {}, "proxy.unknown_case"),
    ("GD404", "registered", {}, "proxy.new_case_needed"),
    ("GD001", "registered", {"new_case": NewCase("重复", "letter", date(2026, 10, 9))},
     "cases.duplicate"),
    ("GD001", "handled", {"on_behalf_of": " "}, "proxy.no_behalf"),
    ("GD001", "handled", {"authorised_by": ""}, "proxy.no_authoriser"),
    ("GD001", "handled", {"done_at": local(2026, 10, 11)}, "proxy.future"),
    ("GD001", "visited", {}, "proxy.action"),
    (" ", "handled", {}, "proxy.no_case"),
])
def test_refusals_write_nothing(ws: Workspace, number: str, action: str,
                                fields: dict[str, object], code: str) -> None:
    actor = resolve_actor(ws)
    add_case(ws, actor, case_number="GD001", registered_on=date(2026, 10, 9), channel="visit",
             subject="物业纠纷")
    values: dict[str, object] = {"on_behalf_of": "刘干事", "authorised_by": "张主任", **fields}
    with refused(UsageError, code):
        log_proxy(ws, actor, number, action, **values)  # type: ignore[arg-type]
    assert list_proxy(ws, actor) == []
    with ws.db.read() as session:
        assert session.exec(select(func.count()).select_from(PetitionCase)).one() == 1


@pytest.mark.parametrize("chunk", [1000, 1])
def test_registered_by_hand_then_merged_by_the_export(ws: Workspace, clock: FrozenClock,
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      chunk: int) -> None:
    """Also when the import writes a row at a time (chunk 1): the hand registration in the
    first chunk is confirmed, not only those of the last."""
    from helpdesk.cases import imports

    monkeypatch.setattr(imports, "CHUNK", chunk)
    actor = resolve_actor(ws)
    add_unit(ws, actor, "S01", "园岭街道", "street")
    entry = log_proxy(ws, actor, "GD-H1", "registered", on_behalf_of="刘干事",
                      authorised_by="张主任",
                      new_case=NewCase("电梯停运", "letter", date(2026, 10, 9)))
    assert entry.confirmed_at is None
    report = import_cases(ws, actor, _export(
        tmp_path / "export.csv", "GD-H1,2026-10-09,来信,电梯长期停运,园岭街道",
        "GD-X2,2026-10-09,来访,噪音,园岭街道"))
    assert report.written and report.confirmed == 1 and report.added == 1
    with ws.db.read() as session:
        cases = session.exec(select(PetitionCase).where(
            col(PetitionCase.case_number) == "GD-H1")).all()
    assert len(cases) == 1 and cases[0].subject == "电梯长期停运"  # the export's wording
    (logged,) = list_proxy(ws, actor, case_number="GD-H1")
    assert logged.confirmed_at is not None and logged.case_id == cases[0].id
    again = import_cases(ws, actor, tmp_path / "export.csv")
    assert again.confirmed == 0


def test_report_and_ledger_count_the_month(ws: Workspace, clock: FrozenClock,
                                           tmp_path: Path) -> None:
    """October: three actions (one hand registration, still not in any export) and one in
    November. The report for October counts 3 (登记 1, 办理 2); the ledger's October cell is
    met with the same figures and, once November has come, at risk for GD-H1."""
    actor = resolve_actor(ws)
    add_case(ws, actor, case_number="GD001", registered_on=date(2026, 10, 9), channel="visit",
             subject="物业纠纷")
    clock.set(local(2026, 10, 20, 10))
    for day in (12, 15):
        log_proxy(ws, actor, "GD001", "handled", on_behalf_of="周干事", authorised_by="李科长",
                  done_at=local(2026, 10, day, 10))
    log_proxy(ws, actor, "GD-H1", "registered", on_behalf_of="刘干事", authorised_by="张主任",
              new_case=NewCase("电梯停运", "letter", date(2026, 10, 20)))
    clock.set(local(2026, 11, 3, 10))
    log_proxy(ws, actor, "GD001", "accepted", on_behalf_of="周干事", authorised_by="李科长")
    figures = build_report(ws, actor, parse_period("monthly", "2026-10"))
    proxy = figures.proxy
    assert (proxy.total, proxy.registered_by_hand, proxy.confirmed) == (3, 1, 0)
    assert [(c.label, c.count) for c in proxy.by_action] == [
        ("registered", 1), ("accepted", 0), ("transferred", 0), ("handled", 2)]
    line = "代办（信访业务办理）3 次：代为登记 1、代为办理 2；手工登记 1 件，省系统导出已确认 0 件"
    assert line in report_markdown(figures)
    ledger = compute_ledger(ws, actor)
    october = dict(ledger.rows)["proxy"][0]
    assert (october.state, october.evidence, october.at_risk) == ("met", ("GD-H1",), True)
    assert "代办 3 次" in october.figure
    november = dict(ledger.rows)["proxy"][1]
    assert (november.state, november.at_risk) == ("met", False)
    assert dict(ledger.rows)["proxy"][2].state == "none"  # December: nothing done
    assert not [b for b in ledger.breaches if b.obligation == "proxy"]  # evidence, not a fine
    clock.set(clock.now() + timedelta(days=1))
    import_cases(ws, actor, _export(tmp_path / "e.csv", "GD-H1,2026-10-20,来信,电梯停运,"))
    assert not dict(compute_ledger(ws, actor).rows)["proxy"][0].at_risk


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-12-02T10:00:00+08:00")


def test_proxy_from_the_cli(cli: CliRun) -> None:
    code, out = cli("proxy", "add", "GD-H9", "--action", "registered", "--for", "刘干事",
                    "--authorised-by", "张主任", "--subject", "来信反映电梯停运",
                    "--registered-on", "2026-12-01", "--json")
    assert code == 0, out
    entry = json.loads(out)
    assert entry["case_number"] == "GD-H9" and entry["confirmed_at"] is None
    code, out = cli("proxy", "add", "GD-H9", "--action", "handled", "--for", "刘干事",
                    "--authorised-by", "张主任", "--at", "2026-12-02T09:30")
    assert code == 0 and "handled" in out
    code, out = cli("proxy", "list", "--case", "GD-H9", "--json")
    # most recently done first: registered at 10:00 (now), handled at 09:30 as typed
    assert [e["action"] for e in json.loads(out)] == ["registered", "handled"]
    code, out = cli("proxy", "add", "GD-404", "--action", "handled", "--for", "刘干事",
                    "--authorised-by", "张主任")
    assert code == 2 and "GD-404" in out
    code, out = cli("proxy", "add", "GD-H9", "--action", "handled", "--for", "刘干事",
                    "--authorised-by", "张主任", "--at", "明天")
    assert code == 2 and "明天" in out


async def test_proxy_by_keys(config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    """The demo's log from the worklist (a hand registration awaiting the export, another
    confirmed); on a case, `w` logs work for it and the case shows it."""
    from textual.widgets import Input

    from screens.cases.case_detail import CaseDetailScreen
    from screens.cases.proxy import ProxyForm, ProxyLogScreen
    from tests.app_support import demo_app, settle, wait_until
    from tests.test_app import screen_text

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "w")
        await wait_until(pilot, lambda: isinstance(app.screen, ProxyLogScreen)
                         and "待导出确认" in screen_text(app), "the proxy log")
        assert "导出已确认" in screen_text(app)
        await pilot.press("escape", "o")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseDetailScreen)
                         and app.screen.detail is not None, "a case")
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, ProxyForm), "the proxy form")
        form = app.screen
        form.query_one("#proxy-for", Input).value = "吴干事"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "授权人" in screen_text(app), "the missing authoriser")
        assert form.query_one("#proxy-for", Input).value == "吴干事"
        form.query_one("#proxy-authorised", Input).value = "张主任"
        form.query_one("#proxy-note", Input).value = "代为录入答复"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseDetailScreen)
                         and "代 吴干事 办理，授权人 张主任 代为录入答复" in screen_text(app),
                         "the work on the case")
