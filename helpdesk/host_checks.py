"""For doctor: is a one-account SQLite database kept to its account? The database, its key,
anchor, lock and backups should be reachable by their owner only, and every file beside the
database should belong to the account that runs it (a second account that opened the same
file rewrites the anchor and makes folders the first cannot enter). Also: is there room for
today's backup."""

from __future__ import annotations

import os
import pwd
import shutil
import stat
from pathlib import Path

from helpdesk.audit import anchor_path
from helpdesk.doctor_finding import Finding
from helpdesk.services.file_export import backup_folder
from helpdesk.services.workspace import Workspace


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def host_findings(ws: Workspace) -> list[Finding]:
    live = ws.db.path
    if live is None:
        return []

    findings: list[Finding] = []
    me = os.getuid()
    folder = live.parent
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & 0o022:
        findings.append(Finding("error", "host", f"folder {folder} is mode {mode:o}: other "
                                f"accounts can add or replace files beside the database",
                                f"chmod 700 {folder}"))
    elif mode & 0o005:
        findings.append(Finding("warning", "host", f"folder {folder} is mode {mode:o}: other "
                                "accounts can see what is in it", f"chmod 700 {folder}"))
    own = [live, *(live.with_name(live.name + s) for s in ("-wal", "-shm", ".lock")),
           ws.db.key_path, anchor_path(ws.db.key_path), backup_folder(ws)]
    for path in own:
        try:
            found = path.lstat()
        except FileNotFoundError:
            continue
        if found.st_uid != me:
            findings.append(Finding("error", "host", f"{path} belongs to {_owner(found.st_uid)}"
                                    f", not to {_owner(me)} who runs the console: one account "
                                    "owns a SQLite database (a team shares PostgreSQL)",
                                    f"chown {_owner(me)} {path}"))
        elif stat.S_IMODE(found.st_mode) & 0o077 and path not in (live, ws.db.key_path):
            # (the database's and the key's own modes are doctor's "permissions" check)
            findings.append(Finding("error", "host", f"{path} is mode "
                                    f"{stat.S_IMODE(found.st_mode):o}, reachable by others",
                                    f"chmod go= {path}"))
    findings += _backup_room(ws, live)
    if not any(f.level != "ok" for f in findings):
        findings.append(Finding("ok", "host", f"the database's files are {_owner(me)}'s alone"))
    return findings


def _backup_room(ws: Workspace, live: Path) -> list[Finding]:
    if not ws.config.database.daily_backup:
        return []
    target = backup_folder(ws)
    probe = target if target.is_dir() else target.parent
    if not probe.is_dir():
        return []
    free = shutil.disk_usage(probe).free
    need = live.stat().st_size
    if free < need * 1.2:
        return [Finding("error", "backup", f"{free // 2**20} MiB free in {probe}: today's "
                        f"backup needs about {need // 2**20} MiB", "free some room there")]
    return []


def unopenable(err: OSError) -> Finding:
    """The database could not be opened because of one of its own files (a lock another
    account made, a folder it cannot enter): named, with whose it is and the fix."""
    path = Path(str(err.filename)) if err.filename else None
    if path is None:
        return Finding("error", "host", f"cannot open the database: {err.strerror or err}",
                       "check --db and the folder's permissions")
    try:
        found = path.lstat()
        whose = f"owned by {_owner(found.st_uid)}, mode {stat.S_IMODE(found.st_mode):o}"
    except OSError:
        whose = "not reachable"
    fix = (f"chown {_owner(os.getuid())} {path}" if path.exists()
           else f"check the permissions of {path.parent}")
    return Finding("error", "host", f"cannot open {path} ({whose}): {err.strerror or err}",
                   fix)
