"""The SQL that makes a PostgreSQL database a team database: group roles named after the
database, the tables owned by a role nobody logs in as, the audit written by the server
(`session_user`, the server's clock, a key only the owner reads) and staff changes that grant
or revoke the matching role. Pure text: storage/team.py runs it, `helpdesk team setup --sql`
prints it for a DBA to read first."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The staff roles of roles.py, each a NOLOGIN group; a manager is also an engineer and an
# auditor. Every group reads every table but the key; the audit log is written only by
# helpdesk_audit_append, the staff table only by managers.
GROUPS = ("viewer", "auditor", "engineer", "manager")
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,47}$")


@dataclass(frozen=True)
class TeamRoles:
    database: str

    def __post_init__(self) -> None:
        if not _NAME.match(self.database):
            raise ValueError(self.database)

    @property
    def owner(self) -> str:
        return f"{self.database}_owner"

    def group(self, role: str) -> str:
        return f"{self.database}_{role}"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def roles_sql(roles: TeamRoles, manager: str) -> str:
    """Cluster-wide: the owner and the groups (made once; a second run changes nothing), the
    first manager's login role, the database handed to the owner."""
    lines = [_create_role(roles.owner, "NOLOGIN CREATEROLE")]
    lines += [_create_role(roles.group(role), "NOLOGIN") for role in GROUPS]
    lines += [f"GRANT {quote(roles.group('viewer'))} TO {quote(roles.group('auditor'))};",
              f"GRANT {quote(roles.group('viewer'))} TO {quote(roles.group('engineer'))};",
              f"GRANT {quote(roles.group('engineer'))} TO {quote(roles.group('manager'))};",
              f"GRANT {quote(roles.group('auditor'))} TO {quote(roles.group('manager'))};",
              _create_role(manager, "LOGIN"),
              f"GRANT {quote(roles.group('manager'))} TO {quote(manager)};",
              f"ALTER DATABASE {quote(roles.database)} OWNER TO {quote(roles.owner)};",
              f"REVOKE ALL ON DATABASE {quote(roles.database)} FROM PUBLIC;",
              f"GRANT CONNECT, TEMPORARY ON DATABASE {quote(roles.database)} "
              f"TO {quote(roles.group('viewer'))};",
              f"ALTER SCHEMA public OWNER TO {quote(roles.owner)};",
              "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
              "CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA public;"]
    return "\n".join(lines) + "\n"


def _create_role(name: str, options: str) -> str:
    # Roles are cluster-wide and two setups may race: a duplicate is the same role.
    return ("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
            f"{literal(name)}) THEN CREATE ROLE {quote(name)} {options}; END IF; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$;")


KEY_TABLE = "audit_secret"

# The record's HMAC over the same JSON text as helpdesk/audit.py's _digest (to_json escapes
# strings as Python's json.dumps(ensure_ascii=False) does), so either side checks the other.
_DIGEST = """
CREATE OR REPLACE FUNCTION helpdesk_audit_digest(k bytea, r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $f$
  SELECT encode(hmac(convert_to('[' || r.seq::text || ','
    || to_json(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00')::text
    || ',' || to_json(r.actor)::text || ',' || to_json(r.os_user)::text
    || ',' || to_json(r.action)::text || ',' || to_json(r.entity)::text
    || ',' || to_json(r.entity_id)::text || ',' || to_json(r.summary)::text
    || ',' || to_json(r.prev_hash)::text || ']', 'UTF8'), k, 'sha256'), 'hex')
$f$;
CREATE OR REPLACE FUNCTION helpdesk_audit_head_mac(k bytea, s bigint, h text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $f$
  SELECT encode(hmac(convert_to('anchor:' || s::text || ':' || h, 'UTF8'), k, 'sha256'), 'hex')
$f$;
"""

