"""The console on a shared jump host, tried as real Unix users (CI runs as root: the accounts
are made with useradd). Each engineer runs the real program under their own uid; nothing they
can set (environment, config, executable name, arguments) makes them someone else, and a
one-account SQLite database stays that account's.

The program runs on Debian's python3 (3.11, the same minor version as the suite's) with the
checkout and the suite's installed packages on its path: the suite's own interpreter may sit
under /root, which other accounts cannot enter. `helpdesk init` here reads the real clock for
the one record it writes (a real database refuses HELPDESK_NOW); no assertion depends on it."""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import site
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = Path("/usr/bin/python3")
ACCOUNTS = ("hdtest_wang", "hdtest_li")

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("useradd") is None or not SYSTEM_PYTHON.exists()
    or sys.version_info[:2] != (3, 11),
    reason="needs root (to make Unix users), useradd and Debian's python3.11")


def _reachable(path: Path) -> bool:
    """Can an account that is neither owner nor in the group read it?"""
    return all(stat.S_IMODE(folder.stat().st_mode) & 0o005 for folder in [path, *path.parents])


@pytest.fixture(scope="module")
def host() -> Iterator[Path]:
    """A world-readable folder with the program and its packages, and the two accounts."""
    root = Path(tempfile.mkdtemp(prefix="helpdesk-host-", dir="/tmp"))
    root.chmod(0o755)
    packages = Path(next(p for p in site.getsitepackages() if p.endswith("site-packages")))
    code = root / "code"
    code.mkdir()
    shutil.copytree(REPO / "helpdesk", code / "helpdesk",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "packages").symlink_to(packages) if _reachable(packages) else \
        shutil.copytree(packages, root / "packages", symlinks=True)
    for current, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(current, name)
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | 0o055)
    for name in ACCOUNTS:
        subprocess.run(["useradd", "-M", "-d", f"/tmp/{name}", "-s", "/usr/sbin/nologin",
                        name], capture_output=True, check=False)
        pwd.getpwnam(name)  # made, or left by an earlier run
    try:
        yield root
    finally:
        for name in ACCOUNTS:
            subprocess.run(["userdel", name], capture_output=True, check=False)
        shutil.rmtree(root, ignore_errors=True)


def home(host: Path, login: str) -> Path:
    folder = host / f"home-{login}"
    if not folder.exists():
        folder.mkdir(mode=0o700)
        account = pwd.getpwnam(login)
        os.chown(folder, account.pw_uid, account.pw_gid)
    return folder


def run(host: Path, login: str, *args: str, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    account = pwd.getpwnam(login)
    own = home(host, login)
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(own), "LANG": "C.UTF-8",
                   "PYTHONPATH": f"{host / 'code'}:{host / 'packages'}",
                   "PYTHONDONTWRITEBYTECODE": "1",
                   "XDG_DATA_HOME": str(own / "data"), "XDG_CONFIG_HOME": str(own / "config"),
                   **(env or {})}
    return subprocess.run([str(SYSTEM_PYTHON), "-m", "helpdesk", *args], capture_output=True,
                          text=True, timeout=180, env=environment, cwd=cwd or own,
                          user=account.pw_uid, group=account.pw_gid, extra_groups=[])


