"""Backups that keep themselves and a way back.

Generations: one copy a day (the first console or CLI start of the day takes it when
`[database] daily_backup` is on, or `helpdesk backup --auto` from cron), `<stem>-YYYYMMDD.db`
in the backup folder; the newest `keep_daily` are kept, and the newest of each of the last
`keep_monthly` months. Restore: a manager replaces the database with a backup once the backup
has passed its integrity check, is of a schema this program knows, and its audit chain verifies
against the key; the current database is kept as a copy first, and nobody else may have it open.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helpdesk import audit
from helpdesk.actor import SYSTEM, Actor
from helpdesk.app.opening import open_workspace
from helpdesk.errors import ConfigError, HelpdeskError, UsageError
from helpdesk.i18n import t
from helpdesk.roles import require
from helpdesk.services.audit_log import log_head
from helpdesk.services.file_export import backup_folder
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.backup import backup_sqlite, check_copy, unseal_key
from helpdesk.storage.encrypted import check_password
from helpdesk.storage.files import write_private
from helpdesk.storage.sealed import is_sealed, unseal_stream

GENERATION = re.compile(r"-(\d{8})\.db$")


def _generations(ws: Workspace) -> list[tuple[date, Path]]:
    assert ws.db.path is not None
    folder = backup_folder(ws)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{ws.db.path.stem}-*.db"):
        match = GENERATION.search(path.name)
        if match and path.is_file() and path.stat().st_size:  # an empty file never counts
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
    password = configured_password(ws)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    backup_sqlite(ws.db, target, password=password, key=ws.audit_key)
    removed = _prune(ws)
    with change(ws, actor, "backup") as tx:
        tx.record("database.backup", "database", target.name,
                  after={"file": str(target), "generation": f"{today}",
                         "removed": [path.name for path in removed]})
    log_head(ws)  # the day's head, outside the account's reach
    return target


def configured_password(ws: Workspace) -> str | None:
    """The password that seals daily backups, from `[database] backup_password_file`: a file
    that is missing, unreadable or open to others is a configuration error (exit 2), never a
    silent stop of the daily backups."""

    setting = ws.config.database.backup_password_file
    if not setting:
        return None
    path = ws.config.resolve_path(setting)
    where = f"{ws.config.source or 'config'}: database.backup_password_file"
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            raise ConfigError([f"{where}: {t('backup.password_file_open', path=str(path))}"])
        password = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise ConfigError([f"{where}: "
                           f"{t('backup.password_file_unreadable', path=str(path), reason=reason)}"
                           ]) from None

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


def check_backup(ws: Workspace, source: Path, key: bytes | None = None) -> int:
    """A backup's checks (storage/backup.check_copy), against its own key when one travelled
    with it, else this database's."""

    return check_copy(source, key if key is not None else
                      audit.load_key(ws.db.key_path, create=False))


def restore(ws: Workspace, actor: Actor, source: Path,
            password: str | None = None) -> tuple[Workspace, RestoreResult]:
    """Replace the database with `source` (unsealed with `password` when it is sealed, and its
    sealed key with it when one travels beside it); returns the reopened workspace."""

    require(actor.role, "backup", actor.login)
    if ws.db.path is None:
        raise UsageError("backup.sqlite_only")
    if not is_sealed(source):
        return _restore(ws, actor, source, source, None)
    if password is None:
        raise UsageError("backup.needs_password", path=str(source))
    key_file = source.with_name(source.name + ".key")
    key = unseal_key(key_file, password)[0] if key_file.is_file() and is_sealed(key_file) \
        else None
    opened = ws.db.path.with_name(f".{ws.db.path.name}.unsealed")
    opened.unlink(missing_ok=True)
    try:
        descriptor = os.open(opened, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(descriptor, "wb") as writing, source.open("rb") as reading:
            unseal_stream(reading, source.stat().st_size, writing, password)
        return _restore(ws, actor, opened, source, key)
    finally:
        opened.unlink(missing_ok=True)  # a wrong password leaves no file


def _restore(ws: Workspace, actor: Actor, source: Path, named: Path, key: bytes | None
             ) -> tuple[Workspace, RestoreResult]:
    assert ws.db.path is not None
    records = check_backup(ws, source, key)
    live = ws.db.path
    stamp = ws.now().strftime("%Y%m%dT%H%M%SZ")
    kept = live.with_name(f"{live.stem}.pre-restore-{stamp}.db")
    backup_sqlite(ws.db, kept, key=ws.audit_key)
    kept_files = [kept]
    if ws.db.key_path.is_file():  # beside the live one, as private: the chain can be checked
        kept_key = kept.with_name(kept.name + ".key")
        write_private(kept_key, lambda temporary: shutil.copyfile(ws.db.key_path, temporary))
        kept_files.append(kept_key)
    ws.db.dispose()  # our own shared lock goes with it
    lock = os.open(ws.db.lock_path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            for path in kept_files:
                path.unlink(missing_ok=True)
            raise UsageError("backup.in_use", path=str(live)) from None
        descriptor, temporary = tempfile.mkstemp(prefix=f".{live.name}.", dir=live.parent)
        os.close(descriptor)
        shutil.copyfile(source, temporary)
        os.chmod(temporary, 0o600)
        for suffix in ("-wal", "-shm"):
            live.with_name(live.name + suffix).unlink(missing_ok=True)
        os.replace(temporary, live)
        if key is not None and key != ws.audit_key:  # the copy's chain was signed with its own
            write_private(ws.db.key_path, lambda path: Path(path).write_text(key.hex() + "\n"),
                          replace=True)
        head = _chain_head(live)
        signing = key if key is not None else ws.audit_key
        if head is not None:  # the anchor now names the restored chain's head
            audit.write_anchor(ws.db.key_path, signing, *head, replace=True)
        else:
            audit.anchor_path(ws.db.key_path).unlink(missing_ok=True)
    finally:
        os.close(lock)
    digest = _sha256(named)
    reopened = open_workspace(ws.config, str(live), clock=ws.clock, os_user=ws.os_user)
    with change(reopened, actor, "backup") as tx:
        tx.record("database.restore", "database", live.name,
                  after={"from": str(named), "sha256": digest, "kept": str(kept),
                         "records": records})
    return reopened, RestoreResult(str(named), digest, str(kept), records)


def _chain_head(path: Path) -> tuple[int, str] | None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        connection.close()
    return (int(row[0]), str(row[1])) if row else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


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
    """The day's copy, when configured. It never stops the user's command: a failure (a full
    disk, a damaged copy) is kept in `ws.memo` for Today's alarm and doctor reports it; only a
    broken configuration (the password file) stops the command, as a config error."""

    if not (ws.config.database.daily_backup and ws.db.path is not None and ws.db.durable):
        return
    try:
        daily_backup(ws, SYSTEM)
    except ConfigError:
        raise
    except (HelpdeskError, OSError, sqlite3.Error) as err:
        ws.memo[FAILED] = str(err) or type(err).__name__


FAILED = "daily_backup_failed"


def backup_alarm(ws: Workspace) -> str | None:
    """What Today shows when this process's daily backup failed."""
    reason = ws.memo.get(FAILED)
    return t("backup.daily_failed", reason=reason) if reason else None
