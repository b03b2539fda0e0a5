"""`helpdesk demo`: a realistic, deterministic demo database for 福田区信访局, relative to today.

Everything is created through the service functions, so the demo carries a real audit trail.
Later capabilities extend `build_demo` with their own records."""

from __future__ import annotations

import fcntl
import os
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from helpdesk.actor import Actor
from helpdesk.app import staff as staff_service
from helpdesk.clock import MARK_KEY, MARK_VALUE, FrozenClock
from helpdesk.contract.payment_steps import record_payment_step
from helpdesk.demo.cases import build_demo_cases, build_urging_history
from helpdesk.demo.inspection import build_inspection_demo
from helpdesk.demo.questions import build_question_demo
from helpdesk.demo.roster import build_roster_demo, build_roster_history
from helpdesk.demo.security import (
    build_deliverables_demo,
    build_network_demo,
    build_register_demo,
    build_security_demo,
)
from helpdesk.demo.services import (
    build_inventory_demo,
    build_oplog_demo,
    build_proxy_demo,
    build_ranking_demo,
    build_requirement_demo,
)
from helpdesk.demo.training import build_training_demo
from helpdesk.errors import UsageError
from helpdesk.services import units as unit_service
from helpdesk.services.service_years import renew, service_years, year_of
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.models import Meta

SEED = 20261124

STREETS = (
    "园岭街道", "南园街道", "福田街道", "沙头街道", "香蜜湖街道",
    "梅林街道", "莲花街道", "华富街道", "福保街道", "华强北街道",
)
DEPARTMENTS = (
    "区信访局", "区人力资源局", "区住房和建设局", "区教育局", "区卫生健康局",
    "区市场监督管理局", "区城市管理和综合执法局", "区民政局", "区司法局",
    "区规划土地监察局", "区财政局", "区应急管理局", "区退役军人事务局", "区国资局",
)
CONTACT_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
ENGINEERS = (
    ("wangjg", "王建国", "engineer"),
    ("lixy", "李晓燕", "engineer"),
    ("chenzq", "陈志强", "engineer"),
    ("zhaomin", "赵敏", "auditor"),
)


def is_demo_database(path: Path) -> bool:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return bool(row and row[0] == "1")


def lock_unused(path: Path) -> int | None:
    """An exclusive hold on an existing demo database's lock (every console and command holds
    a shared one, storage/database.py), or a usage error naming who has it open: replacing a
    database under a running console would lose what it goes on writing (issue 34)."""
    if not path.exists():
        return None
    lock = os.open(path.with_name(path.name + ".lock"), os.O_RDONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock)
        raise UsageError("err.demo.in_use", path=path, who=_who(path) or "?") from None
    return lock


