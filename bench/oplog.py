"""Operation-log import at scale: a generated csv export of N operations (a district's year is
~1,000,000; a province's tens of millions) imported through the service (two streamed passes,
chunked INSERT … ON CONFLICT DO NOTHING in one transaction), beside the parse floor measured in
the same run (reading the csv with the csv module and parsing each row's time, nothing else);
then the usage figures for one month and the dormant accounts. CPU and wall time, rows/s,
ratio to the floor. Usage:

    .venv/bin/python bench/oplog.py [--rows 1000000] [--db /tmp/oplog.db]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpdesk.app.opening import open_workspace  # noqa: E402
from helpdesk.clock import FrozenClock  # noqa: E402
from helpdesk.config import Config  # noqa: E402
from helpdesk.monitoring.oplog import dormant_accounts, oplog_usage  # noqa: E402
from helpdesk.monitoring.oplog_import import import_oplog  # noqa: E402
from helpdesk.services.units import add_unit  # noqa: E402
from helpdesk.services.workspace import resolve_actor  # noqa: E402

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
OPERATIONS = ("登录", "登记", "办理", "查询", "报送", "转送", "回访", "导出")


def write_log(path: Path, rows: int, units: list[str], accounts: int = 600) -> None:
    """`rows` operations over the year before NOW, mostly in office hours."""
    rng = random.Random(7)
    start = datetime(2025, 11, 24, 0, 0)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["操作时间", "账号", "姓名", "单位", "操作类型"])
        for index in range(rows):
            day = start + timedelta(days=rng.randrange(365))
            hour = rng.choice((9, 10, 11, 14, 15, 16, 17)) if rng.random() < 0.93 else \
                rng.choice((7, 20, 22))
            at = day.replace(hour=hour, minute=rng.randrange(60), second=index % 60)
            account = rng.randrange(accounts)
            writer.writerow([at.strftime("%Y-%m-%d %H:%M:%S"), f"u{account:05d}",
                             f"用户{account}", units[account % len(units)],
                             rng.choice(OPERATIONS)])


def parse_floor(path: Path) -> int:
    """The least any import must do: read every row and parse its time."""
    count = 0
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            datetime.fromisoformat(row[0])
            count += 1
    return count


def timed(call: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="oplog-bench-"))
    db = args.db or str(folder / "oplog.db")
    clock = FrozenClock(NOW)
    config = Config()
    ws = open_workspace(config, db, clock=clock, os_user="bench")
    actor = resolve_actor(ws)
    units = [add_unit(ws, actor, f"B{i:02d}", f"基准单位{i:02d}").name for i in range(24)]
    log = folder / "log.csv"
    write_log(log, args.rows, units)
    floor_wall, floor_cpu, _ = timed(lambda: parse_floor(log))
    wall, cpu, report = timed(lambda: import_oplog(ws, actor, log))
    print(f"rows {args.rows:,}  file {log.stat().st_size / 1e6:.0f} MB")
    print(f"parse floor      wall {floor_wall:7.2f} s  cpu {floor_cpu:7.2f} s  "
          f"{args.rows / floor_wall:10,.0f} rows/s")
    print(f"oplog import     wall {wall:7.2f} s  cpu {cpu:7.2f} s  "
          f"{args.rows / wall:10,.0f} rows/s  ratio cpu {cpu / floor_cpu:.1f}x  "
          f"(written={getattr(report, 'written', False)})")
    wall, cpu, _ = timed(lambda: import_oplog(ws, actor, log))
    print(f"again (no new)   wall {wall:7.2f} s  cpu {cpu:7.2f} s")
    wall, cpu, _ = timed(lambda: oplog_usage(ws, actor, date(2026, 10, 1), date(2026, 10, 31)))
    print(f"usage, a month   wall {wall:7.2f} s  cpu {cpu:7.2f} s")
    wall, cpu, _ = timed(lambda: oplog_usage(ws, actor, date(2025, 11, 24), date(2026, 11, 23)))
    print(f"usage, the year  wall {wall:7.2f} s  cpu {cpu:7.2f} s")
    wall, cpu, _ = timed(lambda: dormant_accounts(ws, actor, 90))
    print(f"dormant (90 d)   wall {wall:7.2f} s  cpu {cpu:7.2f} s")


if __name__ == "__main__":
    main()
