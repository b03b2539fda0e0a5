"""Writing the files we hand out: never over an existing file unless the user said so
(`--force`), never through a symlink, never onto a device, a folder or the database's own
files (its key, anchor, lock, WAL, backups), always owner-only (0600) and atomically (written
beside the target under a temporary name, then linked or renamed into place), so a failed
export leaves no half a file and a planted link leads nowhere."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from helpdesk.errors import UsageError

_REPLACING: ContextVar[bool] = ContextVar("helpdesk_replace_outputs", default=False)


@contextmanager
def replacing_outputs(allowed: bool = True) -> Iterator[None]:
    """Within: an existing regular file at an output path may be replaced (`--force`)."""
    token = _REPLACING.set(allowed)
    try:
        yield
    finally:
        _REPLACING.reset(token)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(path: Path, protected: Iterable[Path] = (), *,
                 replace: bool | None = None) -> Path:
    """The checks above, before anything is written; returns the path to write."""
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(2, "No such folder", str(folder))
    where = folder.resolve() / path.name
    for own in protected:
        own = Path(own)
        if _inside(where, own.resolve()) or where == own.absolute():
            raise UsageError("err.files.protected", path=str(path))
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return path
    if stat.S_ISLNK(found.st_mode):
        raise UsageError("err.files.symlink", path=str(path))
    if not stat.S_ISREG(found.st_mode):
        raise UsageError("err.files.not_regular", path=str(path))
    if not (_REPLACING.get() if replace is None else replace):
        raise UsageError("err.files.exists", path=str(path))
    return path


def write_private(path: Path, writer: Callable[[Any], Any], *, protected: Iterable[Path] = (),
                  replace: bool | None = None, mode: int = 0o600) -> None:
    """`writer` receives a temporary path in the target folder and writes the file there.
    Without leave to replace, the finished file is linked into place (atomic: a file that
    appeared meanwhile is not overwritten); with it, renamed over the old one (a rename
    replaces a symlink planted meanwhile, never what it points to)."""
    allowed = _REPLACING.get() if replace is None else replace
    path = check_output(path, protected, replace=allowed)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    os.close(descriptor)
    try:
        os.chmod(temporary, 0o600)
        writer(temporary)
        os.chmod(temporary, mode)
        if allowed:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise UsageError("err.files.exists", path=str(path)) from None
            os.unlink(temporary)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