def test_the_kernel_decides_who_acts(host: Path) -> None:
    wang, li = ACCOUNTS
    db = home(host, wang) / "desk" / "helpdesk.db"
    created = run(host, wang, "--db", str(db), "init", "--json")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["manager"] == wang
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    for path in (db, db.with_name("helpdesk.db.key")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.stat().st_uid == pwd.getpwnam(wang).pw_uid

    # Another account cannot open it at all: a clear refusal, no traceback.
    other = run(host, li, "--db", str(db), "staff", "list")
    assert other.returncode == 2 and "Traceback" not in other.stderr

    # Nothing the caller sets names someone else.
    li_uid = str(pwd.getpwnam(li).pw_uid)
    spoofed = run(host, wang, "--db", str(db), "unit", "add", "S01", "--name", "福田街道",
                  env={"USER": li, "LOGNAME": li, "SUDO_USER": li, "SUDO_UID": str(
                      pwd.getpwnam(wang).pw_uid)})
    assert spoofed.returncode == 0, spoofed.stderr
    listed = run(host, wang, "--db", str(db), "audit", "list", "--json")
    assert {r["os_user"] for r in json.loads(listed.stdout)} == {wang}
    as_sudo = run(host, wang, "--db", str(db), "staff", "list",
                  env={"SUDO_USER": li, "SUDO_UID": li_uid})
    assert as_sudo.returncode == 2 and "sudo" in as_sudo.stderr

    config = home(host, wang) / "other" / "config.toml"  # not ./config.toml: that one is read
    config.parent.mkdir()
    config.write_text(f'[security]\nservice_account = "{li}"\n', encoding="utf-8")
    named = run(host, wang, "--db", str(db), "--config", str(config), "staff", "list")
    assert named.returncode == 2 and "service_account" in named.stderr

    # The clock is the system's on a real database.
    backdated = run(host, wang, "--db", str(db), "unit", "add", "S02", "--name", "南园街道",
                    env={"HELPDESK_NOW": "2020-01-01T10:00:00+08:00"})
    assert backdated.returncode == 2 and "HELPDESK_NOW" in backdated.stderr

    # Outputs never land on the database's own files, whatever --force says.
    for target in (db, db.with_name("helpdesk.db.key")):
        written = run(host, wang, "--db", str(db), "report", "monthly", "2026-10", "--format",
                      "md", "-o", str(target), "--force")
        assert written.returncode == 2, written.stderr
    assert sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute(
        "PRAGMA integrity_check").fetchone() == ("ok",)
    verified = run(host, wang, "--db", str(db), "audit", "verify")
    assert verified.returncode == 0, verified.stderr


def test_doctor_says_when_a_database_is_not_one_accounts_alone(host: Path) -> None:
    wang, li = ACCOUNTS
    folder = host / "shared-desk"
    folder.mkdir(mode=0o777)
    folder.chmod(0o1777)  # a folder everyone may write to, as a careless setup makes it
    db = folder / "helpdesk.db"
    assert run(host, wang, "--db", str(db), "init").returncode == 0
    doctor = run(host, wang, "--db", str(db), "doctor", "--json")
    host_lines = [f for f in json.loads(doctor.stdout) if f["check"] == "host"]
    assert any(f["level"] == "error" and "chmod 700" in f["fix"] for f in host_lines)
    # A second account's files beside the database, as a second console of its own made them:
    # a lock it cannot open stops every command with the path named (no traceback) ...
    li_account = pwd.getpwnam(li)
    lock = db.with_name("helpdesk.db.lock")
    lock.unlink()
    lock.touch(mode=0o600)
    os.chown(lock, li_account.pw_uid, grp.getgrgid(li_account.pw_gid).gr_gid)
    stopped = run(host, wang, "--db", str(db), "staff", "list")
    assert stopped.returncode == 2 and str(lock) in stopped.stderr
    assert "Traceback" not in stopped.stderr
    # ... and doctor reports it as a finding: whose it is, and the fix.
    found = run(host, wang, "--db", str(db), "doctor", "--json")
    [lock_line] = [f for f in json.loads(found.stdout) if str(lock) in f["message"]]
    assert found.returncode == 1 and li in lock_line["message"]
    assert lock_line["fix"] == f"chown {wang} {lock}"
    os.chown(lock, pwd.getpwnam(wang).pw_uid, pwd.getpwnam(wang).pw_gid)
    # ... and an anchor it rewrote is named by doctor, with whose it is and the fix.
    anchor = db.with_name("helpdesk.db.key.anchor")
    os.chown(anchor, li_account.pw_uid, li_account.pw_gid)
    anchor.chmod(0o644)
    doctor = run(host, wang, "--db", str(db), "doctor", "--json")
    named = [f for f in json.loads(doctor.stdout) if f["check"] == "host" and li in f["message"]]
    assert named and named[0]["level"] == "error" and doctor.returncode == 1


# A team database: PostgreSQL with peer authentication on the local socket (.ci/run adds the
# pg_hba.conf line for this database and names it in HELPDESK_TEST_PG_TEAM_DB).
TEAM_DB = os.environ.get("HELPDESK_TEST_PG_TEAM_DB", "")
ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432"


def _admin_sql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database,
                           "-qAtc", sql], capture_output=True, text=True, check=True).stdout


def _psql_as(login: str, database: str, sql: str) -> subprocess.CompletedProcess[str]:
    account = pwd.getpwnam(login)
    return subprocess.run(["psql", "-h", _socket_folder(), "-d", database, "-qAtc", sql],
                          capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin"},
                          cwd="/", user=account.pw_uid, group=account.pw_gid, extra_groups=[])


def _socket_folder() -> str:
    return _admin_sql("SHOW unix_socket_directories").split(",")[0].strip()


def _team_roles() -> list[str]:
    return [TEAM_DB + "_owner", *(f"{TEAM_DB}_{g}" for g in
                                  ("viewer", "auditor", "engineer", "manager")), *ACCOUNTS]


@pytest.fixture()
def team_db(host: Path) -> Iterator[str]:
    if not TEAM_DB or shutil.which("psql") is None:
        pytest.skip("no team database with peer authentication (.ci/run sets one up)")
    _admin_sql(f'DROP DATABASE IF EXISTS "{TEAM_DB}"')
    _admin_sql(f'CREATE DATABASE "{TEAM_DB}"')
    try:
        yield f"postgresql+psycopg:///{TEAM_DB}?host={_socket_folder()}"
    finally:
        _admin_sql(f'DROP DATABASE IF EXISTS "{TEAM_DB}"')
        for role in _team_roles():
            _admin_sql(f'DROP ROLE IF EXISTS "{role}"')