def _who(path: Path) -> str:
    """The consoles the database lists as open (their login and host), for the message."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute(
                "SELECT DISTINCT login, host FROM console_session ORDER BY login").fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return ""
    return ", ".join(f"{login}@{host}" if host else login for login, host in rows)


def remove_demo_files(path: Path) -> None:
    """Delete an earlier demo database (never anything else) so the demo starts fresh."""
    if path.exists() and not is_demo_database(path):
        raise UsageError("err.demo.not_demo_database", path=path)
    for suffix in ("", "-wal", "-shm", ".key", ".key.anchor", ".lock"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            candidate.unlink()


def clear_demo_server(url: str, key_path: Path) -> None:
    """Empty a server database for the demo: only one that is empty or holds an earlier demo
    (never anything else), with its audit key, so the new chain starts fresh."""

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            tables = inspect(connection).get_table_names()
            if tables:
                marked = "meta" in tables and connection.execute(
                    text("SELECT value FROM meta WHERE key = 'demo'")).scalar() == "1"
                if not marked:
                    raise UsageError("err.demo.not_demo_database",
                                     path=make_url(url).render_as_string(hide_password=True))
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    for suffix in ("", ".anchor"):
        key_path.with_name(key_path.name + suffix).unlink(missing_ok=True)


def build_demo(ws: Workspace, clock: FrozenClock | None = None) -> dict[str, int]:
    """Everything through the services. `clock` is the workspace's own frozen clock, which the
    desk's timeline moves (open the workspace with it); without one, no desk data is made."""
    rng = random.Random(SEED)
    manager = resolve_actor(ws)
    with ws.db.write() as session:
        session.add(Meta(key="demo", value="1"))
        session.add(Meta(key=MARK_KEY, value=MARK_VALUE))  # HELPDESK_NOW may freeze it
    renewals = build_service_years(ws, manager)
    for login, name, role in ENGINEERS:
        staff_service.add_staff(ws, manager, login, name, role, phone=_phone(rng))
    engineer = Actor("wangjg", "王建国", "engineer")
    units = []
    for index, name in enumerate(STREETS, start=1):
        contact = rng.choice(CONTACT_SURNAMES) + rng.choice(("主任", "科长", "干事"))
        units.append(unit_service.add_unit(ws, manager, f"S{index:02d}", name, "street", contact))
    for index, name in enumerate(DEPARTMENTS, start=1):
        contact = rng.choice(CONTACT_SURNAMES) + rng.choice(("科长", "干事", "股长"))
        units.append(unit_service.add_unit(ws, manager, f"D{index:02d}", name, "department",
                                           contact))
    # An everyday correction, so the audit trail shows an edit by an engineer.
    first = units[0]
    unit_service.update_unit(ws, engineer, first.id, first.version, name=first.name,
                             kind=first.kind, contact=first.contact + "（新）")
    counts = {"staff": len(ENGINEERS) + 1, "units": len(units), "renewals": renewals}

    on_duty = [Actor(login, name, role) for login, name, role in ENGINEERS
               if role in ws.config.roster.roles_on_duty]
    counts["security_exams"] = build_security_demo(ws, manager, on_duty)

    counts["register_entries"] = build_register_demo(ws, manager, on_duty)

    counts["deliverables"] = build_deliverables_demo(ws, manager)

    counts["payment_steps"] = build_payment_demo(ws, manager)

    counts["security_scans"] = build_network_demo(ws, manager, on_duty)
    if clock is not None:

        engineers = [Actor(login, name, role) for login, name, role in ENGINEERS
                     if role == "engineer"]

        handovers, roster_counts = build_roster_demo(ws, clock, manager, engineers, rng)
        counts |= roster_counts
        counts |= build_question_demo(ws, clock, units, engineers, rng, handovers)

        counts["cases"] = build_demo_cases(ws, engineers[0], units, rng)

        # Its own random stream, so the other demo data stays as it was.
        counts["urging_days"] = build_urging_history(ws, engineers[0], random.Random(SEED + 6))

        # Its own random stream, so the other demo data stays as it was.
        counts |= build_training_demo(ws, clock, engineers[0], units,
                                      random.Random(SEED + 4))

        counts["shift_history"] = build_roster_history(ws, clock, manager)

        counts |= build_inspection_demo(ws, clock, engineers[0], units,
                                        random.Random(SEED + 5))

        counts["province_ranks"] = build_ranking_demo(ws, manager)

        counts["proxy_work"] = build_proxy_demo(ws, engineers[0])

        counts["requirement_documents"] = build_requirement_demo(ws, engineers[0])

        counts["terminals"] = build_inventory_demo(ws, engineers[0], units)

        counts["operations"] = build_oplog_demo(ws, engineers[0], units)
    return counts


def build_service_years(ws: Workspace, manager: Actor) -> int:
    """Renewed year by year like the real contract, each year as long and worth as much as
    the last, until one holds today: the demo counts under a running contract on any date."""
    today = ws.now().astimezone(ws.hours.zone).date()
    made = 0
    last = service_years(ws)[-1]
    while last.end < today:
        start = last.end + timedelta(days=1)
        try:
            following = start.replace(year=start.year + 1)
        except ValueError:  # 29 February
            following = date(start.year + 1, 3, 1)
        last = renew(ws, manager, None, following - timedelta(days=1), last.value_yuan,
                     note="演示：按年续签")  # data, like the demo's names
        made += 1
    return made


def build_payment_demo(ws: Workspace, manager: Actor) -> int:
    """The year's first instalment invoiced a few working days after signing and paid well
    inside the 15 working days (九), as far as today has come."""
    today = ws.now().astimezone(ws.hours.zone).date()
    year = year_of(service_years(ws), today)
    invoiced = ws.calendar.add_working_days(year.start, 4).deadline
    paid = ws.calendar.add_working_days(invoiced, 12).deadline
    made = 0
    for kind, day in (("first_invoiced", invoiced), ("first_paid", paid)):
        if day <= today:
            record_payment_step(ws, manager, kind, day)
            made += 1
    return made


def _phone(rng: random.Random) -> str:
    return f"13{rng.randint(0, 9)}{rng.randint(0, 9999):04d}{rng.randint(0, 9999):04d}"
