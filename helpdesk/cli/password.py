"""Ask for a file password at the terminal (never an argument: it would land in the shell's
history and in the process list)."""

from __future__ import annotations

import getpass

from helpdesk.errors import UsageError
from helpdesk.storage.encrypted import check_password


def ask_password() -> str:
    first = getpass.getpass("文件口令 / file password: ")
    check_password(first)
    if getpass.getpass("再输入一次 / again: ") != first:
        raise UsageError("err.cli.passwords_differ")
    return first


def ask_existing_password() -> str:
    """The password a sealed file was made with (asked once)."""
    return getpass.getpass("文件口令 / file password: ")
