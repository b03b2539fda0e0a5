"""Every key `config.toml` documents is read by the program (issue 32: `inspections_per_month`
was documented and nothing read it). A key counts as read when some code outside the config
package names it as an attribute; a `[deadlines]` step when its name is used as a step."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Documented, validated, and deliberately not a switch: masking is always on (domain.md).
NOT_A_SWITCH = {"security.mask_personal_data"}


def _documented() -> list[str]:
    data = tomllib.loads((ROOT / "config.toml").read_text(encoding="utf-8"))
    keys = []
    for section, table in data.items():
        if not isinstance(table, dict):
            keys.append(section)
            continue
        for key in table:
            keys.append(f"{section}.{key}")
    return keys


def _source() -> str:
    files = [*(ROOT / "helpdesk").rglob("*.py"), *(ROOT / "screens").rglob("*.py")]
    return "\n".join(path.read_text(encoding="utf-8") for path in files
                     if "config" not in path.relative_to(ROOT).parts[:2])


def _unread(keys: list[str], source: str) -> list[str]:
    found = []
    for key in keys:
        section, _, leaf = key.rpartition(".")
        if key in NOT_A_SWITCH:
            continue
        if section == "deadlines" and re.search(rf"[\"']{re.escape(leaf)}[\"']", source):
            continue  # a step, read by name: rules.steps["handling"]
        if not re.search(rf"\.{re.escape(leaf)}\b", source):
            found.append(key)
    return found


def test_every_documented_key_is_read() -> None:
    assert _unread(_documented(), _source()) == []


def test_the_walk_finds_a_key_nothing_reads() -> None:
    source = _source()
    assert _unread(["contract.inspections_per_month", "contract.trainings_per_year"],
                   source) == ["contract.inspections_per_month"]
