"""Weekday and festival names, in the user's language from the catalogue."""

from __future__ import annotations

from datetime import date

from helpdesk.i18n import t

# The festival names the data sources store (Chinese, as the State Council writes them) and
# their catalogue keys: what the user reads comes from the catalogue in their language.
FESTIVAL_KEYS = {"元旦": "new_year", "春节": "spring", "清明节": "qingming", "劳动节": "labour",
                 "端午节": "dragon_boat", "国庆节": "national", "中秋节": "mid_autumn",
                 "抗战胜利纪念日": "victory_70"}


def weekday_name(day: date) -> str:
    return t(f"calendar.weekday_{day.weekday()}")


def festival_label(name: str) -> str:
    """A festival's name in the UI's language (a name no catalogue knows is shown as stored);
    two festivals on one day ("中秋节、国庆节") are both translated."""
    if "、" in name:
        return t("calendar.festival_both", first=festival_label(name.split("、", 1)[0]),
                 second=festival_label(name.split("、", 1)[1]))
    key = FESTIVAL_KEYS.get(name)
    return t(f"calendar.festival_{key}") if key else name
