"""config.toml: the shipped file equals the defaults; every mistake names file, line and key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from helpdesk.config import Config, load_config, parse_config
from helpdesk.config.locate import find_config_file
from helpdesk.errors import ConfigError
from tests.conftest import cli

SHIPPED_CONFIG = Path(__file__).resolve().parents[1] / "config.toml"


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "c.toml")
    return caught.value.problems


def test_shipped_config_equals_built_in_defaults() -> None:
    assert replace(load_config(str(SHIPPED_CONFIG)), source=None) == Config()


def test_wrong_type_names_file_line_and_key() -> None:
    text = "[ui]\nlocale = \"zh_CN\"\n\n[security]\nmask_personal_data = true\n" \
           "idle_lock_minutes = \"five\"\n"
    assert problems(text) == [
        "c.toml:6: security.idle_lock_minutes: 应为整数，实际是 str 'five'"
    ]


def test_bad_time_and_unknown_key_are_all_reported() -> None:
    text = '[office_hours]\nperiods = [["09:00", "25:00"]]\n[database]\nurll = "x"\n'
    found = problems(text)
    assert found[0].startswith("c.toml:4: database.urll: 未知的键")
    assert found[1].startswith("c.toml:2: office_hours.periods: 应为 \"HH:MM\" 格式的时刻")
    assert "25:00" in found[1]


def test_a_setting_nothing_read_is_gone_and_says_so() -> None:
    """`[contract] inspections_per_month` was documented and never read (issue 32): an old
    file's 1 still loads; another number is refused rather than silently ignored."""
    assert parse_config("[contract]\ninspections_per_month = 1\n", "c.toml") == \
        parse_config("", "c.toml")
    assert problems("[contract]\ninspections_per_month = 2\n") == [
        "c.toml:2: contract.inspections_per_month: 巡检次数由合同规定（每月一次），不是设置项："
        "请删除 inspections_per_month"]


def test_syntax_error_reports_its_line() -> None:
    assert problems('timezone = "Asia/Shanghai"\n[ui\n')[0].startswith("c.toml:2: （语法）")


def test_nested_tables_and_inline_values() -> None:
    text = '[deadlines]\nhandling = { days = 60, rule = "weekly" }\n' \
           "[sla.targets]\nregistration = { urgent = [4, 1] }\n"
    found = problems(text)
    assert found[0].startswith("c.toml:2: deadlines.handling.rule: 须为以下之一")
    # a targets table that leaves out categories says which (issue 35), and each bad pair
    assert found[1].startswith("c.toml:3: sla.targets: 时限表须列出每一类问题，缺少：handling")
    assert found[2].startswith("c.toml:4: sla.targets.registration.urgent:")


def test_security_value_never_falls_back_silently() -> None:
    assert problems("[security]\nmask_personal_data = \"yes\"\n")[0].startswith(
        "c.toml:2: security.mask_personal_data: 应为 true 或 false")
    assert "个人信息始终遮蔽" in problems("[security]\nmask_personal_data = false\n")[0]


def test_unknown_binding_id_is_refused() -> None:
    assert "未知的按键编号" in problems('[keys]\n"app.nowhere" = "x"\n')[0]


def test_bom_is_accepted_and_values_typed(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'[ui]\nlocale = "en"\n[keys]\n"app.today" = "f2"\n'
)
    config = load_config(str(path))
    assert config.ui.locale == "en"
    assert config.keys == {"app.today": "f2"}
    assert config.source == path.resolve()


def test_contract_consistency_checks() -> None:
    found = problems("[contract]\nstart = 2026-12-09\nend = 2026-01-01\n"
                     "payment_on_signing = 0.5\n")
    assert any("contract.end: 合同结束日须晚于开始日" in p for p in found)
    assert any("两笔付款比例之和须为 1.0" in p for p in found)


def test_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit, from_env, local = (tmp_path / n for n in ("a.toml", "b.toml", "config.toml"))
    for path in (explicit, from_env, local):
        path.write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("helpdesk.config.locate.user_config_file",
                        lambda: tmp_path / "none.toml")
    assert find_config_file(str(explicit)) == (explicit, "--config")
    monkeypatch.setenv("HELPDESK_CONFIG", str(from_env))
    assert find_config_file(None) == (from_env, "HELPDESK_CONFIG")
    monkeypatch.delenv("HELPDESK_CONFIG")
    # the working folder's config.toml is never read (issue 35)
    assert find_config_file(None) == (None, "built-in defaults")
    user = tmp_path / "user.toml"
    user.write_text("", encoding="utf-8")
    monkeypatch.setattr("helpdesk.config.locate.user_config_file", lambda: user)
    assert find_config_file(None) == (user, "user config dir")


def test_cli_config_check_exits_2_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[security]\nidle_lock_minutes = "five"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "helpdesk", "--config", str(path), "config", "check"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"{path}:2: security.idle_lock_minutes: 应为整数" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_config_path_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "helpdesk", "config", "path", "--config", str(path)],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert str(path) in result.stdout and "--config" in result.stdout


def test_problems_speak_the_files_own_locale() -> None:
    found = problems('[ui]\nlocale = "en"\n[security]\nidle_lock_minutes = "five"\n')
    assert found == [
        "c.toml:4: security.idle_lock_minutes: expected a whole number, got str 'five'"]


def test_a_renamed_binding_id_still_applies() -> None:
    config = parse_config('[keys]\n"app.queue" = "f3"\n', "c.toml")
    assert config.keys == {"app.questions": "f3"}


def test_config_path_and_doctor_name_the_line_that_set_each_path(tmp_path: Path) -> None:
    """A one-line user config moves only what it names, and says which line moved it."""
    exports = tmp_path / "out"
    exports.mkdir()
    path = tmp_path / "mine.toml"
    path.write_text(f'[ui]\nlocale = "en"\n\n[data_service]\nexport_dir = "{exports}"\n',
                    encoding="utf-8")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("HELPDESK_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "helpdesk", "config", "path", "--config", str(path), "--json"],
        capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["set_at"] == {"exports": f"{path}:5"}
    assert found["exports"] == str(exports)
    assert found["database"].startswith(str(tmp_path / "data" / "helpdesk"))
    assert found["set_by"]["database"] == "default"
    db = tmp_path / "h.db"
    subprocess.run([*cli(), "--db", str(db), "init"], capture_output=True, timeout=120,
                   check=True, env=env)
    doctor = subprocess.run([*cli(), "--db", str(db), "--config", str(path), "doctor"],
                            capture_output=True, text=True, timeout=120, env=env)
    assert f"Exports: {exports}  (set at {path}:5)" in doctor.stdout, doctor.stdout
    assert "Audit key" in doctor.stdout and "(--db)" in doctor.stdout
