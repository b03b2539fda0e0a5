"""Every one-line field (screens/widgets/field_input.py): nothing typed or pasted is lost or
changed behind the user's back. Textual's Input dropped full-width digits in number fields,
kept only a paste's first line and refused a long paste without a word."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from screens.widgets.field_input import JOIN, FieldInput, over_limit_message

CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


class _Form(App[None]):
    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("标题")
            yield FieldInput(id="title", max_length=10)
        yield FieldInput(id="days", restrict=r"[0-9]*")


async def test_full_width_digits_control_characters_and_pastes() -> None:
    app = _Form()
    async with app.run_test() as pilot:
        days = app.query_one("#days", FieldInput)
        days.focus()
        days.insert_text_at_cursor("２８")  # what a Chinese input method sends
        assert days.value == "28"
        title = app.query_one("#title", FieldInput)
        title.focus()
        title.insert_text_at_cursor("一，\x1b二")  # the comma stays full-width: it is text
        assert title.value == "一，二"
        title.value = ""
        title.post_message(events.Paste("第一行\n\n第二行\n第三行"))
        await pilot.pause()
        assert title.value == JOIN.join(["第一行", "第二行", "第三行"])
        title.value = ""
        title.post_message(events.Paste("长" * 25))  # over the limit: kept whole, marked
        await pilot.pause()
        assert title.value == "长" * 25 and title.has_class("-over-limit")
        message = over_limit_message(app.screen)
        assert message is not None and "标题" in message and "10" in message and "25" in message
        assert title.placeholder  # the limit is said in the empty field


@given(st.text(max_size=40))
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_whatever_is_typed_is_kept_in_order(text: str) -> None:
    """Random text (CJK, full-width, emoji with joiners, controls) typed into a text field is
    what is kept, controls dropped where they stood; into a number field, its folded digits or
    nothing."""
    import asyncio

    async def run() -> tuple[str, str]:
        app = _Form()
        async with app.run_test():
            title = app.query_one("#title", FieldInput)
            days = app.query_one("#days", FieldInput)
            title.insert_text_at_cursor(text)
            days.insert_text_at_cursor(text)
            return title.value, days.value

    title, days = asyncio.run(run())
    assert title == CONTROLS.sub("", text)
    folded = unicodedata.normalize("NFKC", CONTROLS.sub("", text))
    assert days == (folded if re.fullmatch(r"[0-9]*", folded) else "")


def test_every_one_line_field_of_every_form_is_a_field_input() -> None:
    """The property above holds for every form because every one-line field is a FieldInput:
    a plain Textual Input anywhere in the console fails here."""
    import ast
    from pathlib import Path

    plain = []
    for path in (Path(__file__).resolve().parents[1] / "screens").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else \
                    node.func.attr if isinstance(node.func, ast.Attribute) else ""
                if name == "Input":
                    plain.append(f"{path.name}:{node.lineno}")
    assert plain == []
