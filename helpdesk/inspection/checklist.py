"""The inspection checklist template (helpdesk/resources/inspection_checklist.toml): sections
of items. Read once per file; a broken file names itself and the problem."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from helpdesk.errors import UsageError


@dataclass(frozen=True)
class Section:
    key: str
    title_zh: str
    title_en: str
    items: tuple[str, ...]
    short_zh: str = ""
    short_en: str = ""

    def title(self, locale: str) -> str:
        return self.title_en if locale == "en" else self.title_zh

    def short(self, locale: str) -> str:
        return (self.short_en if locale == "en" else self.short_zh) or self.title(locale)


@cache
def load_checklist(path: Path) -> tuple[Section, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UsageError("err.checklist.file_missing", path=path) \
            from None
    except tomllib.TOMLDecodeError as err:
        raise UsageError("err.checklist.unreadable", path=path, err=err) from None
    entries = data.get("section")
    if not isinstance(entries, list) or not entries:
        raise UsageError("err.checklist.no_sections", path=path)
    sections: list[Section] = []
    for number, entry in enumerate(entries, start=1):
        key = entry.get("key") if isinstance(entry, dict) else None
        if not isinstance(key, str) or not key.strip():
            raise UsageError("err.checklist.section_no_key", path=path, number=number)
        items = entry.get("items", [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise UsageError("err.checklist.items_not_strings", path=path, key=key)
        title = str(entry.get("title", key))
        sections.append(Section(key.strip(), title, str(entry.get("title_en", title)),
                                tuple(i.strip() for i in items if i.strip()),
                                str(entry.get("short", "")), str(entry.get("short_en", ""))))
    return tuple(sections)


def fill(item: str, values: dict[str, int]) -> str:
    """Fill {unused_days}-style placeholders; an unknown placeholder stays as typed."""
    for name, value in values.items():
        item = item.replace("{" + name + "}", str(value))
    return item
