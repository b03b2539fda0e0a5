"""A config changes only what it names (issue 35): the working folder is never read, a key left
out keeps its default in the user data folder, and every file, folder, category and binding a
config names is checked when it loads, `file:line: key: problem`."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpdesk.config.load import load_config
from helpdesk.config.locate import find_config_file
from helpdesk.errors import ConfigError
from helpdesk.paths import user_data_dir


def _problems(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(str(path))
    return str(refused.value)


def test_the_working_folder_is_never_read(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.toml").write_text("[other_tool]\nx = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert find_config_file(None) == (None, "built-in defaults")
    assert load_config().source is None  # another tool's file stops nothing


def test_a_one_line_user_config_moves_nothing(tmp_path: Path) -> None:
    user = tmp_path / "xdgconfig" / "helpdesk" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text('[ui]\nlocale = "en"\n', encoding="utf-8")
    config = load_config(str(user))
    assert config.ui.locale == "en"
    for value in (config.database.url, config.data_service.export_dir,
                  config.security.evidence_dir, config.calendar.local_tables_dir):
        assert config.resolve_path(value).parent == user_data_dir()


def test_a_path_given_is_taken_from_the_files_folder(tmp_path: Path) -> None:
    (tmp_path / "tables").mkdir()
    path = tmp_path / "config.toml"
    path.write_text('[database]\nurl = "data/h.db"\n[calendar]\nlocal_tables_dir = "tables"\n',
                    encoding="utf-8")
    (tmp_path / "data").mkdir()
    config = load_config(str(path))
    assert config.resolve_path(config.database.url) == tmp_path / "data" / "h.db"
    assert config.resolve_path(config.calendar.local_tables_dir) == tmp_path / "tables"


@pytest.mark.parametrize(("text", "key", "words"), [
    ('[calendar]\nlocal_tables_dir = "/nowhere/tables"\n', "calendar.local_tables_dir",
     "文件夹不存在"),
    ('[training]\ncurriculum_file = "missing.toml"\n', "training.curriculum_file", "文件不存在"),
    ('[inspection]\nchecklist_file = "missing.toml"\n', "inspection.checklist_file",
     "文件不存在"),
    ('[database]\nbackup_password_file = "pw.txt"\n', "database.backup_password_file",
     "文件不存在"),
    ('[security]\nexport_password_file = "pw.txt"\n', "security.export_password_file",
     "文件不存在"),
    ('[security]\naudit_key_file = "/nowhere/audit.key"\n', "security.audit_key_file",
     "所在文件夹不存在"),
    ('[security]\nevidence_dir = "config.toml"\n', "security.evidence_dir", "不是文件夹"),
    ('[database]\nurl = ""\n', "database.url", "数据库地址为空"),
    ('[sla.targets]\nother = { urgent = [0.5, 4] }\n', "sla.targets", "缺少：registration"),
    ('[keys]\n"case.hearing" = "e"\n', "keys.case.hearing", "case.extend"),
])
def test_what_a_config_names_is_checked_at_load(tmp_path: Path, text: str, key: str,
                                                words: str) -> None:
    message = _problems(tmp_path, text)
    assert f"config.toml:2: {key}: " in message or f"config.toml:1: {key}: " in message, \
        message
    assert words in message, message
