"""Files the program reads that ship inside the package (installed with it, found by
importlib.resources wherever pip put it): the curriculum, the inspection checklist, the
configuration checklists, the demo's questions."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def read_text(name: str) -> str:
    return (files(__name__) / name).read_text(encoding="utf-8")


def path(name: str) -> Path:
    """A bundled file as a path (pip installs packages as plain folders; a zipped install is
    not supported)."""
    return Path(str(files(__name__) / name))
