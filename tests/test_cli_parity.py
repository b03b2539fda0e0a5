"""What the console does, a script can do: units, configuration requests, requirements and
problems, case stages (review requests included), extension and urging, KB authoring; each
with --json, audited, refusing what the services refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_support import CliRun, cli_runner, write_config

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "provincial_export.csv"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-11-02T10:00:00+08:00")


def test_units(cli: CliRun) -> None:
    code, out = cli("unit", "add", "S11", "--name", "香蜜湖街道", "--kind", "street",
                    "--contact", "李主任", "--json")
    assert code == 0 and json.loads(out)["pinyin_initials"] == "xmhjd"
    assert cli("unit", "add", "S12", "--name", "香蜜湖街道")[0] == 2  # name taken
    code, out = cli("unit", "edit", "xmhjd", "--contact", "王科长", "--active", "no", "--json")
    edited = json.loads(out)
    assert code == 0 and (edited["contact"], edited["active"], edited["version"]) == (
        "王科长", False, 2)
    code, out = cli("unit", "list", "--json")
    assert [u["code"] for u in json.loads(out)] == ["S11"]
    assert "停用" in cli("unit", "list")[1]
    audit = json.loads(cli("audit", "list", "--json")[1])
    assert [r["action"] for r in audit[:2]] == ["unit.update", "unit.add"]


def _question(cli: CliRun, category: str) -> str:
    cli("unit", "add", "S01", "--name", "福田街道", "--kind", "street")
    code, out = cli("question", "add", "--title", "重置王五的口令", "--unit", "福田街道",
                    "--category", category, "--json")
    assert code == 0, out
    return str(json.loads(out)["number"])


def test_configuration_request(cli: CliRun) -> None:
    number = _question(cli, "configuration")
    code, out = cli("question", "config-checklist", "password_reset", "--json")
    items = json.loads(out)
    assert code == 0 and len(items) >= 3
    code, out = cli("question", "config", number, "--kind", "password_reset",
                    "--requested-by", "李主任", "--done")
    assert code == 2  # not every item ticked, no approver
    ticks = [arg for item in items for arg in ("--tick", item)]
    code, out = cli("question", "config", number, "--kind", "password_reset",
                    "--requested-by", "李主任", "--approved-by", "张科长", *ticks, "--done",
                    "--json")
    request = json.loads(out)
    assert code == 0 and all(request["checklist"].values()) and request["done_at"]
    code, out = cli("question", "config", number, "--kind", "password_reset",
                    "--requested-by", "李主任", "--summary", "口令：Abc12345", "--json")
    assert code == 2 and "口令" in out  # a password typed into the summary is refused


def test_requirements_and_problems(cli: CliRun) -> None:
    number = _question(cli, "registration")
    code, out = cli("requirement", "add", "--from-question", number, "--json")
    requirement = json.loads(out)
    assert code == 0 and requirement["number"] == "R2026-0001"
    assert requirement["title"] == "重置王五的口令"
    code, out = cli("requirement", "step", "R2026-0001", "--to", "verified")
    assert code == 2  # one step at a time
    for status in ("analysed", "verified"):
        assert cli("requirement", "step", "r2026-0001", "--to", status)[0] == 0
    # 局方确认 is recorded with its confirmer, never stepped into (issue 32)
    code, out = cli("requirement", "step", "R2026-0001", "--to", "confirmed")
    assert code == 2 and "helpdesk requirement confirm R2026-0001" in out
    assert cli("requirement", "confirm", "R2026-0001", "--by", "张主任", "--unit",
               "区信访局办公室")[0] == 0
    assert cli("requirement", "step", "R2026-0001", "--to", "fed_back")[0] == 2  # no ref
    code, out = cli("requirement", "step", "R2026-0001", "--to", "fed_back", "--ref",
                    "SJ-2026-118", "--json")
    assert code == 0 and json.loads(out)["province_ref"] == "SJ-2026-118"
    code, out = cli("problem", "add", "--title", "受理页面偶发 500", "--json")
    assert code == 0 and json.loads(out)["follow_up_due"] == "2026-11-09"
    code, out = cli("problem", "list", "--status", "open", "--json")
    assert [p["number"] for p in json.loads(out)] == ["P2026-0001"]
    assert cli("problem", "step", "R2026-0001", "--to", "following")[0] == 6  # not a problem
    code, out = cli("problem", "list", "--late", "--json", now="2026-11-20T10:00:00+08:00")
    assert [p["number"] for p in json.loads(out)] == ["P2026-0001"]


def test_case_stages_extension_and_urging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    cli = cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                     capsys, "2026-11-20T10:00:00+08:00")
    for code, name in enumerate(("福田街道", "区人力资源局", "区教育局", "区城市管理和综合执法局",
                                 "区卫生健康局", "区住房和建设局")):
        cli("unit", "add", f"U{code}", "--name", name)
    code, out = cli("case", "import", str(SAMPLE), "--json")
    assert code == 0, out
    code, out = cli("case", "show", "GD44030420261001", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["case"]["stage"] == "accepted"
    assert shown["case"]["petitioner"] != "张三（示例）"  # masked
    code, out = cli("case", "extend", "GD44030420261001", "--days", "30", "--approved-on",
                    "2026-10-30", "--reason", "需补充调查", "--json")
    assert code == 0 and json.loads(out)["extension_days"] == 30
    assert cli("case", "extend", "GD44030420261001", "--days", "30", "--approved-on",
               "2026-10-30", "--reason", "再延")[0] == 2  # once only
    code, out = cli("case", "urge", "GD44030420261001", "--contact", "张科长", "--method",
                    "phone", "--agreed", "周五前办结", "--next-check", "2026-11-24", "--json")
    assert code == 0
    urgings = json.loads(cli("case", "show", "GD44030420261001", "--json")[1])["urgings"]
    assert [(u["contact"], u["next_check"]) for u in urgings] == [("张科长", "2026-11-24")]
    assert cli("case", "urge", "GD44030420261001", "--contact", "张科长", "--method", "fax",
               "--next-check", "2026-11-24")[0] == 2
    # A review request (复查) on a replied case, then the review.
    code, out = cli("case", "stage", "GD44030420261002", "review_requested", "--on",
                    "2026-11-12", "--json")
    assert code == 0 and json.loads(out)["stage"] == "review_requested"
    assert cli("case", "stage", "GD44030420261002", "rereviewed", "--on", "2026-11-13")[0] == 2
    code, out = cli("case", "stage", "GD44030420261002", "reviewed", "--on", "2026-11-16")
    assert code == 0 and "reviewed" in out
    assert cli("case", "show", "GD4403042026999")[0] == 6
    actions = [r["action"] for r in json.loads(cli("audit", "list", "--json")[1])]
    assert {"case.stage", "case.extend", "case.urge"} <= set(actions)


def test_knowledge_base_authoring(cli: CliRun) -> None:
    code, out = cli("kb", "draft", "--title", "登记页面空白", "--question", "打开登记页面一片空白",
                    "--answer", "", "--category", "registration", "--json")
    article = json.loads(out)
    assert code == 0 and article["status"] == "draft"
    article_id = str(article["id"])
    assert cli("kb", "publish", article_id)[0] == 2  # no answer yet
    code, out = cli("kb", "edit", article_id, "--answer", "清理浏览器缓存后重新登录", "--json")
    assert code == 0 and json.loads(out)["version"] == 2
    code, out = cli("kb", "publish", article_id, "--json")
    assert code == 0 and json.loads(out)["status"] == "published"
    code, out = cli("kb", "list", "--search", "空白", "--json")
    assert [a["id"] for a in json.loads(out)] == [article["id"]]
    assert cli("kb", "retire", article_id)[0] == 0
    assert json.loads(cli("kb", "list", "--json")[1]) == []
    code, out = cli("kb", "show", article_id, "--json")
    shown = json.loads(out)
    assert code == 0 and len(shown["versions"]) >= 3 and shown["article"]["status"] == "retired"
    assert cli("kb", "show", "abc")[0] == 2
