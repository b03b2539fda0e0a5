"""Which database a command means (--db, HELPDESK_DB or the config) and whether it exists:
decided before the console starts, so this module imports neither the models nor the
services (they would sit on the first frame's path)."""

from __future__ import annotations

from helpdesk.config import Config


def database_target(config: Config, db_url: str | None) -> str:
    """--db/HELPDESK_DB as given (relative to the working folder), else the config's url
    (a relative path there is relative to the config file)."""
    if db_url:
        return db_url
    url = config.database.url
    return url if "://" in url else str(config.resolve_path(url))


def require_existing(config: Config, db_url: str | None) -> None:
    """Refuse a database that does not exist yet: a mistyped --db must not silently start an
    empty one (and make whoever typed it its manager). `helpdesk init` and `helpdesk demo`
    create one; a PostgreSQL database counts as existing once it holds the schema."""
    # Imported here, not at the top: this module is on the first frame's path (module doc).
    from pathlib import Path

    from helpdesk.errors import UsageError

    target = database_target(config, db_url)
    if "://" not in target:
        path = Path(target).expanduser()
        if not path.is_file():
            raise UsageError("err.db.missing", path=str(path.resolve()))
        return
    # SQLAlchemy only for a server database: a SQLite console paints before it loads
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(target)
    try:
        with engine.connect() as connection:
            present = inspect(connection).has_table("alembic_version")
    except SQLAlchemyError:
        return  # cannot tell here: opening it reports the connection problem itself
    finally:
        engine.dispose()
    if not present:
        raise UsageError("err.db.missing", path=make_url_safe(target))


def make_url_safe(url: str) -> str:
    """A database URL without its password, for messages."""
    # only when a message names a server database (first frame's path: module doc)
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
