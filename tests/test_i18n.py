"""Every UI string goes through t(); both locales carry every key that the code uses."""

from __future__ import annotations

import re
from pathlib import Path

from helpdesk.i18n import catalog, set_locale, t
from helpdesk.keymap import ALL_KEYS

ROOT = Path(__file__).resolve().parents[1]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
DYNAMIC_PREFIX = re.compile(r"""\bt\(\s*f["']([a-z_]+\.[a-z_]*)\{""")


def test_locales_have_the_same_keys() -> None:
    assert set(catalog("zh_CN")) == set(catalog("en"))


def test_every_key_used_in_code_exists() -> None:
    used: set[str] = set()
    prefixes: set[str] = set()
    for folder in ("helpdesk", "screens"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            used |= set(LITERAL_KEY.findall(source))
            prefixes |= set(DYNAMIC_PREFIX.findall(source))
    used |= {spec.label for spec in ALL_KEYS.values()}
    missing = sorted(key for key in used if key not in catalog("zh_CN"))
    assert missing == []
    for prefix in prefixes:  # e.g. t(f"units.kind_{kind}") needs some units.kind_* keys
        assert any(key.startswith(prefix) for key in catalog("en")), prefix
    assert len(used) > 40


def test_switching_locale() -> None:
    set_locale("en")
    assert t("nav.today") == "Today"
    set_locale("zh_CN")
    assert t("nav.today") == "今日"
    assert t("list.page", page=3) == "第 3 页"
