"""`helpdesk doctor`: is this installation healthy? Each finding says how to fix it."""

from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import text

from helpdesk.app.backups import backup_alarm, backup_problem
from helpdesk.app.calendar_store import stored_tables
from helpdesk.app.calendar_sync import calendar_years
from helpdesk.doctor_finding import Finding, Level
from helpdesk.errors import HelpdeskError
from helpdesk.host_checks import host_findings
from helpdesk.services.audit_log import kept_chain
from helpdesk.services.workspace import Workspace
from helpdesk.storage.migrate import current_revision
from helpdesk.storage.revisions import head_revision
from helpdesk.team_checks import team_findings
from helpdesk.terminal_checks import terminal_findings

__all__ = ["Finding", "Level", "run_checks"]


def _private(path: Path, what: str) -> Finding:
    if not path.exists():
        return Finding("ok", "permissions", f"{what}: {path} (not created yet)")
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return Finding("error", "permissions", f"{what} {path} is mode {mode:o}, readable by "
                       "others", f"chmod 600 {path}")
    return Finding("ok", "permissions", f"{what} {path} is mode {mode:o}")


AUDIT_TRIGGERS = {"sqlite": {"audit_log_no_update", "audit_log_no_delete"},
                  "postgresql": {"audit_log_append_only", "audit_log_no_truncate"}}


def _trigger_finding(ws: Workspace) -> Finding:
    """The triggers that make audit_log append-only must still be there."""
    dialect = ws.db.engine.dialect.name
    query = ("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
             if dialect == "sqlite" else
             "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass "
             "AND NOT tgisinternal AND tgenabled <> 'D'")  # a disabled trigger is none
    with ws.db.engine.connect() as connection:
        present = {row[0] for row in connection.execute(text(query))}
    missing = sorted(AUDIT_TRIGGERS.get(dialect, set()) - present)
    if missing:
        return Finding("error", "audit", f"audit_log triggers missing or disabled: "
                       f"{', '.join(missing)} "
                       "(the log can be edited or cut)", "restore from a backup and report it")
    return Finding("ok", "audit", "audit_log is append-only (triggers present)")


def _calendar_findings(ws: Workspace) -> list[Finding]:
    """Per year from the contract's start to next year: where its data comes from, how many
    stored deadlines are provisional, and whether they were computed on the current data."""

    findings: list[Finding] = []
    this_year = ws.now().astimezone(ws.hours.zone).year
    load = f"helpdesk calendar load {ws.calendar.display_path(this_year + 1)}"
    for row in calendar_years(ws):
        message = row.line()
        if row.status == "broken":
            findings.append(Finding("error", "calendar", message,
                                    f"helpdesk calendar load {ws.calendar.table_path(row.year)} "
                                    "(a corrected table)"))
        elif row.status == "missing":
            findings.append(Finding("error" if row.year <= this_year else "warning", "calendar",
                                    message, load.replace(str(this_year + 1), str(row.year))))
        elif row.status == "estimate":
            findings.append(Finding("warning", "calendar", message,
                                    load.replace(str(this_year + 1), str(row.year))))
        elif not row.in_sync:
            findings.append(Finding("warning", "calendar", message,
                                    "helpdesk calendar recompute"))
        else:
            findings.append(Finding("ok", "calendar", message))
    return findings + _unloaded_tables(ws)


def _unloaded_tables(ws: Workspace) -> list[Finding]:
    """A table file in the folder is only an input: say so when the database counts on
    something else for its year (the file was never loaded, or changed since)."""

    folder = ws.config.resolve_path(ws.config.calendar.local_tables_dir)
    stored = stored_tables(ws.db)
    findings: list[Finding] = []
    for path in sorted(folder.glob("[0-9][0-9][0-9][0-9].toml")) if folder.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = None
        if text != stored.get(int(path.stem)):
            findings.append(Finding("warning", "calendar", f"{path} is not the {path.stem} "
                                    "table the database counts on (never loaded, or changed "
                                    "since)", f"helpdesk calendar load {path}"))
    return findings


def run_checks(ws: Workspace, where: Sequence[str] = ()) -> list[Finding]:
    """`where`: each place as `app/where.described` says it (which file set it), first."""
    findings: list[Finding] = [Finding("ok", "where", line) for line in where]
    db = ws.db
    try:
        with db.engine.connect() as connection:
            if db.is_sqlite:
                result = connection.exec_driver_sql("PRAGMA quick_check").scalar()
                findings.append(Finding("ok" if result == "ok" else "error", "quick_check",
                                        f"SQLite quick_check: {result}",
                                        "" if result == "ok" else
                                        "restore the latest `helpdesk backup` copy"))
                orphans = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                findings.append(Finding(
                    "error" if orphans else "ok", "foreign_keys",
                    f"{len(orphans)} rows break foreign keys" if orphans
                    else "foreign keys consistent",
                    "inspect with `PRAGMA foreign_key_check`" if orphans else ""))
                journal = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
                findings.append(Finding("ok" if journal == "wal" else "error", "journal",
                                        f"journal_mode={journal}",
                                        "" if journal == "wal" else "open once with helpdesk"))
            else:
                connection.execute(text("SELECT 1"))
                findings.append(Finding("ok", "connect", "PostgreSQL answers"))
    except Exception as err:  # the point of doctor is to report, not to crash
        findings.append(Finding("error", "connect", f"cannot open the database: {err}",
                                "check --db / config.toml [database] url"))
        return findings
    revision, head = current_revision(db), head_revision()
    findings.append(Finding("ok" if revision == head else "error", "schema",
                            f"schema revision {revision} (current {head})",
                            "" if revision == head else "run `helpdesk migrate`"))
    try:

        with db.read() as session:
            report = kept_chain(ws, session)
        if report.ok:
            findings.append(Finding("ok", "audit",
                                    f"audit chain intact ({report.checked} records)"))
        else:
            findings.append(Finding("error", "audit",
                                    f"audit chain broken at record {report.broken_at}: "
                                    f"{report.reason}",
                                    "compare with a backup; report it to the project manager"))
    except HelpdeskError as err:
        findings.append(Finding("error", "audit", str(err), "restore the key file"))
    findings.append(_trigger_finding(ws))

    problem = backup_problem(ws)
    if problem:
        findings.append(Finding("warning", "backup", problem, "helpdesk backup --auto"))
    alarm = backup_alarm(ws)  # this command's own try at today's copy failed
    if alarm:
        findings.append(Finding("error", "backup", alarm, "helpdesk backup --auto"))
    findings += _calendar_findings(ws)

    findings += host_findings(ws)
    findings += terminal_findings()
    if db.path is not None:
        findings.append(_private(db.path, "database"))
    if ws.team:

        findings += team_findings(ws)
    else:
        findings.append(_private(db.key_path, "audit key"))
    return findings
