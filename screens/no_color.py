"""NO_COLOR without turning alarms into the dimmest text on screen.

Textual honours NO_COLOR by mapping every colour to its luminance: red, the colour of every
alarm, has little luminance and came out as dark grey, dimmer than ordinary text. Here a
foreground keeps its brightness (the brightest of its channels), so an alarm is as bright as any
text and is told apart by what survives without colour: bold, reverse and its ✘ marker.
Backgrounds keep Textual's luminance, so the cursor row and panels stay readable."""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter, Monochrome


@lru_cache(1024)
def grey_style(style: Style) -> Style:
    foreground = None if style.color is None else _bright_grey(style.color)
    background = (None if style.bgcolor is None
                  else Color.from_rich_color(style.bgcolor).monochrome.rich_color)
    return style + Style.from_color(foreground, background)


def _bright_grey(color: RichColor) -> RichColor:
    value = Color.from_rich_color(color)
    level = max(value.r, value.g, value.b)
    return Color(level, level, level).rich_color


class BrightMonochrome(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, None if style is None else grey_style(style), None)
                for text, style, _control in segments]


def keep_alarms_bright(filters: list[LineFilter]) -> None:
    """Swap Textual's NO_COLOR filter (if it is on) for BrightMonochrome, in place."""
    for index, line_filter in enumerate(filters):
        if isinstance(line_filter, Monochrome):
            filters[index] = BrightMonochrome(enabled=line_filter.enabled)
