"""The one translation function. Strings live in helpdesk/locales/<locale>/<area>.toml, one
file per area of the program (questions, cases, contract, ...; console for the shared words),
merged when a locale is first used; a key is defined in one file only, and both locales must
hold the same keys (tests enforce both)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LOCALE = "zh_CN"
_current = DEFAULT_LOCALE


class DuplicateKey(ValueError):
    """Two area files of one locale define the same key: which one wins would be chance."""


@cache
def catalog(locale: str) -> dict[str, str]:
    folder = LOCALES_DIR / locale
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    flat: dict[str, str] = {}
    origin: dict[str, str] = {}

    def walk(prefix: str, table: dict[str, object], source: str) -> None:
        for key, value in table.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                walk(name + ".", value, source)
            elif name in flat:
                raise DuplicateKey(f"{name}: {origin[name]} and {source}")
            else:
                flat[name], origin[name] = str(value), source

    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            walk("", tomllib.load(handle), path.name)
    return flat


def set_locale(locale: str) -> None:
    global _current
    catalog(locale)  # fail early on an unknown locale
    _current = locale


@contextmanager
def using_locale(locale: str | None) -> Iterator[None]:
    """Speak `locale` for a while (a config file's own [ui] locale while its problems are
    written); None or an unknown locale keeps the current one."""
    global _current
    saved = _current
    if locale is not None and (LOCALES_DIR / locale).is_dir():
        _current = locale
    try:
        yield
    finally:
        _current = saved


def current_locale() -> str:
    return _current


def t(key: str, /, **values: object) -> str:
    """Translate `key` into the current locale; `values` fill {placeholders}."""
    text = catalog(_current).get(key) or catalog(DEFAULT_LOCALE).get(key) or key
    return text.format(**values) if values else text


def t_or(key: str, default: str) -> str:
    """The text of `key` in the current locale, or `default` when no catalogue has it (a code
    stored by a newer version, a Textual string we have not translated)."""
    return catalog(_current).get(key) or catalog(DEFAULT_LOCALE).get(key) or default


def joined(items: Iterable[object]) -> str:
    """A list run together the locale's way (、 in Chinese, `, ` in English)."""
    return t("app.list_sep").join(map(str, items))


def clauses(items: Iterable[object]) -> str:
    """Clauses run together the locale's way (； in Chinese, `; ` in English)."""
    return t("app.problem_sep").join(map(str, items))
