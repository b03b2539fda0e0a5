"""A one-line trend for a terminal or a Markdown report: ▁▂▃▄▅▆▇█, · for a gap."""

from __future__ import annotations

from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None], *, low: float | None = None,
              high: float | None = None) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return "·" * len(values)
    bottom = min(known) if low is None else low
    top = max(known) if high is None else high
    span = top - bottom
    marks = []
    for value in values:
        if value is None:
            marks.append("·")
        elif span <= 0:
            marks.append(BARS[len(BARS) // 2] if value else BARS[0])
        else:
            share = (min(max(value, bottom), top) - bottom) / span
            marks.append(BARS[min(len(BARS) - 1, int(share * len(BARS)))])
    return "".join(marks)
