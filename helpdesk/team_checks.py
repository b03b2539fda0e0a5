"""`helpdesk doctor` on a team database (storage/team.py): what the server must still
enforce for its audit to mean anything. Read from the catalogue, so any member may ask."""

from __future__ import annotations

from sqlalchemy import text

from helpdesk.doctor_finding import Finding
from helpdesk.services.workspace import Workspace
from helpdesk.storage.team import roles_of
from helpdesk.storage.team_sql import GROUPS, KEY_TABLE

_FIX = "run `helpdesk team setup` again as the PostgreSQL superuser"


def team_findings(ws: Workspace) -> list[Finding]:
    findings: list[Finding] = []
    with ws.db.engine.connect() as connection:
        roles = roles_of(connection)
        groups = [roles.group(role) for role in GROUPS]

        def ask(query: str, **params: object) -> object:
            return connection.execute(text(query), params).scalar()

        foreign = ask("SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c "
                      "JOIN pg_namespace n ON n.oid = c.relnamespace "
                      "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') "
                      "AND pg_get_userbyid(c.relowner) <> :owner", owner=roles.owner)
        findings.append(Finding("error", "team", f"tables not owned by {roles.owner}: "
                                f"{foreign}", _FIX) if foreign else
                        Finding("ok", "team", f"every table is owned by {roles.owner}, "
                                "whom nobody logs in as"))
        readers = [group for group in groups
                   if ask("SELECT has_table_privilege(:role, :table, 'SELECT')",
                          role=group, table=KEY_TABLE)]
        findings.append(Finding("error", "team", f"the audit key is readable by "
                                f"{', '.join(readers)}", _FIX) if readers else
                        Finding("ok", "team", "the audit key is readable by its owner only"))
        writers = [group for group in groups for right in ("INSERT", "UPDATE", "DELETE")
                   if ask("SELECT has_table_privilege(:role, 'audit_log', :right)",
                          role=group, right=right)]
        findings.append(Finding("error", "team", "audit_log can be written directly by "
                                f"{', '.join(sorted(set(writers)))}", _FIX) if writers else
                        Finding("ok", "team", "audit_log is written only by the server's "
                                "helpdesk_audit_append"))
        staff_writers = [group for group in groups if group != roles.group("manager")
                         and ask("SELECT has_table_privilege(:role, 'staff', 'UPDATE')",
                                 role=group)]
        findings.append(Finding("error", "team", "staff can be changed by "
                                f"{', '.join(staff_writers)}", _FIX) if staff_writers else
                        Finding("ok", "team", "staff (who is manager) is changed by managers "
                                "only"))
        guard = ask("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'meta'::regclass "
                    "AND tgname = 'meta_audit_head_guard' AND tgenabled <> 'D'")
        findings.append(Finding("ok", "team", "the chain's kept head is written by the server "
                                "only") if guard else
                        Finding("error", "team", "the trigger guarding the chain's kept head "
                                "(meta_audit_head_guard) is missing or disabled", _FIX))
        superusers = ask("SELECT string_agg(rolname, ', ' ORDER BY rolname) FROM pg_roles r "
                         "WHERE rolcanlogin AND (rolsuper OR pg_has_role(r.oid, :owner, "
                         "'MEMBER')) AND rolname IN (SELECT login FROM staff WHERE active)",
                         owner=roles.owner)
        if superusers:
            findings.append(Finding("warning", "team", f"staff who can bypass the database's "
                                    f"rules (superuser or owner): {superusers}",
                                    "keep administrators out of the staff list"))
    return findings
