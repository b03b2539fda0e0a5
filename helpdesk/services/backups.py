"""Backups that keep themselves and a way back.

Generations: one copy a day (the first console or CLI start of the day takes it when
`[database] daily_backup` is on, or `helpdesk backup --auto` from cron), `<stem>-YYYYMMDD.db`
in the backup folder; the newest `keep_daily` are kept, and the newest of each of the last
`keep_monthly` months. Restore: a manager replaces the database with a backup once the backup
has passed its integrity check, is of a schema this program knows, and its audit chain verifies
against the key; the current database is kept as a copy first, and nobody else may have it open.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helpdesk import audit
from helpdesk.actor import SYSTEM, Actor
from helpdesk.errors import HelpdeskError, UsageError
from helpdesk.i18n import t
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.backup import backup_sqlite

GENERATION = re.compile(r"-(\d{8})\.db$")


def backup_folder(ws: Workspace) -> Path:
    assert ws.db.path is not None
    configured = ws.config.database.backup_dir
    return ws.config.resolve_path(configured) if configured else ws.db.path.parent / "backups"


def _generations(ws: Workspace) -> list[tuple[date, Path]]:
    assert ws.db.path is not None
    folder = backup_folder(ws)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{ws.db.path.stem}-*.db"):
        match = GENERATION.search(path.name)
        if match:
            digits = match.group(1)
            try:
                found.append((date(int(digits[:4]), int(digits[4:6]), int(digits[6:])), path))
            except ValueError:
                continue
    return sorted(found)


def daily_backup(ws: Workspace, actor: Actor) -> Path | None:
    """Today's generation, unless it exists; then the old ones beyond what is kept go."""
    require(actor.role, "backup", actor.login)
    if ws.db.path is None:
        return None
    today = ws.now().astimezone(ws.hours.zone).date()
    folder = backup_folder(ws)
    target = folder / f"{ws.db.path.stem}-{today:%Y%m%d}.db"
    if target.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    backup_sqlite(ws.db, target, with_key=False, password=configured_password(ws))
    removed = _prune(ws)
    with change(ws, actor, "backup") as tx:
        tx.record("database.backup", "database", target.name,
                  after={"file": str(target), "generation": f"{today}",
                         "removed": [path.name for path in removed]})
    return target


def configured_password(ws: Workspace) -> str | None:
    """The password that seals daily backups, from `[database] backup_password_file`."""
    import stat

    setting = ws.config.database.backup_password_file
    if not setting:
        return None
    path = ws.config.resolve_path(setting)
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise UsageError("backup.password_file_open", path=str(path))
    password = path.read_text(encoding="utf-8").strip()
    from helpdesk.storage.encrypted import check_password

    return check_password(password)


