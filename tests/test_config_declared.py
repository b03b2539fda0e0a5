"""Each config key is declared once (a field of helpdesk/config/schema.py with its default and
its check) and documented once (config.toml): the two name the same keys, the shipped file's
values are the defaults (tests/test_config.py), and every declared key is checked."""

from __future__ import annotations

import tomllib
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest

from helpdesk.config import Config, parse_config
from helpdesk.errors import ConfigError

SHIPPED = Path(__file__).resolve().parents[1] / "config.toml"


def declared(instance: Any, path: str = "") -> set[str]:
    keys: set[str] = set()
    for item in fields(instance):
        meta = item.metadata
        value = getattr(instance, item.name)
        if meta.get("section") and is_dataclass(value):
            keys |= declared(value, f"{path}{item.name}.")
        elif meta.get("flat"):
            keys |= {f"{path}{name}" for name in value}
        elif meta:
            keys.add(f"{path}{item.name}")
    return keys


def documented(table: dict[str, Any], path: str = "") -> set[str]:
    keys: set[str] = set()
    for name, value in table.items():
        if isinstance(value, dict) and f"{path}{name}" in SECTIONS:
            keys |= documented(value, f"{path}{name}.")
        else:
            keys.add(f"{path}{name}")
    return keys


SECTIONS = {item.name for item in fields(Config) if item.metadata.get("section")}


def test_config_toml_documents_exactly_the_declared_keys() -> None:
    shipped = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    assert documented(shipped) == declared(Config())


def test_every_declared_key_is_checked() -> None:
    """A wrong type for any declared scalar names its file, line and key: nothing is declared
    without a check."""
    for key in sorted(declared(Config())):
        section, _, leaf = key.rpartition(".")
        if not section or section == "deadlines" or leaf in {"keys", "targets", "rate_period",
                                                             "import_headers"}:
            continue
        text = f"[{section}]\n{leaf} = {{ wrong = 1 }}\n"
        with pytest.raises(ConfigError) as caught:
            parse_config(text, "c.toml")
        assert caught.value.problems[0].startswith(f"c.toml:2: {key}: "), key


def test_a_key_declared_nowhere_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config("[roster]\nshift_modes = \"halves\"\n", "c.toml")
    problem = caught.value.problems[0]
    assert problem.startswith("c.toml:2: roster.shift_modes: ")
    assert "shift_mode," in problem and "calendar_reminder_minutes" in problem