# Who acted is the session's login role, its staff row active; only the owner (setup,
# upgrades) may name another actor. The instant is the server's. Writers are serialised by
# the lock storage/database.py takes, taken here too for a caller who did not.
_APPEND = """
CREATE OR REPLACE FUNCTION helpdesk_audit_append(p_actor text, p_action text, p_entity text,
    p_entity_id text, p_summary text) RETURNS TABLE (seq bigint, hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  k bytea; r audit_log; who text;
BEGIN
  PERFORM pg_advisory_xact_lock({lock});
  IF pg_has_role(session_user, {owner}, 'MEMBER') THEN
    who := p_actor;
  ELSE
    SELECT s.login INTO who FROM staff s WHERE s.login = session_user AND s.active;
    IF who IS NULL THEN
      RAISE EXCEPTION 'helpdesk: % is not active staff of this database', session_user
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  SELECT key INTO k FROM {key_table};
  SELECT a.seq, a.hash INTO r.seq, r.prev_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
  r.seq := coalesce(r.seq, 0) + 1;
  r.prev_hash := coalesce(r.prev_hash, repeat('0', 64));
  r.at := date_trunc('microseconds', clock_timestamp());
  r.actor := left(who, 64); r.os_user := left(session_user, 64);
  r.action := left(p_action, 64); r.entity := left(p_entity, 32);
  r.entity_id := left(p_entity_id, 64); r.summary := p_summary;
  r.hash := helpdesk_audit_digest(k, r);
  INSERT INTO audit_log (seq, at, actor, os_user, action, entity, entity_id, summary,
                         prev_hash, hash)
  VALUES (r.seq, r.at, r.actor, r.os_user, r.action, r.entity, r.entity_id, r.summary,
          r.prev_hash, r.hash);
  INSERT INTO meta (key, value) VALUES ('audit_head', json_build_object('seq', r.seq,
      'hash', r.hash, 'mac', helpdesk_audit_head_mac(k, r.seq, r.hash))::text)
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
  RETURN QUERY SELECT r.seq::bigint, r.hash::text;
END $f$;
"""

# The walk of audit.verify, on the server (the key never leaves it): how many records hold,
# where the chain breaks and why, as codes the caller words (audit.reason_*).
_VERIFY = """
CREATE OR REPLACE FUNCTION helpdesk_audit_verify() RETURNS TABLE (checked bigint,
    broken_at bigint, reason text, detail bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  k bytea; r audit_log; expected bigint := 1; previous text := repeat('0', 64);
  n bigint := 0; head json; head_seq bigint; head_hash text;
BEGIN
  SELECT key INTO k FROM {key_table};
  SELECT value::json INTO head FROM meta WHERE key = 'audit_head';
  FOR r IN SELECT * FROM audit_log ORDER BY audit_log.seq LOOP
    IF r.seq <> expected THEN
      RETURN QUERY SELECT n, expected, 'gap', r.seq::bigint; RETURN;
    END IF;
    IF r.prev_hash <> previous THEN
      RETURN QUERY SELECT n, r.seq::bigint, 'link', 0::bigint; RETURN;
    END IF;
    IF r.hash <> helpdesk_audit_digest(k, r) THEN
      RETURN QUERY SELECT n, r.seq::bigint, 'edited', 0::bigint; RETURN;
    END IF;
    previous := r.hash; expected := expected + 1; n := n + 1;
  END LOOP;
  IF n > 0 AND head IS NULL THEN
    RETURN QUERY SELECT n, n, 'head_missing', 0::bigint; RETURN;
  END IF;
  IF head IS NOT NULL THEN
    head_seq := (head->>'seq')::bigint; head_hash := head->>'hash';
    IF coalesce(head->>'mac', '') <> helpdesk_audit_head_mac(k, head_seq, head_hash) THEN
      RETURN QUERY SELECT n, n, 'head_invalid', 0::bigint; RETURN;
    END IF;
    IF n < head_seq THEN
      RETURN QUERY SELECT n, n + 1, 'cut', head_seq; RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM audit_log a WHERE a.seq = head_seq AND a.hash = head_hash) THEN
      RETURN QUERY SELECT n, head_seq, 'replaced_head', head_seq; RETURN;
    END IF;
  END IF;
  RETURN QUERY SELECT n, NULL::bigint, ''::text, 0::bigint;
END $f$;
"""

