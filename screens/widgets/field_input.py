"""Every one-line field of the console. Textual's Input dropped a full-width digit from a
Chinese input method (`２８` in a number field), kept only the first line of a paste, refused
a paste longer than the field without a word, and took control characters along. Here:

- a number, day or time field (one with `restrict` or `type`) folds what the input method
  gives (NFKC: `２８` → `28`, `：` → `:`) before its restriction is checked;
- a control character typed or pasted is dropped where it stands;
- a paste of several lines becomes one line joined by " / ", and the field says so;
- a text's length limit is stated in the empty field ("最多 200 字") and is not a wall: what
  is typed or pasted stays whole, the field is marked, and the form refuses to save until it
  is shortened (`ServiceForm` checks `over_limit`); a number field keeps its few digits.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input, Label

from helpdesk.i18n import t

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
JOIN = " / "


class FieldInput(Input):
    def __init__(self, *args: Any, max_length: int = 0, **kwargs: Any) -> None:
        numeric = bool(kwargs.get("restrict")) or kwargs.get("type") in ("integer", "number")
        # A number's few digits stop where they end; text is not cut: its limit is said in
        # the empty field, and the form refuses to save more.
        super().__init__(*args, max_length=max_length if numeric else 0, **kwargs)
        self.limit = 0 if numeric else max_length
        if self.limit and not self.placeholder:
            self.placeholder = t("form.at_most", limit=max_length)

    @property
    def folds(self) -> bool:
        """A value that is a number, a day or a time (restricted), not free text."""
        return bool(self.restrict) or self.type in ("integer", "number")

    def replace(self, text: str, start: int, end: int) -> None:
        text = _CONTROLS.sub("", text)
        if self.folds:
            text = unicodedata.normalize("NFKC", text)
        super().replace(text, start, end)
        self.set_class(self.over_limit, "-over-limit")

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            self.notify(t("form.lines_joined", count=len(lines)), markup=False)
        if lines:
            selection = self.selection
            self.replace(JOIN.join(lines), *sorted((selection.start, selection.end)))
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again

    @property
    def over_limit(self) -> bool:
        return bool(self.limit) and len(self.value) > self.limit


def over_limit_message(form: Widget) -> str | None:
    """The first field of `form` holding more than it takes, focused, and what to say; None
    when every field fits."""
    for field in form.query(FieldInput):
        if field.over_limit:
            row = field.parent
            labels = list(row.query(Label)) if row is not None else []
            name = str(labels[0].content).strip() if labels else ""
            field.focus()
            return t("err.typed.too_long", field=name or t("form.this_field"),
                     limit=field.limit, length=len(field.value))
    return None
