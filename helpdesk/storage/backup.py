"""Online backup of a SQLite database (others may keep writing), integrity-checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpdesk.errors import HelpdeskError, UsageError
from helpdesk.storage.database import Database, create_private_file


class BackupFailed(HelpdeskError):
    exit_code = 1


def backup_sqlite(db: Database, destination: Path, *, with_key: bool = True,
                  password: str | None = None) -> Path:
    """Copy the database online to `destination`, integrity-checked; `with_key` also copies
    the audit key beside it (whoever holds both can forge the chain: only when asked)."""
    if db.path is None:
        raise UsageError(
            "err.backup.sqlite_only"
        )
    destination = destination.expanduser()
    if destination.is_dir():
        destination = destination / f"{db.path.stem}-backup.db"
    if destination.exists():
        raise UsageError("err.backup.exists", destination=destination)
    # The anchor read before the copy names a head the copy is sure to contain.
    anchor = db.key_path.with_name(db.key_path.name + ".anchor")
    anchor_bytes = anchor.read_bytes() if with_key and anchor.is_file() else None
    create_private_file(destination)
    source = sqlite3.connect(db.path, timeout=db.busy_timeout_ms / 1000)
    target = sqlite3.connect(destination)
    try:
        source.backup(target, pages=1024)
        result = target.execute("PRAGMA integrity_check").fetchone()
        if not result or result[0] != "ok":
            raise BackupFailed("err.backup.integrity", destination=str(destination), result=result)
    finally:
        target.close()
        source.close()
    if password is not None:  # sealed in place, once the copy has passed its check
        from helpdesk.storage.sealed import seal

        sealed = seal(destination.read_bytes(), password)
        destination.write_bytes(sealed)
    if with_key and db.key_path.is_file():  # the chain cannot be checked without its key
        key_copy = destination.with_name(destination.name + ".key")
        create_private_file(key_copy)
        key_copy.write_bytes(db.key_path.read_bytes())
        if anchor_bytes is not None:
            anchor_copy = key_copy.with_name(key_copy.name + ".anchor")
            create_private_file(anchor_copy)
            anchor_copy.write_bytes(anchor_bytes)
    return destination
