"""Where everything this installation reads and writes lives, as `helpdesk config path` and
`helpdesk doctor` print it: nobody should have to guess which database a console opened."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpdesk.config import Config
from helpdesk.paths import demo_database, user_data_dir
from helpdesk.storage.database import Database
from helpdesk.storage.target import database_target


@dataclass(frozen=True)
class Location:
    key: str  # a stable name for scripts: config, database, audit_key, ...
    place: str
    set_by: str = "default"  # default | config | --db | HELPDESK_DB | derived


def _set_by(value: str) -> str:
    """A path the config file gave is absolute (made so at load); a default is relative."""
    return "config" if value and ("://" in value or Path(value).is_absolute()) else "default"


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
    return (
        Location("config", f"{config.source} ({how})" if config.source else f"({how})", how),
        Location("database", database, given or _set_by(config.database.url)),
        Location("audit_key", key, _set_by(config.security.audit_key_file)
                 if config.security.audit_key_file else "derived"),
        Location("backups", backups, _set_by(config.database.backup_dir)
                 if backups else "derived"),
        Location("calendar_tables", str(config.resolve_path(config.calendar.local_tables_dir)),
                 _set_by(config.calendar.local_tables_dir)),
        Location("exports", str(config.resolve_path(config.data_service.export_dir)),
                 _set_by(config.data_service.export_dir)),
        Location("evidence", str(config.resolve_path(config.security.evidence_dir)),
                 _set_by(config.security.evidence_dir)),
        Location("user_data", str(user_data_dir())),
        Location("demo", str(demo_database())),
    )
