"""Who is at the keyboard, from what the kernel says: the account of the process's real uid.

No environment variable, config key, argument or executable name can name someone else
(`USER`, `LOGNAME`, `SUDO_USER`/`SUDO_UID` are ignored). There is no service-account mode:
a program started by `sudo -u <account>` cannot tell from anything the kernel shows a
non-root process who ran sudo (the parent's /proc entry is closed to it), so it would have
to believe a variable. A team on one host shares a PostgreSQL database instead, where peer
authentication over the local socket makes the kernel vouch for each engineer (README,
"Deploying for a team"). A process that sudo started as another account is refused at start
(`refuse_sudo`): it would act as that account, not as the person at the keyboard."""

from __future__ import annotations

import os
import pwd

from helpdesk.errors import UsageError


def _real_account() -> str:
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def os_login() -> str:
    return _real_account()


def refuse_sudo() -> None:
    """sudo sets SUDO_UID to the invoker's uid; a process running as a different account was
    started as someone else. Refusing on a variable is safe: setting it by hand only stops
    one's own command."""
    invoker = os.environ.get("SUDO_UID", "")
    if invoker.isdigit() and int(invoker) != os.getuid():
        raise UsageError("err.identity.under_sudo", account=_real_account())
