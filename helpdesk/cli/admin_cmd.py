"""Administration: demo, config, staff, audit, backup, doctor, migrate, keys."""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import LIMIT
from helpdesk.cli.common import (
    actor_of,
    add_password_file,
    config_of,
    db_of,
    print_json,
    workspace_of,
)
from helpdesk.errors import UsageError

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    demo = commands.add_parser("demo", parents=[common],
                               help="(re)create the demo database (default: demo.db in the "
                                    "user data directory; `helpdesk config path` prints it)")
    demo.set_defaults(handler=cmd_demo)

    config = commands.add_parser("config", parents=[common], help="configuration file")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    where = config_sub.add_parser(
        "path", parents=[common],
        help="which config file is in force, and where the database, key, backups, calendar "
             "tables, exports and evidence live",
        description="Example: helpdesk config path --json")
    where.add_argument("--json", action="store_true", help="one object, key → path")
    where.set_defaults(handler=cmd_config_path)
    config_sub.add_parser("check", parents=[common], help="validate the configuration"
                          ).set_defaults(handler=cmd_config_check)
    example = config_sub.add_parser(
        "example", parents=[common],
        help="print the documented example config (every key, its default and what it does)",
        description="Example: helpdesk config example > ~/.config/helpdesk/config.toml")
    example.set_defaults(handler=cmd_config_example)

    staff = commands.add_parser("staff", parents=[common], help="who may use the console")
    staff_sub = staff.add_subparsers(dest="staff_command", required=True)
    add = staff_sub.add_parser("add", parents=[common], help="register an OS account")
    add.add_argument("login")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=("engineer", "manager", "auditor",
                                                      "viewer"))
    add.add_argument("--phone", default="")
    add.set_defaults(handler=cmd_staff_add)
    for verb, text in (("deactivate", "stop someone acting (manager; history kept)"),
                       ("reactivate", "let a deactivated person act again (manager)")):
        toggle = staff_sub.add_parser(verb, parents=[common], help=text)
        toggle.add_argument("login")
        toggle.add_argument("--reason", required=True)
        toggle.set_defaults(handler=cmd_staff_active, active=verb == "reactivate")
    listing = staff_sub.add_parser("list", parents=[common],
                                   help="everyone registered, with role and state")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_staff_list)

    audit = commands.add_parser("audit", parents=[common], help="the audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser(
        "verify", parents=[common],
        help="check the HMAC chain, its kept head and anchor (and a printed head)")
    verify.add_argument("--head", default=None, metavar="SEQ:HASH",
                        help="the chain head printed on a signed page (monthly report, "
                             "bulletin, acceptance pack): the database must still hold it")
    verify.set_defaults(handler=cmd_audit_verify)
    reanchor = audit_sub.add_parser(
        "reanchor", parents=[common],
        help="start the anchor file again at the chain's head (a manager, after it was lost)",
        description="Only when the chain itself holds; the act is recorded with its reason. "
                    "Example: helpdesk audit reanchor --reason '迁移主机时锚点文件未随库复制'")
    reanchor.add_argument("--reason", required=True, help="why the anchor was lost")
    reanchor.add_argument("--json", action="store_true", help="print the result as JSON")
    reanchor.set_defaults(handler=cmd_audit_reanchor)
    tail = audit_sub.add_parser("list", parents=[common], help="newest records first")
    tail.add_argument("--limit", type=LIMIT, default=20)
    tail.add_argument("--json", action="store_true")
    tail.set_defaults(handler=cmd_audit_list)

    backup = commands.add_parser("backup", parents=[common],
                                 help="online, integrity-checked copy of the database")
    backup.add_argument("dest", nargs="?", help="a new file (not with --auto)")
    backup.add_argument("--auto", action="store_true",
                        help="today's daily generation in the backup folder, old ones pruned "
                             "(for cron)")
    add_password_file(backup)
    backup.add_argument("--password", action="store_true",
                        help="seal the copy with a password, asked twice at the terminal")
    backup.add_argument("--with-key", action="store_true",
                        help="also write the audit key, sealed with the same password, as DEST.key "
                             "(needs --password: the key never travels in the clear)")
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore", parents=[common],
        help="replace the database with a checked backup (manager; the current one is kept)")
    restore.add_argument("file")
    add_password_file(restore)
    restore.add_argument("--password", action="store_true",
                         help="the backup is sealed: ask its password at the terminal")
    restore.set_defaults(handler=cmd_restore)

    doctor = commands.add_parser("doctor", parents=[common], help="health checks")
    doctor.add_argument("--json", action="store_true")
    doctor.set_defaults(handler=cmd_doctor)

    init = commands.add_parser(
        "init", parents=[common],
        help="create the database (the only command besides demo that may create one); the "
             "account running it becomes its first manager",
        description="Example: helpdesk init --db /srv/helpdesk/helpdesk.db")
    init.add_argument("--json", action="store_true", help="print the result as JSON")
    init.set_defaults(handler=cmd_init)
    commands.add_parser("migrate", parents=[common], help="upgrade the database schema"
                        ).set_defaults(handler=cmd_migrate)
    commands.add_parser("keys", parents=[common], help="key binding ids for [keys] in config"
                        ).set_defaults(handler=cmd_keys)


