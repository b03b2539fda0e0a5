"""Writing export files: owner-only permissions (the bureau's information stays private on a
shared jump host) and an atomic rename, so a failed export never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def write_private(path: Path, writer: Callable[[Any], Any]) -> None:
    """`writer` receives a temporary path in the target folder and writes the file there."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(2, "No such folder", str(folder))
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    os.close(descriptor)
    try:
        os.chmod(temporary, 0o600)
        writer(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
