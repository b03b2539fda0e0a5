"""One line per command, for whoever runs this from cron or a systemd timer: which command,
its outcome (exit code, the error's code) and how long it took; never its arguments, which
can hold a petitioner's name. Into `helpdesk.log` in the platform's log folder (rotated,
~/.local/state/helpdesk/log on Linux), or to standard error when systemd runs it (journald
keeps it then); `--verbose` adds the details to standard error. A log that cannot be written
never stops the command."""

from __future__ import annotations

import io
import logging
import os
import sys
from logging.handlers import RotatingFileHandler

from helpdesk.paths import user_log_dir

LOGGER = logging.getLogger("helpdesk")


def start(*, verbose: bool) -> None:
    if LOGGER.handlers:
        return
    LOGGER.setLevel(logging.DEBUG if verbose else logging.INFO)
    LOGGER.propagate = False
    if os.environ.get("INVOCATION_ID") or os.environ.get("JOURNAL_STREAM"):  # under systemd
        LOGGER.addHandler(_stream(logging.INFO))
    else:
        try:
            folder = user_log_dir()
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            handler = _PrivateFile(folder / "helpdesk.log", maxBytes=1 << 20, backupCount=5,
                                   encoding="utf-8")
            handler.setFormatter(logging.Formatter(
                "%(asctime)s %(process)d %(levelname)s %(message)s"))
            LOGGER.addHandler(handler)
        except OSError:
            pass  # a read-only home: the command still runs
    if verbose:
        LOGGER.addHandler(_stream(logging.DEBUG))


class _PrivateFile(RotatingFileHandler):
    """Created 0600 whatever the umask (a command's line names its error, which may name a
    case); a rotation renames, so the older files keep the mode."""

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)


def _stream(level: int) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("helpdesk: %(levelname)s %(message)s"))
    return handler


def outcome(command: str, code: int, seconds: float, error: str = "") -> None:
    LOGGER.info("%s exit=%d %.2fs%s", command or "console", code, seconds,
                f" error={error}" if error else "")


def stop() -> None:
    for handler in list(LOGGER.handlers):
        handler.close()
        LOGGER.removeHandler(handler)
