"""Every file the console writes goes through here: written owner-only and atomically,
encrypted when a password is given, audited with its sha256, and entered in the files-and-
media register (security/register_entries.py) as held by the person who exported it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpdesk.actor import Actor
from helpdesk.audit import anchor_path
from helpdesk.audit_summary import kind_label
from helpdesk.errors import UsageError
from helpdesk.security.register_entries import check_approval, register_export
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.encrypted import check_password, encrypt
from helpdesk.storage.files import check_output, write_private
from helpdesk.storage.sheets import save_book

FORMATS = ("xlsx", "md")


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    sha256: str
    size: int
    encrypted: bool


def book_bytes(book: Any) -> bytes:
    """The workbook as bytes, every cell inert (storage/sheets.py)."""

    return save_book(book)


def write_bytes(ws: Workspace, actor: Actor, path: Path, data: bytes, *, what: str,
                label: str, password: str | None = None,
                approval: str | None = None, title: str = "") -> WrittenFile:
    """Write `data` (encrypted first when a password is given) owner-only and atomically,
    audit the export and enter the file in the files-and-media register (linked to its copy
    approval, when given). `label` identifies it in the audit; `title` is how the register
    names it for people (default: the kind and the label)."""

    if approval:
        approval = check_approval(ws, actor, approval)

    protected = database_files(ws)
    path = check_output(Path(path), protected)  # before the work of encrypting
    if password is not None:
        data = encrypt(data, password)
    write_private(path, lambda target: Path(target).write_bytes(data), protected=protected)
    digest = hashlib.sha256(data).hexdigest()
    with change(ws, actor, "read") as tx:
        tx.record(f"{what}.export", what, label,
                  after={"file": str(path), "sha256": digest, "encrypted": password is not None})
        register_export(tx, path.resolve(), digest, encrypted=password is not None,
                        title=title or f"{kind_label(what)} {label}", approval=approval)
    return WrittenFile(path, digest, len(data), password is not None)


def database_files(ws: Workspace) -> list[Path]:
    """What no export may land on: the database and everything that keeps it."""

    files = [ws.db.key_path, anchor_path(ws.db.key_path)]
    live = ws.db.path
    if live is not None:
        files += [live, *(live.with_name(live.name + suffix) for suffix in ("-wal", "-shm")),
                  ws.db.lock_path, backup_folder(ws),
                  *live.parent.glob(f"{live.stem}.pre-restore-*")]
    return files


def check_format(fmt: str, password: str | None = None, *, encrypted: bool = False) -> None:
    """The format exists, and can be encrypted when a password is (or will be) given."""
    if fmt not in FORMATS:
        raise UsageError("err.common.format_xlsx_md", fmt=fmt)
    if (password is not None or encrypted) and fmt != "xlsx":
        raise UsageError("err.common.only_xlsx_encrypted")
    if password is not None:
        check_password(password)


def backup_folder(ws: Workspace) -> Path:
    """Where a one-account database's backups go: `[database] backup_dir`, or beside it."""
    assert ws.db.path is not None
    configured = ws.config.database.backup_dir
    return ws.config.resolve_path(configured) if configured else ws.db.path.parent / "backups"
