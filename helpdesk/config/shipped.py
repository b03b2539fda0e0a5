"""The files shipped beside the program for people rather than for it: the documented example
config and the JSON schemas. A wheel installs them under <prefix>/share/helpdesk/
(pyproject's data-files); a checkout (or an editable install) has them in the tree."""

from __future__ import annotations

import sys
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]
_IN_CHECKOUT = {"config.toml": _CHECKOUT / "config.toml", "json": _CHECKOUT / "docs" / "json"}


def shipped(name: str) -> Path | None:
    """`config.toml` or `json` (the schemas' folder), wherever this install keeps it."""
    installed = Path(sys.prefix) / "share" / "helpdesk" / name
    for place in (installed, _IN_CHECKOUT[name]):
        if place.exists():
            return place
    return None