def test_a_team_database_knows_who_acts_and_keeps_its_own_audit(host: Path,
                                                                 team_db: str) -> None:
    wang, li = ACCOUNTS
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("HELPDESK_NOW", None)
    set_up = subprocess.run([sys.executable, "-m", "helpdesk", "team", "setup", "--db",
                             f"{ADMIN}/{TEAM_DB}", "--manager", wang, "--json"],
                            capture_output=True, text=True, env=env, timeout=180)
    assert set_up.returncode == 0, set_up.stderr
    assert json.loads(set_up.stdout)["manager"] == wang

    # Each engineer is who the kernel says, through the server: the manager adds one.
    assert run(host, wang, "--db", team_db, "staff", "add", li, "--name", "李工", "--role",
               "engineer").returncode == 0
    wrote = run(host, li, "--db", team_db, "unit", "add", "S01", "--name", "福田街道",
                env={"USER": wang, "LOGNAME": wang, "SUDO_USER": wang})
    assert wrote.returncode == 0, wrote.stderr
    # Another's name in the URL or in libpq's PGUSER is refused by peer authentication.
    for url, extra in ((team_db.replace(":///", f"://{wang}@/"), {}),
                       (team_db, {"PGUSER": wang})):
        posing = run(host, li, "--db", url, "staff", "list", env=extra)
        assert posing.returncode == 2 and "Traceback" not in posing.stderr
        assert "Peer authentication failed" in posing.stderr
    # An engineer may not do a manager's work: the program says so, and so does the server.
    assert run(host, li, "--db", team_db, "staff", "add", "hdtest_x", "--name", "X", "--role",
               "manager").returncode == 4

    # With psql, the engineer cannot rewrite history, read the key or promote themselves.
    for sql in ("UPDATE audit_log SET actor = 'x' WHERE seq = 1", "DELETE FROM audit_log",
                "TRUNCATE audit_log", "ALTER TABLE audit_log DISABLE TRIGGER ALL",
                "INSERT INTO audit_log SELECT seq + 100, at, actor, os_user, action, entity, "
                "entity_id, summary, prev_hash, hash FROM audit_log",
                "SELECT key FROM audit_secret",
                "DELETE FROM meta WHERE key = 'audit_head'",
                f"UPDATE staff SET role = 'manager' WHERE login = '{li}'",
                f"SELECT helpdesk_grant_staff('{li}', 'manager')",
                f'SET ROLE "{TEAM_DB}_owner"',
                "CREATE OR REPLACE FUNCTION helpdesk_audit_digest(k bytea, r audit_log) "
                "RETURNS text LANGUAGE sql AS 'SELECT 1::text'"):
        tried = _psql_as(li, TEAM_DB, sql)
        assert tried.returncode != 0, sql
        assert "denied" in tried.stderr or "must be owner" in tried.stderr or \
            "written by helpdesk_audit_append only" in tried.stderr, (sql, tried.stderr)
    # Calling the server's own append names the caller, whatever actor it is given.
    forged = _psql_as(li, TEAM_DB, "SELECT seq FROM helpdesk_audit_append("
                      f"'{wang}', 'staff.update', 'staff', '1', '{{}}')")
    assert forged.returncode == 0, forged.stderr

    listed = run(host, wang, "--db", team_db, "audit", "list", "--json")
    records = {r["seq"]: r for r in json.loads(listed.stdout)}
    assert [(r["actor"], r["os_user"], r["action"]) for _, r in sorted(records.items())] == [
        ("system", "postgres", "staff.bootstrap"), (wang, wang, "staff.add"),
        (li, li, "unit.add"), (li, li, "staff.update")]
    verified = run(host, li, "--db", team_db, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    doctor = run(host, li, "--db", team_db, "doctor", "--json")
    team_lines = [f for f in json.loads(doctor.stdout) if f["check"] == "team"]
    assert len(team_lines) >= 5 and all(f["level"] == "ok" for f in team_lines), team_lines

    # A superuser who edits a record is found by the server's walk, and by doctor.
    _admin_sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;"
               "UPDATE audit_log SET summary = '{}' WHERE seq = 3;"
               "ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only", TEAM_DB)
    broken = run(host, wang, "--db", team_db, "audit", "verify")
    assert broken.returncode == 1 and "第 3 条" in broken.stderr

    # Deactivated, the engineer's role keeps no group: the server opens nothing to it.
    assert run(host, wang, "--db", team_db, "staff", "deactivate", li, "--reason",
               "离职").returncode == 0
    gone = run(host, li, "--db", team_db, "unit", "list")
    assert gone.returncode == 2 and "Traceback" not in gone.stderr
    assert _psql_as(li, TEAM_DB, "SELECT count(*) FROM unit").returncode != 0
