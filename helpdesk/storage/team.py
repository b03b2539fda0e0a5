"""A team database on PostgreSQL: the server, not the program, says who acts and keeps the
audit (storage/team_sql.py). Each engineer connects as their own login role (peer
authentication on the local socket lets the kernel vouch for the name); the program asks the
server who it is, writes audit records through `helpdesk_audit_append` and has the chain
checked by `helpdesk_audit_verify`, never seeing the key."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection, make_url

from helpdesk.storage.database import WRITE_LOCK_ID, Database
from helpdesk.storage.team_sql import (
    KEY_TABLE,
    TeamRoles,
    functions_sql,
    grants_sql,
    literal,
    quote,
    roles_sql,
)

if TYPE_CHECKING:
    from sqlmodel import Session


def is_team(db: Database) -> bool:
    """A PostgreSQL database whose audit the server writes (`helpdesk team setup` made it)."""
    if db.is_sqlite:
        return False
    if db.team is None:  # asked once per process
        with db.engine.connect() as connection:
            db.team = connection.execute(text(
                "SELECT to_regprocedure('helpdesk_audit_append(text,text,text,text,text)') "
                "IS NOT NULL")).scalar() is True
    return db.team


def session_login(db: Database) -> str:
    with db.engine.connect() as connection:
        return str(connection.execute(text("SELECT session_user")).scalar())


def roles_of(connection: Connection) -> TeamRoles:
    return TeamRoles(str(connection.execute(text("SELECT current_database()")).scalar()))


def may_administer(connection: Connection) -> bool:
    """A superuser or a member of the owner role: may migrate and set up."""
    roles = roles_of(connection)
    return bool(connection.execute(text(
        "SELECT rolsuper OR pg_has_role(session_user, :owner, 'MEMBER') "
        "FROM pg_roles WHERE rolname = session_user"), {"owner": roles.owner}).scalar())


def become_owner(connection: Connection) -> None:
    """What a migration creates belongs to the owner role, not to the administrator."""
    connection.execute(text(f"SET ROLE {_quoted(roles_of(connection).owner)}"))


def _quoted(name: str) -> str:
    return quote(name)


def run_script(connection: Connection, script: str) -> None:
    """Statements with `%` in them (format('%I')) go to the driver unparsed, in the
    connection's transaction."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(script)
    finally:
        cursor.close()


def regrant(connection: Connection) -> None:
    run_script(connection, grants_sql(roles_of(connection)))


@dataclass(frozen=True)
class SetupPlan:
    roles_sql: str
    functions_sql: str
    grants_sql: str

    @property
    def text(self) -> str:
        return "\n".join([self.roles_sql, "-- as the owner, after `helpdesk` migrated the schema",
                          self.functions_sql, self.grants_sql])


def plan(database: str, manager: str) -> SetupPlan:
    roles = TeamRoles(database)
    return SetupPlan(roles_sql(roles, manager), functions_sql(roles, WRITE_LOCK_ID),
                     grants_sql(roles))


def database_name(db: Database) -> str:
    return make_url(db.url).database or ""


def create_roles(db: Database, steps: SetupPlan) -> None:
    """Cluster-wide roles, the database and its schema handed to the owner, and what the
    schema already holds (a database used before it was a team's) too."""
    with db.engine.connect() as connection:
        run_script(connection, steps.roles_sql)
        run_script(connection, _reassign_tables(roles_of(connection).owner))
        connection.commit()


def install(db: Database, steps: SetupPlan, key: bytes | None) -> None:
    """As the owner, on the migrated schema: the key (the chain's own when it has records),
    the functions and the grants."""
    with db.write_connection() as connection:
        become_owner(connection)
        run_script(connection, steps.functions_sql)
        if not connection.execute(text(f"SELECT count(*) FROM {KEY_TABLE}")).scalar():
            connection.execute(text(f"INSERT INTO {KEY_TABLE} (key) VALUES (:key)"),
                               {"key": key or secrets.token_bytes(32)})
        run_script(connection, steps.grants_sql)
        connection.commit()
    db.team = True


def _reassign_tables(owner: str) -> str:
    return f"""
DO $$ DECLARE o record; BEGIN
  FOR o IN SELECT c.relname, c.relkind FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p')
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER %s %I OWNER TO %I',
      CASE o.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
      o.relname, {literal(owner)});
  END LOOP;
  FOR o IN SELECT p.oid::regprocedure AS f FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public'
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO %I', o.f, {literal(owner)});
  END LOOP;
END $$;
"""


def append(session: Session, actor: str, action: str, entity: str, entity_id: object,
           summary: str) -> tuple[int, str]:
    row = session.execute(
        text("SELECT seq, hash FROM helpdesk_audit_append(:actor, :action, :entity, "
             ":entity_id, :summary)"),
        {"actor": actor, "action": action, "entity": entity, "entity_id": str(entity_id),
         "summary": summary}).one()
    return int(row[0]), str(row[1])


@dataclass(frozen=True)
class ServerVerdict:
    checked: int
    broken_at: int | None
    reason: str
    detail: int


def verify(session: Session) -> ServerVerdict:
    row = session.execute(text(
        "SELECT checked, broken_at, reason, detail FROM helpdesk_audit_verify()")).one()
    return ServerVerdict(int(row[0]), None if row[1] is None else int(row[1]), str(row[2]),
                         int(row[3]))


def grant_staff(session: Session, login: str, role: str) -> None:
    """In the staff change's own transaction: the login role follows the staff row."""
    session.execute(text("SELECT helpdesk_grant_staff(:login, :role)"),
                    {"login": login, "role": role})

