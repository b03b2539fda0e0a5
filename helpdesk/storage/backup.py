"""Online backup of a SQLite database (others may keep writing), checked before it counts.

A copy is made under a temporary name and only linked into place once it has passed every
check (it opens, `PRAGMA integrity_check`, a schema, its audit chain against the key and the
head the database keeps of it), so nothing broken or half-written ever sits under a backup's
name, and an existing file is never replaced. Sealed with a password, the plain copy is made
beside the live database (which holds the same data) and streamed sealed into the temporary
file at the destination: no plaintext ever sits at the destination, even for a moment. The
audit key travels only sealed (whoever holds the key and the copy can forge its chain)."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

from sqlmodel import Session, create_engine

from helpdesk import audit
from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.storage.database import Database
from helpdesk.storage.files import check_output
from helpdesk.storage.revisions import known_revisions
from helpdesk.storage.sealed import seal_stream, unseal


def _temporary(folder: Path, name: str) -> Path:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
    os.close(descriptor)
    os.chmod(temporary, 0o600)
    return Path(temporary)


def _publish(temporary: Path, destination: Path) -> None:
    """Into place without replacing anything: a file that appeared meanwhile is kept."""
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    try:
        os.link(temporary, destination)
    except FileExistsError:
        raise UsageError("err.backup.exists", destination=destination) from None
    finally:
        temporary.unlink(missing_ok=True)


def check_copy(path: Path, key: bytes | None) -> int:
    """The one check every copy passes before it counts or replaces anything: it opens as a
    database, passes `PRAGMA integrity_check`, has a schema this program knows, and its audit
    chain verifies against `key` up to the head it carries (a copy whose chain was cut, or
    whose head was removed, is refused). Returns how many audit records its chain holds.
    Without a key (the copy a migration takes before it starts) the chain is not walked."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            integrity = connection.execute("PRAGMA integrity_check").fetchone()
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as err:
        raise UsageError("backup.not_a_database", path=str(path), error=str(err)) from None
    if not integrity or integrity[0] != "ok":
        raise UsageError("backup.damaged", path=str(path))
    known = known_revisions()
    if not revision or revision[0] not in known:
        raise UsageError("backup.unknown_schema", path=str(path),
                         revision=revision[0] if revision else "-")
    if key is None:
        return 0
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with Session(engine) as session:
            report = audit.verify(session, key)
            carried = audit.stored_head(session, key) if report.ok else None
    finally:
        engine.dispose()
    if report.ok and report.checked and carried is None and revision[0] >= "0023":
        report = audit.ChainReport(False, report.checked, report.checked,
                                   t("audit.reason_copy_no_head"))
    if not report.ok:
        raise UsageError("backup.chain_broken", path=str(path), seq=report.broken_at,
                         reason=report.reason)
    return report.checked


def backup_sqlite(db: Database, destination: Path, *, with_key: bool = False,
                  password: str | None = None, key: bytes | None = None,
                  protected: Iterable[Path] = ()) -> Path:
    """Copy the database online to `destination` (a folder: `<stem>-backup.db` in it),
    checked; with a password sealed; `with_key` (sealed only) also writes `DEST.key`."""
    if db.path is None:
        raise UsageError("err.backup.sqlite_only")
    if with_key and password is None:
        raise UsageError("err.backup.key_needs_password")
    destination = destination.expanduser()
    if destination.is_dir() and not destination.is_symlink():
        destination = destination / f"{db.path.stem}-backup.db"
    if os.path.lexists(destination):
        raise UsageError("err.backup.exists", destination=destination)
    check_output(destination, protected, replace=False)
    key_copy = destination.with_name(destination.name + ".key")
    if with_key:
        check_output(key_copy, protected, replace=False)
    plain = _temporary(db.path.parent if password is not None else destination.parent,
                       db.path.name if password is not None else destination.name)
    try:
        source = sqlite3.connect(db.path, timeout=db.busy_timeout_ms / 1000)
        target = sqlite3.connect(plain)
        try:
            source.backup(target, pages=1024)
            # One self-contained file: no -wal/-shm beside it, under whichever name.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
            source.close()
        check_copy(plain, key)
        if password is None:
            _publish(plain, destination)
            return destination
        sealed = _temporary(destination.parent, destination.name)
        try:

            with plain.open("rb") as reading, sealed.open("wb") as writing:
                seal_stream(reading, writing, password)
            if with_key and key is not None:
                _seal_key(db, key, key_copy, password)
            _publish(sealed, destination)
        finally:
            sealed.unlink(missing_ok=True)
    finally:
        plain.unlink(missing_ok=True)
    return destination


def _seal_key(db: Database, key: bytes, key_copy: Path, password: str) -> None:
    anchor = db.key_path.with_name(db.key_path.name + ".anchor")
    bundle = json.dumps({"key": key.hex(),
                         "anchor": anchor.read_text("utf-8") if anchor.is_file() else None})
    temporary = _temporary(key_copy.parent, key_copy.name)
    try:
        with temporary.open("wb") as writing:
            seal_stream(io.BytesIO(bundle.encode()), writing, password)
        _publish(temporary, key_copy)
    finally:
        temporary.unlink(missing_ok=True)


def unseal_key(path: Path, password: str) -> tuple[bytes, str | None]:
    """The key (and anchor text) a sealed `--with-key` copy carries."""

    bundle = json.loads(unseal(path.read_bytes(), password))
    return bytes.fromhex(bundle["key"]), bundle.get("anchor")