def _prune(ws: Workspace) -> list[Path]:
    settings = ws.config.database
    generations = _generations(ws)
    keep = {path for _day, path in generations[-settings.keep_daily:]} \
        if settings.keep_daily else set()
    newest_of_month: dict[tuple[int, int], Path] = {}
    for day, path in generations:
        newest_of_month[(day.year, day.month)] = path
    for month in sorted(newest_of_month)[-settings.keep_monthly:] if settings.keep_monthly \
            else []:
        keep.add(newest_of_month[month])
    removed = [path for _day, path in generations if path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_backup(ws: Workspace) -> tuple[date, Path] | None:
    generations = _generations(ws)
    return generations[-1] if generations else None


@dataclass(frozen=True)
class RestoreResult:
    restored_from: str
    sha256: str
    kept_as: str
    records: int


def check_backup(ws: Workspace, source: Path) -> int:
    """The checks a backup must pass before it may replace anything; returns how many audit
    records its chain holds."""
    from alembic.script import ScriptDirectory

    from helpdesk.storage.migrate import MIGRATIONS_DIR

    try:
        connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            integrity = connection.execute("PRAGMA integrity_check").fetchone()
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as err:
        raise UsageError("backup.not_a_database", path=str(source), error=str(err)) from None
    if not integrity or integrity[0] != "ok":
        raise UsageError("backup.damaged", path=str(source))
    known = {script.revision for script in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
    if not revision or revision[0] not in known:
        raise UsageError("backup.unknown_schema", path=str(source),
                           revision=revision[0] if revision else "-")
    key_file = source.with_name(source.name + ".key")
    key = audit.load_key(key_file if key_file.is_file() else ws.db.key_path, create=False)
    from sqlmodel import Session, create_engine

    engine = create_engine(f"sqlite:///file:{source}?mode=ro&uri=true")
    try:
        with Session(engine) as session:
            report = audit.verify(session, key)
    finally:
        engine.dispose()
    if not report.ok:
        raise UsageError("backup.chain_broken", path=str(source), seq=report.broken_at,
                           reason=report.reason)
    return report.checked


def restore(ws: Workspace, actor: Actor, source: Path,
            password: str | None = None) -> tuple[Workspace, RestoreResult]:
    """Replace the database with `source` (unsealed with `password` when it is sealed);
    returns the reopened workspace."""
    from helpdesk.storage.database import create_private_file
    from helpdesk.storage.sealed import is_sealed, unseal

    require(actor.role, "backup", actor.login)
    if ws.db.path is None:
        raise UsageError("backup.sqlite_only")
    if is_sealed(source):
        if password is None:
            raise UsageError("backup.needs_password", path=str(source))
        plain = unseal(source.read_bytes(), password)  # a wrong password leaves no file
        opened = ws.db.path.with_name(f".{ws.db.path.name}.unsealed")
        create_private_file(opened)
        try:
            opened.write_bytes(plain)
            return _restore(ws, actor, opened, source)
        finally:
            opened.unlink(missing_ok=True)
    return _restore(ws, actor, source, source)


def _restore(ws: Workspace, actor: Actor, source: Path, named: Path
             ) -> tuple[Workspace, RestoreResult]:
    import fcntl
    import shutil
    import tempfile

    from helpdesk.services.opening import open_workspace

    assert ws.db.path is not None
    records = check_backup(ws, source)
    live = ws.db.path
    stamp = ws.now().strftime("%Y%m%dT%H%M%SZ")
    kept = live.with_name(f"{live.stem}.pre-restore-{stamp}.db")
    backup_sqlite(ws.db, kept, with_key=True)
    ws.db.dispose()  # our own shared lock goes with it
    lock = os.open(ws.db.lock_path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            kept.unlink(missing_ok=True)
            kept.with_name(kept.name + ".key").unlink(missing_ok=True)
            kept.with_name(kept.name + ".key.anchor").unlink(missing_ok=True)
            raise UsageError("backup.in_use", path=str(live)) from None
        descriptor, temporary = tempfile.mkstemp(prefix=f".{live.name}.", dir=live.parent)
        os.close(descriptor)
        shutil.copyfile(source, temporary)
        os.chmod(temporary, 0o600)
        for suffix in ("-wal", "-shm"):
            live.with_name(live.name + suffix).unlink(missing_ok=True)
        os.replace(temporary, live)
        # The anchor named the replaced chain's head; the restored chain starts it anew.
        audit.anchor_path(ws.db.key_path).unlink(missing_ok=True)
    finally:
        os.close(lock)
    digest = hashlib.sha256(named.read_bytes()).hexdigest()
    reopened = open_workspace(ws.config, str(live), clock=ws.clock, os_user=ws.os_user)
    with change(reopened, actor, "backup") as tx:
        tx.record("database.restore", "database", live.name,
                  after={"from": str(named), "sha256": digest, "kept": str(kept),
                         "records": records})
    return reopened, RestoreResult(str(named), digest, str(kept), records)


def backup_problem(ws: Workspace) -> str | None:
    """For doctor: how old the newest generation is, when daily backups are on."""
    if ws.db.path is None or not ws.config.database.daily_backup:
        return None
    newest = newest_backup(ws)
    today = ws.now().astimezone(ws.hours.zone).date()
    if newest is None:
        return t("backup.none_yet", folder=str(backup_folder(ws)))
    age = (today - newest[0]).days
    return t("backup.too_old", days=age, path=str(newest[1])) if age > 1 else None


def take_daily_backup(ws: Workspace) -> None:
    """The day's copy, when configured; never fails a start (doctor reports a stale one)."""
    if not (ws.config.database.daily_backup and ws.db.path is not None and ws.db.durable):
        return
    with suppress(HelpdeskError, OSError):
        daily_backup(ws, SYSTEM)
