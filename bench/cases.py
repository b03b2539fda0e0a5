"""Petition cases at province scale: 1,000,000 cases.

The urging worklist for a day, a keyset page, a case-number lookup and a 2-character search,
through the services beside the raw sqlite3 query; then the import of a 100,000-row xlsx
(rows per second, peak memory). Usage:

    .venv/bin/python bench/cases.py [--cases 1000000] [--import-rows 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpdesk.app.opening import open_workspace  # noqa: E402
from helpdesk.cases.actions import find_case, list_cases  # noqa: E402
from helpdesk.cases.urging_list import worklist  # noqa: E402
from helpdesk.clock import FrozenClock  # noqa: E402
from helpdesk.config import Config  # noqa: E402
from helpdesk.services.units import add_unit  # noqa: E402
from helpdesk.services.workspace import Workspace, resolve_actor  # noqa: E402

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)
SUBJECTS = ("小区噪音扰民", "拖欠工资", "学位申请", "占道经营", "医疗纠纷", "物业服务纠纷",
            "房屋漏水维修", "违章建筑举报", "社保待遇核定", "拆迁补偿", "养老金发放", "低保申请")


def populate(ws: Workspace, count: int) -> None:
    """Five years of cases; the last ~200 days still moving through the stages."""
    actor = resolve_actor(ws)
    units = [add_unit(ws, actor, f"U{i:02d}", f"测试单位{i:02d}").id for i in range(40)]
    rng = random.Random(11)
    assert ws.db.path is not None
    connection = sqlite3.connect(ws.db.path)
    batch = []
    for index in range(count):
        registered = TODAY - timedelta(days=int(rng.triangular(0, 1800, 0)))
        age = (TODAY - registered).days
        if age > 200:
            stage, next_step, next_due = "closed", "", None
        else:
            stage = rng.choice(("transferred", "accepted", "replied", "rated", "closed"))
            next_step = {"transferred": "accept_notice", "accepted": "handling"}.get(stage, "")
            next_due = registered + timedelta(days=rng.choice((16, 18, 62, 75))) \
                if next_step else None
        batch.append((f"GD{index:012d}", registered, "online", "某某", "", "",
                      rng.choice(SUBJECTS), "", "", units[index % 40], stage,
                      registered + timedelta(days=1), registered + timedelta(days=1),
                      registered + timedelta(days=8) if stage != "transferred" else None,
                      registered + timedelta(days=50) if stage in ("replied", "rated",
                                                                      "closed") else None,
                      next_step, next_due, NOW.replace(tzinfo=None)))
        if len(batch) == 20_000:
            _insert(connection, batch)
            batch = []
    if batch:
        _insert(connection, batch)
    connection.execute("ANALYZE")
    connection.commit()
    connection.close()


def _insert(connection: sqlite3.Connection, batch: list[tuple[object, ...]]) -> None:
    connection.executemany(
        "INSERT INTO petition_case (case_number, registered_on, channel, petitioner_name, "
        "id_number, phone, subject, summary, category, unit_id, stage, transferred_on, "
        "received_on, accepted_on, replied_on, next_step, next_due, created_at, supervised, "
        "extension_days, rating, revisit_status, due_provisional, created_by, version) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,0,'','returned',0,'bench',1)", batch)
    connection.commit()


def median_ms(function: Callable[[], object], runs: int) -> float:
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def write_import_book(path: Path, rows: int) -> None:
    """A provincial export of `rows` new cases for the 40 bench units."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["信访件编号", "登记日期", "信访形式", "信访人", "信访事由", "责任单位",
                  "转送日期", "受理日期"])
    for index in range(rows):
        day = TODAY - timedelta(days=index % 150 + 20)
        sheet.append([f"IMP{index:09d}", day, "网上", "某某", "小区噪音扰民",
                      f"测试单位{index % 40:02d}", day + timedelta(days=1),
                      day + timedelta(days=5)])
    book.save(path)


def bench_import(ws: Workspace, rows: int, folder: Path) -> None:
    from helpdesk.cases.imports import import_cases

    path = folder / "import-bench.xlsx"
    write_import_book(path, rows)
    tracemalloc.start()
    started = time.perf_counter()
    report = import_cases(ws, resolve_actor(ws), path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"import {rows} xlsx rows: {elapsed:.1f} s, {rows / elapsed:,.0f} rows/s, "
          f"peak Python memory {peak / 2**20:.0f} MiB (added {report.added}, "
          f"errors {len(report.errors)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", default="/tmp/helpdesk-bench-cases.db")
    args = parser.parse_args()
    path = Path(args.db)
    for suffix in ("", "-wal", "-shm", ".key"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    ws = open_workspace(Config(), str(path), clock=FrozenClock(NOW), os_user="bench",
                        durable=False)
    started = time.perf_counter()
    populate(ws, args.cases)
    print(f"populated {args.cases:,} cases in {time.perf_counter() - started:.1f} s")
    actor = resolve_actor(ws)
    raw = sqlite3.connect(path)
    page = list_cases(ws, actor)
    last = page[-1]
    items = worklist(ws, actor, TODAY)
    middle = f"GD{args.cases // 2:012d}"
    cases: list[tuple[str, Callable[[], object], str, tuple[object, ...]]] = [
        (f"urging worklist ({len(items)} items)", lambda: worklist(ws, actor, TODAY),
         "SELECT * FROM petition_case WHERE stage != 'closed' AND next_due <= ? LIMIT 2000",
         ((TODAY + timedelta(days=5)).isoformat(),)),
        ("case list, first page", lambda: list_cases(ws, actor),
         "SELECT * FROM petition_case ORDER BY registered_on DESC, id DESC LIMIT 100", ()),
        ("case list, next page (keyset)",
         lambda: list_cases(ws, actor, after=(last.registered_on, last.id)),
         "SELECT * FROM petition_case WHERE (registered_on, id) < (?, ?) "
         "ORDER BY registered_on DESC, id DESC LIMIT 100",
         (last.registered_on.isoformat(), last.id)),
        ("case-number lookup", lambda: find_case(ws, actor, middle),
         "SELECT * FROM petition_case WHERE case_number = ?", (middle,)),
        ("search, 2 characters", lambda: list_cases(ws, actor, search="噪音"),
         "SELECT * FROM petition_case WHERE subject LIKE '%噪音%' "
         "ORDER BY registered_on DESC, id DESC LIMIT 100", ()),
    ]
    print(f"{'case':<38} {'service':>9} {'raw sql':>9}   (median of {args.runs}, ms)")
    for name, call, sql, params in cases:
        service_ms = median_ms(call, args.runs)
        raw_ms = median_ms(lambda sql=sql, params=params: raw.execute(sql, params).fetchall(),
                           args.runs)
        print(f"{name:<38} {service_ms:>9.2f} {raw_ms:>9.2f}")
    if args.import_rows:
        bench_import(ws, args.import_rows, path.parent)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
