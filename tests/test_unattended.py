"""Password-taking commands run from cron (issue 35): started as cron starts them (a new
session, stdin from /dev/null, no terminal), with the password in a 0600 file given by
--password-file or [security] export_password_file; without one, exit 2 saying so, never
an EOFError traceback."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from tests.conftest import TEST_USER, cli


def _cron(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cli(TEST_USER), *args], capture_output=True, text=True,
                          timeout=180, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                          start_new_session=True)


def test_encrypted_exports_run_from_cron_with_a_password_file(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    env = {**os.environ, "HELPDESK_DB": str(db),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("HELPDESK_CONFIG", None)
    assert _cron(["init"], env, tmp_path).returncode == 0
    report = ["report", "monthly", "2026-09", "--format", "xlsx", "--password"]

    no_file = _cron([*report, "-o", "a.xlsx"], env, tmp_path)
    assert no_file.returncode == 2, no_file.stderr
    assert "--password-file" in no_file.stderr and "Traceback" not in no_file.stderr
    assert not (tmp_path / "a.xlsx").exists()

    secret = tmp_path / "export.pw"
    secret.write_text("Fz#2026-baomi\n", encoding="utf-8")
    secret.chmod(0o644)
    too_open = _cron([*report, "-o", "b.xlsx", "--password-file", str(secret)], env, tmp_path)
    assert too_open.returncode == 2 and "chmod 600" in too_open.stderr

    secret.chmod(0o600)
    done = _cron([*report, "-o", "c.xlsx", "--password-file", str(secret)], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "(encrypted)" in done.stdout
    from helpdesk.storage.encrypted import decrypt

    assert decrypt((tmp_path / "c.xlsx").read_bytes(), "Fz#2026-baomi")[:2] == b"PK"

    config = tmp_path / "config.toml"
    config.write_text(f'[security]\nexport_password_file = "{secret}"\n'
                      f'[database]\nurl = "{db}"\n', encoding="utf-8")
    configured = _cron([*report, "-o", "d.xlsx", "--config", str(config)], env, tmp_path)
    assert configured.returncode == 0, configured.stderr
    backup = _cron(["backup", str(tmp_path / "b.zip"), "--password", "--password-file",
                    str(secret)], env, tmp_path)
    assert backup.returncode == 0, backup.stderr


def test_each_command_leaves_one_log_line(tmp_path: Path) -> None:
    """Which command, its outcome and its error's code; never its arguments."""
    db = tmp_path / "h.db"
    state = tmp_path / "state"
    env = {**os.environ, "HELPDESK_DB": str(db), "XDG_STATE_HOME": str(state),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    for name in ("HELPDESK_CONFIG", "INVOCATION_ID", "JOURNAL_STREAM"):
        env.pop(name, None)
    assert _cron(["init"], env, tmp_path).returncode == 0
    assert _cron(["staff", "deactivate", "李晓燕", "--reason", "离职"], env,
                 tmp_path).returncode == 6
    unusable = _cron(["report", "monthly", "2026-09", "--format", "md", "-o",
                      str(tmp_path / "missing" / "r.md")], env, tmp_path)
    assert unusable.returncode == 2
    log = state / "helpdesk" / "log" / "helpdesk.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600  # whatever the umask
    lines = log.read_text(encoding="utf-8")
    assert " report:report exit=2 " in lines and "error=path" in lines  # what the shell saw
    assert " admin:init exit=0 " in lines
    assert " admin:staff_active exit=6 " in lines and "error=staff.no_such" in lines
    assert "李晓燕" not in lines and "离职" not in lines
    under_systemd = _cron(["staff", "list"], {**env, "INVOCATION_ID": "abc"}, tmp_path)
    assert "admin:staff_list exit=0" in under_systemd.stderr  # journald keeps stderr


DEPLOY = Path(__file__).resolve().parents[1] / "docs" / "deploy"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "provincial_export.csv"


def _scheduled_commands(home: Path) -> list[list[str]]:
    """Every command the shipped units and crontab run, with their paths under `home`."""
    lines = [line.split("=", 1)[1] for unit in sorted(DEPLOY.glob("*.service"))
             for line in unit.read_text(encoding="utf-8").splitlines()
             if line.startswith("ExecStart=")]
    lines += [" ".join(line.split()[5:]) for line in
              (DEPLOY / "crontab").read_text(encoding="utf-8").splitlines()
              if line and line[0].isdigit()]
    commands = []
    for line in lines:
        line = line.replace("%h", str(home)).replace("/home/helpdesk", str(home))
        line = line.replace("$(date -d 'last month' +\\%Y-\\%m)", "2026-09")
        words = line.split()
        assert words[0] == "/usr/local/bin/helpdesk", line
        commands.append(words[1:])
    return commands


def test_the_shipped_schedules_run_as_cron_runs_them(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    config = tmp_path / ".config" / "helpdesk" / "config.toml"
    config.parent.mkdir(parents=True)
    secret = config.parent / "export.pw"
    secret.write_text("Fz#2026-baomi\n", encoding="utf-8")
    secret.chmod(0o600)
    config.write_text(f'[database]\nurl = "{db}"\nbackup_dir = "{tmp_path / "backups"}"\n',
                      encoding="utf-8")
    env = {**os.environ, "HELPDESK_CONFIG": str(config), "XDG_STATE_HOME": str(tmp_path),
           "HELPDESK_NOW": "2026-11-24T07:30:00+08:00",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("HELPDESK_DB", None)
    assert _cron(["init"], env, tmp_path).returncode == 0
    for code, name in (("S01", "福田街道"), ("D01", "区人力资源局"), ("D02", "区卫生健康局"),
                       ("D03", "区城市管理和综合执法局"), ("D04", "区教育局")):
        assert _cron(["unit", "add", code, "--name", name], env, tmp_path).returncode == 0
    inbox = tmp_path / "helpdesk-inbox"
    inbox.mkdir()
    (inbox / "cases.csv").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "reports").mkdir()
    commands = _scheduled_commands(tmp_path)
    assert len(commands) == 5
    for args in commands:
        done = _cron(args, env, tmp_path)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
    assert (tmp_path / "reports" / "monthly.xlsx").is_file()
    assert any((tmp_path / "backups").iterdir())