def cmd_demo(args: argparse.Namespace) -> int:
    from helpdesk.demo.build import (
        is_demo_database,
        lock_unused,
        remove_demo_files,
    )
    from helpdesk.paths import demo_database

    given = db_of(args) or str(demo_database())
    if "://" in given:  # checked on the text: a Path would fold "//" and hide the URL
        return _demo_on_server(args, given)
    target = Path(given)

    if target.exists() and not is_demo_database(target):
        remove_demo_files(target)  # refuses, naming the file
    held = lock_unused(target)  # refuses while a console or command has it open
    try:
        counts = _build_demo_file(args, target)
    finally:
        if held is not None:
            os.close(held)
    print(f"demo database: {target}  " + "  ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


def _build_demo_file(args: argparse.Namespace, target: Path) -> dict[str, int]:
    """Built beside the target and renamed when complete: a failure leaves no half a
    database."""
    from helpdesk.app.opening import open_workspace
    from helpdesk.clock import FrozenClock, clock_from_env
    from helpdesk.demo.build import build_demo, remove_demo_files

    building = target.with_name(f".{target.name}.building")
    remove_demo_files(building)
    clock = FrozenClock(clock_from_env().now())
    try:
        ws = open_workspace(config_of(args), str(building), clock=clock, durable=False)
        try:
            counts = build_demo(ws, clock)
            key = ws.db.key_path
        finally:
            ws.db.dispose()
            building.with_name(building.name + ".lock").unlink(missing_ok=True)
    except BaseException:
        for suffix in ("", "-wal", "-shm", ".key", ".key.anchor"):
            building.with_name(building.name + suffix).unlink(missing_ok=True)
        raise
    remove_demo_files(target)
    os.replace(building, target)
    if key == building.with_name(building.name + ".key"):
        os.replace(key, target.with_name(target.name + ".key"))
        anchor = building.with_name(building.name + ".key.anchor")
        if anchor.exists():
            os.replace(anchor, target.with_name(target.name + ".key.anchor"))
    return counts


def _demo_on_server(args: argparse.Namespace, url: str) -> int:
    """The demo in a server database (PostgreSQL): emptied first if it holds an earlier demo,
    refused if it holds anything else; a failure leaves it empty, never half built."""
    from helpdesk.app.opening import open_workspace
    from helpdesk.clock import FrozenClock, clock_from_env
    from helpdesk.demo.build import build_demo, clear_demo_server
    from helpdesk.services.workspace import db_label
    from helpdesk.storage.database import Database

    config = config_of(args)
    key_path = (config.resolve_path(config.security.audit_key_file)
                if config.security.audit_key_file else Database.server_key_path(url))
    clear_demo_server(url, key_path)
    clock = FrozenClock(clock_from_env().now())
    ws = open_workspace(config, url, clock=clock, durable=False)
    try:
        counts = build_demo(ws, clock)
        label = db_label(ws)
    except BaseException:
        ws.db.dispose()
        clear_demo_server(url, key_path)
        raise
    ws.db.dispose()
    print(f"demo database: {label}  " + "  ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


def cmd_config_path(args: argparse.Namespace) -> int:
    from helpdesk.app.where import described, locations
    from helpdesk.config.locate import find_config_file
    from helpdesk.i18n import set_locale

    _path, how = find_config_file(args.config)
    config = config_of(args)
    set_locale(config.ui.locale)
    found = locations(config, db_of(args), how, args.db)
    if args.json:
        print_json({**{location.key: location.place for location in found},
                    "set_by": {location.key: location.set_by for location in found},
                    "set_at": {location.key: location.set_at for location in found
                               if location.set_at}})
        return 0
    for location in found:
        print(described(location, config))
    return 0


def cmd_config_check(args: argparse.Namespace) -> int:
    from helpdesk.config.locate import find_config_file

    config_of(args)
    path, _how = find_config_file(args.config)
    print(f"{path or '(built-in defaults)'}: ok")
    return 0


def cmd_config_example(args: argparse.Namespace) -> int:
    from helpdesk.config.shipped import shipped

    path = shipped("config.toml")
    if path is None:
        raise UsageError("err.config.no_example")
    sys.stdout.write(path.read_text(encoding="utf-8"))
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    from helpdesk.app.staff import add_staff

    ws = workspace_of(args)
    added = add_staff(ws, actor_of(ws), args.login, args.name, args.role, args.phone)
    print(f"added {added.login} ({added.name}, {added.role})")
    return 0


def cmd_staff_active(args: argparse.Namespace) -> int:
    from helpdesk.app.staff import set_active

    ws = workspace_of(args)
    row = set_active(ws, actor_of(ws), args.login, args.active, args.reason)
    print(f"{row.login}: {'active' if row.active else 'inactive'}")
    return 0


def cmd_staff_list(args: argparse.Namespace) -> int:
    from helpdesk.app.staff_views import list_staff
    from helpdesk.masking import mask_phone

    ws = workspace_of(args)
    rows = list_staff(ws, actor_of(ws))
    if args.json:
        print_json([{**asdict(row), "phone": mask_phone(row.phone)} for row in rows])
        return 0
    for row in rows:
        state = "" if row.active else "  (inactive)"
        print(f"{row.login:<12} {row.role:<9} {row.name}{state}")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from helpdesk.services.audit_log import PrintedHead, verify_chain

    printed = PrintedHead.parse(args.head) if args.head else None
    from helpdesk.i18n import t

    def progress(checked: int) -> None:  # a million records take seconds: say how far
        sys.stderr.write("\r" + t("audit.verify_progress", records=f"{checked:,}"))
        sys.stderr.flush()

    report = verify_chain(workspace_of(args), printed,
                          progress=progress if sys.stderr.isatty() else None)
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
    if report.ok:
        print(t("audit.verify_ok", records=report.checked)
              + (t("audit.verify_ok_head", head=args.head) if printed else ""))
        return 0
    print(t("audit.verify_broken", seq=report.broken_at, reason=report.reason,
            records=report.checked), file=sys.stderr)
    return 1


def cmd_audit_reanchor(args: argparse.Namespace) -> int:
    from helpdesk.i18n import t
    from helpdesk.services.audit_log import reanchor

    ws = workspace_of(args)
    done = reanchor(ws, actor_of(ws), args.reason)
    if args.json:
        print_json({"seq": done.seq, "hash": done.hash, "previous": done.previous})
    else:
        print(t("audit.reanchored", head=f"{done.seq}:{done.hash[:16]}",
                previous=done.previous))
    return 0


def cmd_audit_list(args: argparse.Namespace) -> int:
    from helpdesk.app.audit_feed import list_audit

    ws = workspace_of(args)
    rows = list_audit(ws, actor_of(ws), limit=args.limit)
    if args.json:
        import json

        # The summary is stored as JSON text; scripts get it as the object it is, its
        # instants in the one form (records written before it was so kept some in UTC).
        print_json([AuditJson(**{**asdict(row),
                                  "summary": _instants(json.loads(row.summary or "{}"))})
                    for row in rows])
        return 0
    zone = ws.hours.zone
    for row in rows:
        print(f"{row.seq:>6} {row.at.astimezone(zone):%Y-%m-%d %H:%M:%S} {row.actor:<10} "
              f"{row.action:<16} {row.entity}#{row.entity_id} {row.summary}")
    return 0


@dataclass(frozen=True)
class AuditJson:
    """A record as `audit list --json` prints it (docs/json/audit-list.schema.json is written
    from this): the summary is an object whose keys depend on the action."""

    seq: int
    at: datetime
    actor: str
    os_user: str
    action: str
    entity: str
    entity_id: str
    summary: dict[str, Any]
    reference: str
    actor_name: str  # the person's name ("" for a login no longer registered, or "system")


_STORED_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)")


def _instants(value: Any) -> Any:
    """Every string of a stored summary that is an instant with its offset, as a datetime,
    so the printer shows it like every other instant (+08:00)."""
    if isinstance(value, dict):
        return {key: _instants(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_instants(item) for item in value]
    if isinstance(value, str) and _STORED_INSTANT.fullmatch(value):
        return datetime.fromisoformat(value)
    return value


def cmd_backup(args: argparse.Namespace) -> int:
    from helpdesk.roles import require
    from helpdesk.services.workspace import change
    from helpdesk.storage.backup import backup_sqlite

    ws = workspace_of(args)
    actor = actor_of(ws)  # an unknown account is refused here
    require(actor.role, "backup", actor.login)
    if args.auto:
        from helpdesk.app.backups import daily_backup, newest_backup

        taken = daily_backup(ws, actor)
        newest = newest_backup(ws)
        print(f"daily backup: {taken or (newest[1] if newest else '-')}")
        return 0
    if not args.dest:

        raise UsageError("backup.dest_or_auto")
    from helpdesk.cli.password import ask_password
    from helpdesk.services.file_export import database_files

    if args.with_key and not args.password:  # before asking for anything
        raise UsageError("err.backup.key_needs_password")
    password = ask_password(args) if args.password else None
    destination = backup_sqlite(ws.db, Path(args.dest), with_key=args.with_key,
                                password=password, key=ws.audit_key,
                                protected=database_files(ws))
    with change(ws, actor, "backup") as tx:
        tx.record("database.backup", "database", destination.name,
                  after={"file": str(destination), "with_key": args.with_key,
                         "sealed": password is not None})
    print(f"backup written and integrity-checked: {destination}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from helpdesk.app.backups import restore
    from helpdesk.cli.password import ask_existing_password

    ws = workspace_of(args)
    actor = actor_of(ws)
    password = ask_existing_password(args) if args.password else None
    reopened, result = restore(ws, actor, Path(args.file), password)
    reopened.db.dispose()
    print(f"restored from {result.restored_from} ({result.records} audit records verified); "
          f"the replaced database is kept as {result.kept_as}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from helpdesk.app.where import described, locations
    from helpdesk.config.locate import find_config_file
    from helpdesk.doctor import run_checks
    from helpdesk.host_checks import unopenable

    try:
        ws = workspace_of(args)
        _path, how = find_config_file(args.config)
        where = [described(location, ws.config)
                 for location in locations(ws.config, db_of(args), how, args.db)
                 if location.key not in ("user_data", "demo")]
        findings = run_checks(ws, where)
    except OSError as err:  # the database's own files stop the opening: that is the finding
        findings = [unopenable(err)]
    if args.json:
        print_json([asdict(finding) for finding in findings])
    else:
        marks = {"ok": "ok  ", "warning": "WARN", "error": "FAIL"}
        for finding in findings:
            print(f"[{marks[finding.level]}] {finding.check}: {finding.message}")
            if finding.fix:
                print(f"       fix: {finding.fix}")
    return 1 if any(finding.level == "error" for finding in findings) else 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from helpdesk.storage.migrate import current_revision

    ws = workspace_of(args)
    print(f"schema at revision {current_revision(ws.db)}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Create the database (schema, audit key, the caller as its first manager); an existing
    one is left as it is."""
    from helpdesk.app.opening import open_workspace
    from helpdesk.i18n import set_locale, t
    from helpdesk.services.workspace import db_label
    from helpdesk.storage.target import require_existing

    config = config_of(args)
    set_locale(config.ui.locale)
    try:
        require_existing(config, db_of(args))
        existed = True
    except UsageError:
        existed = False
    ws = open_workspace(config, db_of(args))
    try:
        label = db_label(ws)
        manager = actor_of(ws).login if not existed else ""
    finally:
        ws.db.dispose()
    if args.json:
        print_json({"database": label, "created": not existed, "manager": manager or None})
    elif existed:
        print(t("init.existed", path=label))
    else:
        print(t("init.created", path=label, login=manager))
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    from helpdesk.i18n import set_locale, t
    from helpdesk.keymap import ALL_KEYS

    config = config_of(args)
    set_locale(config.ui.locale)
    for spec in ALL_KEYS.values():
        key = config.keys.get(spec.id, spec.key)
        print(f"{spec.id:<18} {key:<20} {t(spec.label)}")
    return 0
