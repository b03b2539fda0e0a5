"""Which database a command means (--db, HELPDESK_DB or the config) and whether it exists:
decided before the console starts, so this module imports neither the models nor the
services (they would sit on the first frame's path)."""

from __future__ import annotations

from helpdesk.config import Config


def database_target(config: Config, db_url: str | None) -> str:
    """--db/HELPDESK_DB as given (relative to the working folder), else the config's url
    (a relative path there is relative to the config file)."""
    url = db_url or config.database.url
    if "://" not in url:
        return url if db_url else str(config.resolve_path(url))
    _check_url(url)
    return url


SCHEMES = ("sqlite", "postgresql", "postgresql+psycopg")


def _check_url(url: str) -> None:
    """A URL names an engine this program drives, and its driver is installed: anything else
    (a pasted sentence, mysql://) is a usage error with the forms that work."""
    # Imported here, not at the top: this module is on the first frame's path (module doc).
    from importlib.util import find_spec

    from helpdesk.errors import UsageError

    scheme = url.partition("://")[0].lower()
    if scheme not in SCHEMES:
        shown = url if len(url) <= 80 else url[:77] + "..."
        raise UsageError("err.db.unsupported_url", url=shown, schemes=", ".join(SCHEMES))
    if scheme.startswith("postgresql") and find_spec("psycopg") is None:
        raise UsageError("err.db.needs_postgres")


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
