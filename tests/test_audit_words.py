"""Every audit record of the demo, as Today's recent activity, the audit screen and the change
toasts show it (audit_summary.describe), names our own codes in the user's language and never
shows a Python list or a stored UTC instant (issue 34: `时段=full 状态=approved`, `→taken`,
`知识条目 →[]`, `['2026-11-23T09:00:00+08:00', …]`)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpdesk.audit_summary import INSTANT, describe, value_label
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.i18n import set_locale
from tests.app_support import demo_database

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Values that are people, places or what was typed: shown as stored.
AS_TYPED = {"login", "holder", "incoming", "outgoing", "title", "name", "note", "reason",
            "file", "path", "code", "number", "summary", "detail", "answer", "place",
            "trainer", "contact", "location", "medium", "tags", "origin", "uid", "remediation",
            "tool", "owner", "to", "by", "approved_by", "reported_to", "witness", "handed_to"}
CODE = re.compile(r"^[a-z][a-z_]{2,}$")


def _records(path: Path) -> list[tuple[str, str, str]]:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT action, entity, summary FROM audit_log").fetchall()
    finally:
        connection.close()


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_the_demos_audit_reads_in_words(locale: str, config: Config, tmp_path: Path,
                                        clock: FrozenClock) -> None:
    path = tmp_path / "demo.db"
    demo_database(config, path, clock)
    set_locale(locale)
    raw: list[str] = []
    checked = 0
    for action, entity, summary in _records(path):
        line = describe(summary, SHANGHAI, entity)
        assert "['" not in line and "[]" not in line, (action, line)
        assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", line), (action, line)
        body = json.loads(summary) if summary.startswith("{") else {}
        for side in ("before", "after"):
            for field, value in (body.get(side) or {}).items():
                if field in AS_TYPED or not isinstance(value, str) or not CODE.match(value):
                    continue
                checked += 1
                shown = value_label(field, value, SHANGHAI, entity)
                # in English a word can be its own label ("high"); a code never ("signed_in")
                if shown == value and (locale == "zh_CN" or "_" in value):
                    raw.append(f"{action} {entity}.{field}={value}")
    assert checked > 100
    assert sorted(set(raw)) == []


def test_a_list_and_its_instants_read_as_days_and_times() -> None:
    set_locale("zh_CN")
    window = ["2026-11-23T09:00:00+08:00", "2026-11-23T09:50:00+00:00"]
    assert value_label("window", window, SHANGHAI) == "2026-11-23 09:00、2026-11-23 17:50"
    assert value_label("articles", [], SHANGHAI) == "—"
    assert INSTANT.match(window[0])
