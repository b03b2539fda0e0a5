"""A file password: at the terminal (never an argument: it would land in the shell's history
and in the process list), or, for a command run from cron or a systemd timer, from a file
only its owner may read (`--password-file`, else `[security] export_password_file`). With
neither and no terminal, a usage error says so instead of waiting on nothing."""

from __future__ import annotations

import argparse
import getpass
import stat
import sys
from pathlib import Path

from helpdesk.errors import UsageError
from helpdesk.storage.encrypted import check_password


def _from_file(args: argparse.Namespace) -> str | None:
    given = getattr(args, "password_file", None)
    if not given:
        from helpdesk.cli.common import config_of

        configured = config_of(args).security.export_password_file
        if not configured:
            return None
        path = config_of(args).resolve_path(configured)
    else:
        path = Path(given).expanduser()
    return read_password_file(path)


def read_password_file(path: Path) -> str:
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise UsageError("err.cli.password_file_kind", path=str(path))
        if mode & 0o077:
            raise UsageError("err.cli.password_file_open", path=str(path),
                             mode=f"{stat.S_IMODE(mode):o}")
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        raise UsageError("err.cli.password_file_unreadable", path=str(path)) from None
    password = lines[0] if lines else ""
    if not password:
        raise UsageError("err.cli.password_file_empty", path=str(path))
    return password


def _terminal() -> None:
    if not sys.stdin.isatty():
        raise UsageError("err.cli.password_no_terminal")


def ask_password(args: argparse.Namespace) -> str:
    """A new file's password (asked twice at the terminal)."""
    stored = _from_file(args)
    if stored is not None:
        check_password(stored)
        return stored
    _terminal()
    first = getpass.getpass("文件口令 / file password: ")
    check_password(first)
    if getpass.getpass("再输入一次 / again: ") != first:
        raise UsageError("err.cli.passwords_differ")
    return first


def ask_existing_password(args: argparse.Namespace) -> str:
    """The password a sealed file was made with (asked once)."""
    stored = _from_file(args)
    if stored is not None:
        return stored
    _terminal()
    return getpass.getpass("文件口令 / file password: ")
