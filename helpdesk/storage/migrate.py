"""Bring a database to the current schema, taking a backup first when it already holds data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpdesk.errors import TeamUpgradeNeeded
from helpdesk.storage.database import Database
from helpdesk.storage.revisions import MIGRATIONS_DIR, head_revision
from helpdesk.storage.team import become_owner, is_team, may_administer, regrant


def is_schema_object(obj: object, name: str | None, type_: str, reflected: bool,
                     compare_to: object) -> bool:
    """Leave SQLite FTS5 tables (and their shadow tables) and PostgreSQL's trigram indexes
    (migration 0020) out of model comparison."""
    if type_ == "index" and name is not None and name.endswith("_trgm"):
        return False
    return not (type_ == "table" and name is not None and name.endswith(
        ("_fts", "_fts_data", "_fts_idx", "_fts_content", "_fts_docsize", "_fts_config")))


def _alembic_config(connection: object) -> object:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def current_revision(db: Database) -> str | None:
    """What alembic_version holds (None before the first migration), read directly: Alembic
    is imported only when there is something to migrate."""
    # sqlalchemy's inspector here, beside Alembic's import below
    from sqlalchemy import inspect, text

    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    if len(versions) > 1:  # branches: never made here; let Alembic explain
        from alembic.runtime.migration import MigrationContext

        with db.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    return str(versions[0][0]) if versions else None


@dataclass(frozen=True)
class MigrationResult:
    before: str | None
    after: str
    backup: Path | None


def upgrade(db: Database, backup_dir: Path | None = None,
            stamp: str = "", *, as_owner: bool = False) -> MigrationResult:
    """Upgrade to head under the write lock; a second call is a no-op. A team database
    (storage/team.py) is upgraded only by its administrator, as its owner role; `as_owner`
    for `helpdesk team setup`, before the database is a team's."""
    head = head_revision()
    before = current_revision(db)
    if before == head:
        return MigrationResult(before, head, None)
    # only when there is something to do: ~0.2 s to import
    from alembic import command

    from helpdesk.storage.backup import backup_sqlite

    backup_path: Path | None = None
    if before is not None and db.path is not None:

        folder = backup_dir or db.path.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        backup_path = folder / f"{db.path.name}.pre-{head}{stamp}.bak"
        backup_sqlite(db, backup_path)  # a way back before the schema changes: integrity only
    team = as_owner or is_team(db)
    with db.write_connection() as connection:
        if team:
            if not may_administer(connection):
                raise TeamUpgradeNeeded("err.team.upgrade_needed", before=before or "-",
                                        head=head)
            become_owner(connection)
        command.upgrade(_alembic_config(connection), "head")  # type: ignore[arg-type]
        if team and not as_owner:
            regrant(connection)  # what the new revisions made is shared like the rest
        connection.commit()
    return MigrationResult(before, head, backup_path)