# A manager's staff change, made in the database too: the login role is created when new,
# given the group of its staff role, or no group at all when deactivated (it can then open
# nothing). Roles outside this database's staff (superusers, the owner) are never touched.
_GRANT_STAFF = """
CREATE OR REPLACE FUNCTION helpdesk_grant_staff(p_login text, p_role text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE g text;
BEGIN
  IF NOT pg_has_role(session_user, {manager}, 'MEMBER') THEN
    RAISE EXCEPTION 'helpdesk: only a manager changes staff'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF EXISTS (SELECT FROM pg_roles r WHERE r.rolname = p_login
             AND (r.rolsuper OR pg_has_role(r.oid, {owner}, 'MEMBER'))) THEN
    RAISE EXCEPTION 'helpdesk: % is an administrator role', p_login
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = p_login) THEN
    EXECUTE format('CREATE ROLE %I LOGIN', p_login);
  END IF;
  FOREACH g IN ARRAY ARRAY[{groups}] LOOP
    EXECUTE format('REVOKE %I FROM %I', g, p_login);
  END LOOP;
  IF p_role <> '' THEN
    EXECUTE format('GRANT %I TO %I', {prefix} || p_role, p_login);
  END IF;
END $f$;
"""


# The chain's kept head (meta 'audit_head') is the append function's to write: members may
# change the rest of meta, not that row.
_GUARD_HEAD = """
CREATE OR REPLACE FUNCTION helpdesk_guard_head() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
BEGIN
  IF ((TG_OP <> 'DELETE' AND NEW.key = 'audit_head')
      OR (TG_OP <> 'INSERT' AND OLD.key = 'audit_head'))
     AND current_user <> {owner} THEN
    RAISE EXCEPTION 'helpdesk: the audit head is written by helpdesk_audit_append only'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $f$;
DROP TRIGGER IF EXISTS meta_audit_head_guard ON meta;
CREATE TRIGGER meta_audit_head_guard BEFORE INSERT OR UPDATE OR DELETE ON meta
  FOR EACH ROW EXECUTE FUNCTION helpdesk_guard_head();
"""


def functions_sql(roles: TeamRoles, lock_id: int) -> str:
    groups = ", ".join(literal(roles.group(role)) for role in GROUPS)
    return "\n".join([
        f"CREATE TABLE IF NOT EXISTS {KEY_TABLE} (key bytea NOT NULL);",
        _DIGEST,
        _APPEND.format(lock=lock_id, owner=literal(roles.owner), key_table=KEY_TABLE),
        _VERIFY.format(key_table=KEY_TABLE),
        _GUARD_HEAD.format(owner=literal(roles.owner)),
        _GRANT_STAFF.format(manager=literal(roles.group("manager")),
                            owner=literal(roles.owner), groups=groups,
                            prefix=literal(roles.database + "_")),
    ])


def grants_sql(roles: TeamRoles) -> str:
    """Privileges on every table there is now: run again after each upgrade."""
    viewer, auditor = quote(roles.group("viewer")), quote(roles.group("auditor"))
    engineer, manager = quote(roles.group("engineer")), quote(roles.group("manager"))
    everyone = f"{viewer}, {auditor}, {engineer}, {manager}"
    return "\n".join([
        f"GRANT USAGE ON SCHEMA public TO {viewer};",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {everyone};",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {viewer};",
        f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {engineer};",
        f"REVOKE ALL ON {KEY_TABLE} FROM PUBLIC, {everyone};",
        f"REVOKE INSERT, UPDATE, DELETE ON audit_log, staff, alembic_version FROM {engineer};",
        f"GRANT INSERT, UPDATE ON staff TO {manager};",
        # The working-day tables every deadline counts on: a manager's to load.
        f"REVOKE INSERT, UPDATE, DELETE ON calendar_year FROM {engineer};",
        f"GRANT INSERT, UPDATE ON calendar_year TO {manager};",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {engineer};",
        "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;",
        # pgcrypto's own functions stay callable; ours are granted by name below.
        "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC;",
        "REVOKE ALL ON FUNCTION helpdesk_audit_append(text, text, text, text, text), "
        "helpdesk_audit_verify(), helpdesk_grant_staff(text, text) FROM PUBLIC;",
        f"GRANT EXECUTE ON FUNCTION helpdesk_audit_append(text, text, text, text, text) "
        f"TO {engineer};",
        f"GRANT EXECUTE ON FUNCTION helpdesk_audit_verify() TO {viewer};",
        f"GRANT EXECUTE ON FUNCTION helpdesk_grant_staff(text, text) TO {manager};",
    ]) + "\n"
