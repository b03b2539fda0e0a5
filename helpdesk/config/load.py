"""Read config.toml (UTF-8, BOM accepted) into a typed Config, or fail with every problem listed
as `file:line: key: what is wrong`. Which keys exist and how each is checked is declared once,
on the schema's fields (helpdesk/config/schema.py); this module walks them."""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from helpdesk.config.convert import Convert, PathSetting, integer, text
from helpdesk.config.locate import find_config_file
from helpdesk.config.places import placed
from helpdesk.config.reader import Reader, Table
from helpdesk.config.schema import LOCALES, Config
from helpdesk.errors import ConfigError
from helpdesk.i18n import t, using_locale

T = TypeVar("T")


def _no_service_account(value: Any) -> str:
    """The sudo service-account mode is gone (helpdesk/identity.py): a config that still names
    one would otherwise run everyone as that account."""
    if text(value):
        raise ValueError(t("err.config.service_account_removed"))
    return ""


def _once_a_month(value: Any) -> int:
    """`inspections_per_month` was never read: the monthly inspection is the contract's
    (附件一 巡检服务 每月一次). 1 is accepted from old files; anything else is refused."""
    if integer(0, 31)(value) != 1:
        raise ValueError(t("err.config.inspections_fixed"))
    return 1


# Keys that are no longer settings: an old file's harmless value still loads, any other value
# is refused with the reason, never silently ignored.
RETIRED: dict[tuple[str, ...], Convert[Any]] = {
    ("contract", "inspections_per_month"): _once_a_month,
    ("security", "service_account"): _no_service_account,
}


def _known(cls: type, path: tuple[str, ...]) -> tuple[str, ...]:
    names: list[str] = []
    for item in fields(cls):
        if item.metadata.get("flat"):
            factory = item.default_factory
            assert callable(factory)
            names.extend(factory())
        elif item.metadata:
            names.append(item.name)
    names.extend(key[-1] for key in RETIRED if key[:-1] == path)
    return tuple(names)


def read_section(reader: Reader, table: Table, path: tuple[str, ...], instance: T) -> T:
    """Every declared key of one table: a scalar through its check, a nested table through its
    reader, a section recursively; a key nobody declared is reported with the known ones."""
    assert is_dataclass(instance)
    reader.table(table, path, _known(type(instance), path))
    changes: dict[str, Any] = {}
    for item in fields(instance):
        meta = item.metadata
        default = getattr(instance, item.name)
        where = (*path, item.name)
        if "convert" in meta:
            changes[item.name] = reader.value(table, where, default, meta["convert"])
            if isinstance(meta["convert"], PathSetting) and item.name in table:
                changes[item.name] = placed(reader, where, changes[item.name],
                                            meta["convert"].kind, default)
        elif "read" in meta:
            value = table if meta["flat"] else table.get(item.name)
            changes[item.name] = meta["read"](reader, value, path if meta["flat"] else where,
                                              default)
        elif meta.get("section"):
            given = reader.table(table.get(item.name), where, None)
            changes[item.name] = read_section(reader, given, where, default)
    for key, convert in RETIRED.items():
        if key[:-1] == path:
            reader.value(table, key, None, convert)
    return replace(instance, **changes)  # type: ignore[type-var]


def parse_config(source: str, file: str = "config.toml", path: Path | None = None) -> Config:
    """Validate TOML text into a Config; raise ConfigError listing every problem."""
    source = source.removeprefix("\ufeff")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        where = f"{file}:{match.group(1)}" if match else file
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        raise ConfigError([t("err.config.syntax", where=where, detail=detail)]) from None
    ui = data.get("ui")
    locale = ui.get("locale") if isinstance(ui, dict) else None
    with using_locale(locale if locale in LOCALES else None):
        return _parse(data, source, file, path)


def _parse(data: Table, source: str, file: str, path: Path | None) -> Config:
    reader = Reader(file, source, path.parent if path else None)
    config = replace(read_section(reader, data, (), Config()), source=path)
    if config.contract.end <= config.contract.start:
        reader.problem(("contract", "end"), t("err.config.contract_backwards"))
    share = config.contract.payment_on_signing + config.contract.payment_on_acceptance
    if abs(share - 1.0) > 1e-9:
        reader.problem(("contract", "payment_on_acceptance"),
                       t("err.config.payment_shares", share=f"{share:g}"))
    if reader.problems:
        raise ConfigError(reader.problems)
    return config


def load_config(explicit: str | None = None) -> Config:
    path, _how = find_config_file(explicit)
    if path is None:
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ConfigError([t("err.config.unreadable", path=path, reason=err.strerror)]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ConfigError([t("err.config.not_utf8", path=path, line=line)]) from None
    return parse_config(text, str(path), path.resolve())
