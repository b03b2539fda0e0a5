"""Who is at the keyboard: the OS account (SUDO_USER when run through sudo, else the login)."""

from __future__ import annotations

import getpass
import os


def os_login() -> str:
    sudo_user = os.environ.get("SUDO_USER")
    if sudo_user and sudo_user != "root":
        return sudo_user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
