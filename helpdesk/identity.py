"""Who is at the keyboard, from what the kernel says: the account of the process's real uid.

No environment variable can name someone else (`USER`, `LOGNAME` and a hand-set `SUDO_USER`
are ignored). On a shared jump host the console runs as one service account that owns the
database (`sudo -u helpdesk helpdesk`); then, and only then, the person who ran sudo is the
operator, when all of these hold:
- the real uid is the configured `[security] service_account`;
- this process was started by sudo: its parent's executable (read from /proc, which the
  environment cannot change) is sudo;
- `SUDO_UID` is the uid of the account `SUDO_USER` names.
sudo sets SUDO_USER/SUDO_UID itself (env_reset), so with sudoers granting only the helpdesk
command they name the real invoker. Whoever can run any command as the service account can
edit the database directly anyway: that account is trusted, nobody else is."""

from __future__ import annotations

import os
import pwd
from pathlib import Path


def _real_account() -> str:
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _parent_executable() -> str:
    try:
        return os.readlink(f"/proc/{os.getppid()}/exe")
    except OSError:
        return ""


def _sudo_invoker() -> str | None:
    """The account that ran sudo, when the kernel's facts back what sudo's variables say."""
    user, uid = os.environ.get("SUDO_USER", ""), os.environ.get("SUDO_UID", "")
    if not user or not uid.isdigit() or user == "root":
        return None
    if Path(_parent_executable()).name != "sudo":
        return None
    try:
        if pwd.getpwnam(user).pw_uid != int(uid):
            return None
    except KeyError:
        return None
    return user


def os_login(service_account: str = "") -> str:
    real = _real_account()
    if service_account and real == service_account:
        return _sudo_invoker() or real
    return real
