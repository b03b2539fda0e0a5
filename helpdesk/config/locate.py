"""Which config file is in force, and where in it a key was written (for error messages)."""

from __future__ import annotations

import os
import re
from pathlib import Path


def user_config_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("helpdesk")) / "config.toml"


def find_config_file(explicit: str | None) -> tuple[Path | None, str]:
    """Return (path, how it was chosen). Lookup: --config, HELPDESK_CONFIG, the user config
    dir; None when no file exists (built-in defaults apply). The working folder is never read:
    another tool's config.toml there would stop every command, a planted one redirect the
    database (a checkout passes --config config.toml or sets HELPDESK_CONFIG)."""
    if explicit:
        return Path(explicit), "--config"
    from_env = os.environ.get("HELPDESK_CONFIG")
    if from_env:
        return Path(from_env), "HELPDESK_CONFIG"
    user = user_config_file()
    if user.is_file():
        return user, "user config dir"
    return None, "built-in defaults"


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def _split_dotted(raw: str) -> list[str]:
    parts = re.findall(r""""[^"]*"|'[^']*'|[^.\s]+""", raw)
    return [p.strip("\"'") for p in parts]


def line_of(source: str, path: tuple[str, ...]) -> int | None:
    """Best-effort line number of a dotted key path in TOML text (1-based), else of its table."""
    table: list[str] = []
    best: int | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split_dotted(header.group(1))
            if tuple(table) == path and best is None:
                best = number
            continue
        key = _KEY.match(line)
        if not key:
            continue
        full = tuple(table + _split_dotted(key.group(1)))
        if full == path:
            return number
        if len(full) < len(path) and path[: len(full)] == full:
            best = number  # inline table or array holding the key
    if best is not None:
        return best
    if len(path) > 1:
        return line_of(source, path[:-1])
    return None
