"""Configuration: lookup, typed schema, validation with file:line messages."""

from helpdesk.config.load import load_config, parse_config
from helpdesk.config.schema import Config

__all__ = ["Config", "load_config", "parse_config"]
