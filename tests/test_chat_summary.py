"""The daily and weekly summaries as chat text (reports/chat.py; issue 36): plain text with no
Markdown marks, numbered lines with full-width punctuation, question numbers but no typed
titles, and split into numbered messages of at most 2,048 bytes."""

from __future__ import annotations

import re
from datetime import date, timedelta

from helpdesk.chat import CHAT_LIMIT_BYTES, chat_messages
from helpdesk.clock import FrozenClock
from helpdesk.questions.actions import add_question, resolve
from helpdesk.reports.chat import chat_summary, summary_period
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local


def test_a_week_is_monday_to_sunday_and_a_day_is_itself() -> None:
    week = summary_period("weekly", date(2026, 10, 9))  # a Friday
    assert (week.start, week.end, week.label) == (date(2026, 10, 5), date(2026, 10, 11),
                                                  "2026-W41")
    day = summary_period("daily", date(2026, 10, 10))
    assert (day.start, day.end, day.label) == (date(2026, 10, 10), date(2026, 10, 10),
                                               "2026-10-10")


def test_the_day_counted_by_hand(ws: Workspace, clock: FrozenClock) -> None:
    """Two normal questions (response 2 business hours, resolution 16) received on Fri
    2026-10-09 at 09:00. The first is resolved at 09:30: both its clocks met. The second,
    "**急**" typed into its title, is still open at 17:00: its response was due at 11:00 and
    is missed; its resolution clock has not ended. Received 2; response 1 of 2 = 50.0%;
    resolution 1 of 1 = 100.0%; 1 missed, and that question is named."""
    me = resolve_actor(ws)
    clock.set(local(2026, 10, 9, 9, 0))
    first = add_question(ws, me, title="打印机脱机", category="desktop")
    second = add_question(ws, me, title="**急** ### 账号", category="other")
    clock.set(local(2026, 10, 9, 9, 30))
    resolve(ws, me, first.id, first.version, answer="已重装驱动")
    clock.set(local(2026, 10, 9, 17, 0))
    summary = chat_summary(ws, me, "daily", date(2026, 10, 9))
    assert len(summary.messages) == 1
    lines = summary.messages[0].splitlines()
    assert lines[0] == f"【{ws.config.contract.bureau} 驻场运维日报】2026-10-09（周五）"
    assert lines[1] == "1、问题：受理 2 件，首次响应按时率 50.0%，按时解决率 100.0%，超时 1 项。"
    assert lines[2] == f"2、超时问题：{second.number}"
    assert [line.split("、", 1)[0] for line in lines[1:]] == \
        [str(n) for n in range(1, len(lines))]
    text = summary.messages[0]
    assert "急" not in text and "打印机" not in text  # figures, not what people typed
    assert not re.search(r"[#*`\[\]_]", text.replace(lines[0], ""))  # no Markdown marks


def test_a_late_question_is_named_by_number(ws: Workspace, clock: FrozenClock) -> None:
    me = resolve_actor(ws)
    clock.set(local(2026, 10, 12, 9, 0))
    late = add_question(ws, me, title="无法登录", category="other", priority="urgent")
    clock.set(local(2026, 10, 16, 17, 0) + timedelta(minutes=1))
    text = chat_summary(ws, me, "weekly", date(2026, 10, 14)).messages[0]
    assert "2026-10-12 至 10-18（2026-W42）" in text.splitlines()[0]
    assert f"超时问题：{late.number}" in text


def test_a_long_summary_is_split_into_numbered_messages_a_chat_accepts() -> None:
    lines = [f"问题 Q2026-{n:05d}：" + "超时" * 60 for n in range(1, 40)]
    messages = chat_messages("【福田区信访局 驻场运维周报】", lines)
    assert len(messages) > 1
    assert all(len(message.encode("utf-8")) <= CHAT_LIMIT_BYTES for message in messages)
    assert [message.splitlines()[0] for message in messages] == [
        f"【福田区信访局 驻场运维周报】（{part}/{len(messages)}）"
        for part in range(1, len(messages) + 1)]
    body = [line for message in messages for line in message.splitlines()[1:]]
    assert body == [f"{n}、{line}" for n, line in enumerate(lines, start=1)]  # none split
