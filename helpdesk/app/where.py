"""Where everything this installation reads and writes lives, as `helpdesk config path` and
`helpdesk doctor` print it: nobody should have to guess which database a console opened."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpdesk.config import Config
from helpdesk.config.locate import line_of
from helpdesk.i18n import t
from helpdesk.paths import demo_database, user_data_dir
from helpdesk.storage.database import Database
from helpdesk.storage.target import database_target


@dataclass(frozen=True)
class Location:
    key: str  # a stable name for scripts: config, database, audit_key, ...
    place: str
    set_by: str = "default"  # default | config | --db | HELPDESK_DB | derived
    set_at: str = ""  # where the config file set it: "/etc/helpdesk/config.toml:19"


class _File:
    """The config file as written, to say which of its lines set a path."""

    def __init__(self, config: Config) -> None:
        self.source = config.source
        self.text = ""
        self.data: dict[str, Any] = {}
        if config.source is not None:
            try:
                self.text = config.source.read_text(encoding="utf-8-sig")
                self.data = tomllib.loads(self.text)
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                pass  # it loaded a moment ago; a file changed since names no lines

    def origin(self, value: str, *path: str) -> tuple[str, str]:
        """("config", "file:line") when the file set `path`; a value equal to the default
        stays relative at load (config/places.py) and is the default's."""
        given: Any = self.data
        for key in path:
            given = given.get(key) if isinstance(given, dict) else None
        if not isinstance(given, str) or not ("://" in value or Path(value).is_absolute()):
            return "default", ""
        return "config", f"{self.source}:{line_of(self.text, path)}"


def locations(config: Config, db_url: str | None, how: str, explicit: str | None = None
              ) -> tuple[Location, ...]:
    """Each place, and what set it; `explicit` is the --db given (else db_url came from
    HELPDESK_DB)."""
    database = database_target(config, db_url)
    if "://" not in database:
        database = str(Path(database).expanduser().resolve())
    if config.security.audit_key_file:
        key = str(config.resolve_path(config.security.audit_key_file))
    elif "://" not in database:
        key = f"{database}.key"
    else:
        key = str(Database.server_key_path(database))
    backups = (str(config.resolve_path(config.database.backup_dir))
               if config.database.backup_dir else "")
    given = "--db" if db_url and db_url == explicit else "HELPDESK_DB" if db_url else None
    file = _File(config)
    return (
        Location("config", f"{config.source} ({how})" if config.source else f"({how})", how),
        Location("database", database,
                 *((given, "") if given else file.origin(config.database.url, "database",
                                                         "url"))),
        Location("audit_key", key,
                 *(file.origin(config.security.audit_key_file, "security", "audit_key_file")
                   if config.security.audit_key_file else ("derived", ""))),
        Location("backups", backups,
                 *(file.origin(config.database.backup_dir, "database", "backup_dir")
                   if backups else ("derived", ""))),
        Location("calendar_tables", str(config.resolve_path(config.calendar.local_tables_dir)),
                 *file.origin(config.calendar.local_tables_dir, "calendar",
                              "local_tables_dir")),
        Location("exports", str(config.resolve_path(config.data_service.export_dir)),
                 *file.origin(config.data_service.export_dir, "data_service", "export_dir")),
        Location("evidence", str(config.resolve_path(config.security.evidence_dir)),
                 *file.origin(config.security.evidence_dir, "security", "evidence_dir")),
        Location("user_data", str(user_data_dir())),
        Location("demo", str(demo_database())),
    )


_HOW = {"user config dir": "where.how_user", "built-in defaults": "where.how_defaults"}
_SET_BY = ("default", "derived")


def described(location: Location, config: Config) -> str:
    """One line as a person reads it: what, where, and what put it there (the config file's
    own line when the file did)."""
    if location.key == "config":  # its place already says how it was found
        words = _HOW.get(location.set_by)
        return f"{t('where.config')}: " + (
            f"{config.source} ({t(words) if words else location.set_by})" if config.source
            else t("where.how_defaults"))
    place = location.place or t("where.beside_database")
    origin = (t("where.set_at", at=location.set_at) if location.set_at
              else t(f"where.by_{location.set_by}") if location.set_by in _SET_BY
              else location.set_by)
    return f"{t('where.' + location.key)}: {place}  ({origin})"
