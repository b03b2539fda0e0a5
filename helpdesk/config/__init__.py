"""Configuration: lookup, typed schema, validation with file:line messages.

The names are looked up on first use: an area's settings.py imports config/convert.py, which
runs this file first; loading the schema here would import every area's settings while the
first is still half-made (an import circle that only shows when an area loads first)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from helpdesk.config.load import load_config, parse_config
    from helpdesk.config.schema import Config

__all__ = ["Config", "load_config", "parse_config"]


def __getattr__(name: str) -> Any:
    if name == "Config":
        # on first use (see the docstring)
        from helpdesk.config.schema import Config

        return Config
    if name in ("load_config", "parse_config"):
        # on first use (see the docstring)
        from helpdesk.config import load

        return getattr(load, name)
    raise AttributeError(name)
