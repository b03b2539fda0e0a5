"""A year's table to start from (`helpdesk calendar template YEAR`): the statutory festivals and
the substitute days the `holidays` package expects, written as TOML (tomli-w) in the shape
`helpdesk calendar load` reads, with the make-up working days left for the official notice."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import tomli_w

from helpdesk.calendar.estimate import estimate_year


def _runs(days: dict[date, str]) -> list[dict[str, Any]]:
    """Consecutive days of one festival as one from–to entry."""
    runs: list[dict[str, Any]] = []
    for day in sorted(days):
        name = days[day]
        last = runs[-1] if runs else None
        if last and last["name"] == name and last["to"] + timedelta(days=1) == day:
            last["to"] = day
        else:
            runs.append({"name": name, "from": day, "to": day})
    return runs


def year_template(year: int, header: str) -> str:
    """`header`: comment lines (without '#') that say what to check against the notice."""
    estimate = estimate_year(year, 10)
    body = tomli_w.dumps({"year": year, "source": "estimate",
                          "holidays": _runs(estimate.rest_days()), "makeup_workdays": []},
                         multiline_strings=False)
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comments + "\n" + body
