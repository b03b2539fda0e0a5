"""Text from data stays literal in every Markdown file we write: rendered by a real renderer
(markdown-it-py), no emphasis, link, image, code, table break or HTML comes out of it."""

from __future__ import annotations

import html
import re
from datetime import date, time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from helpdesk.clock import FrozenClock
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.text import markdown_text
from tests.conftest import local

HOSTILE = ["*粗体* _斜体_ `代码`", "[点我](javascript:alert(1))", "![x](http://evil.example/a.png)",
           "<script>alert(1)</script>", "a|b|c", "&lt;b&gt; &amp;", "<http://evil.example>",
           "~~删除~~", "\\*不是转义\\*", "# 标题", "- 列表", "1. 列表", "> 引用", "---"]
RENDERER = MarkdownIt("commonmark").enable("table").enable("strikethrough")
FORBIDDEN = re.compile(r"<(em|strong|a|img|script|code|del|h\d|blockquote|ol|ul|hr)\b")


def _text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("*_`[]()<>|~&!#{}\\-+=.1 x中\n")), max_size=40))
def test_any_text_renders_as_itself(value: str) -> None:
    inline = markdown_text(value)
    rendered = RENDERER.render(f"| h |\n|---|\n| {inline} |\n")
    assert not FORBIDDEN.search(rendered), rendered
    assert _text(rendered).removeprefix("h").strip() == " ".join(value.splitlines()).strip() \
        or not value.strip()


def test_bare_addresses_stay_text_under_a_linkifying_renderer() -> None:
    """A URL, a domain or an e-mail address typed as data is no live link where renderers
    linkify (markdown-it with linkify, GitHub), and reads back as typed (issue 36)."""
    from helpdesk.text import markdown_unescape

    linkify = MarkdownIt("commonmark", {"linkify": True}).enable("linkify")
    for value in ("见 http://evil.example/a", "www.evil.example", "xfj.sz.gov.cn/登录",
                  "联系 a@evil.example", "HTTPS://X.CN", "版本 1.5，比例 3.14"):
        escaped = markdown_text(value)
        assert "<a" not in linkify.render(escaped), value
        assert markdown_unescape(escaped) == value and _text(linkify.render(escaped)) == value


def test_the_hostile_corpus_stays_literal_in_a_paragraph() -> None:
    for value in HOSTILE:
        rendered = RENDERER.render(markdown_text(value, inline=False) + "\n")
        assert not FORBIDDEN.search(rendered), (value, rendered)
        assert _text(rendered) == value


def test_training_report_and_handover_markdown_stay_literal(
        ws: Workspace, clock: FrozenClock, tmp_path: Path) -> None:
    from helpdesk.questions.actions import add_question
    from helpdesk.reports.export import write_report
    from helpdesk.services.units import add_unit
    from helpdesk.training.actions import plan_session
    from helpdesk.training.people import add_attendee
    from helpdesk.training.report import write_report as write_training

    actor = resolve_actor(ws)
    unit = add_unit(ws, actor, "S01", "[福田](javascript:x)", "street").id
    clock.set(local(2026, 10, 12, 10, 0))
    for text in HOSTILE:
        add_question(ws, actor, title=text, category="handling", unit_id=unit)
        add_question(ws, actor, title=text, category="handling", unit_id=unit)
    session = plan_session(ws, actor, kind="business", day=date(2026, 10, 13),
                           start=time(14, 30), place=HOSTILE[3], trainer=HOSTILE[0]).session
    for text in HOSTILE[:6]:
        add_attendee(ws, actor, session.id, text, unit, role=HOSTILE[1])
    training, report = tmp_path / "t.md", tmp_path / "r.md"
    write_training(ws, actor, session.id, "md", training)
    write_report(ws, actor, "monthly", "2026-10", "md", report)
    for path in (training, report):
        rendered = RENDERER.render(path.read_text(encoding="utf-8"))
        for tag in ("<script", "<img", "<em>", "<code>代码", "<del>", 'href="javascript'):
            assert tag not in rendered, f"{path.name}: {tag}"
    assert "*粗体* _斜体_ `代码`" in _text(RENDERER.render(training.read_text(encoding="utf-8")))
