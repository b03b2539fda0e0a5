"""The contract's curriculum (helpdesk/resources/curriculum.toml): three kinds of training, each a
fixed list of contents. Read once per file; a broken file names itself and the problem."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from helpdesk.errors import UsageError

KINDS = ("business", "operation", "admin")


@dataclass(frozen=True)
class Course:
    kind: str
    title_zh: str
    title_en: str
    contents: tuple[str, ...]

    def title(self, locale: str) -> str:
        return self.title_en if locale == "en" else self.title_zh


@cache
def load_curriculum(path: Path) -> dict[str, Course]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UsageError("err.curriculum.file_missing", path=path) \
            from None
    except tomllib.TOMLDecodeError as err:
        raise UsageError("err.curriculum.unreadable", path=path, err=err) from None
    courses: dict[str, Course] = {}
    for kind in KINDS:
        entry = data.get(kind)
        if not isinstance(entry, dict):
            raise UsageError("err.curriculum.kind_missing", path=path, kind=kind)
        contents = entry.get("contents", [])
        if not isinstance(contents, list) or not all(isinstance(c, str) for c in contents):
            raise UsageError("err.curriculum.contents_not_strings", path=path, kind=kind)
        courses[kind] = Course(kind, str(entry.get("title_zh", kind)),
                               str(entry.get("title_en", kind)),
                               tuple(c.strip() for c in contents if c.strip()))
    return courses
