"""The audit chain at province scale (a province year writes about a million records).

Appends N chained records (default 300,000) straight into a fresh SQLite database, then
measures, each beside its reference in the same run:

- `audit verify`'s full walk (services/audit_log.verify_chain) against the HMAC floor (the
  same records' HMACs alone over payloads built beforehand) and the read floor (the rows read
  with sqlite3 alone); printed as CPU per record beyond the HMAC (target ≤ 3 µs) and beyond
  both;
- the walk again (the audit screen's next visit, in this process or another: only what was
  added since the point kept beside the key);
- the day's backup (online copy, integrity check, the copy's chain walked: what a console's
  first start of the day does in the background);
- the audit screen's first page (app/audit_feed.list_audit, 50 records) against the raw SQL
  of the same page (target ≤ 100 ms).

Usage:

    .venv/bin/python bench/audit.py [--records 300000]
"""

from __future__ import annotations

import argparse
import hmac
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpdesk import audit  # noqa: E402
from helpdesk.app.audit_feed import list_audit  # noqa: E402
from helpdesk.app.opening import open_workspace  # noqa: E402
from helpdesk.clock import FrozenClock  # noqa: E402
from helpdesk.config import Config  # noqa: E402
from helpdesk.services.audit_log import verify_chain  # noqa: E402
from helpdesk.services.workspace import resolve_actor  # noqa: E402
from helpdesk.storage.backup import backup_sqlite  # noqa: E402

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
ACTIONS = ("question.create", "question.respond", "case.urge", "handover.sign", "kb.publish")


def timed(call: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def append_records(db: Path, key: bytes, count: int) -> list[bytes]:
    """`count` records chained after those already there, and the head moved to the last;
    returns each new record's payload (what its HMAC covers), for the floor."""
    connection = sqlite3.connect(db)
    last_seq, previous = connection.execute(
        "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone() \
        or (0, audit.GENESIS)
    payloads: list[bytes] = []
    rows = []
    start = NOW - timedelta(days=365)
    for offset in range(1, count + 1):
        record = SimpleNamespace(
            seq=last_seq + offset, at=start + timedelta(seconds=offset * 31),
            actor=f"eng{offset % 12:02d}", os_user=f"eng{offset % 12:02d}",
            action=ACTIONS[offset % len(ACTIONS)], entity=ACTIONS[offset % 5].split(".")[0],
            entity_id=str(offset % 50_000),
            summary=json.dumps({"status": ["open", "answered"]}, ensure_ascii=False),
            prev_hash=previous)
        record.hash = audit._digest(key, record)
        payloads.append(json.dumps(
            [record.seq, record.at.isoformat(timespec="microseconds"), record.actor,
             record.os_user, record.action, record.entity, record.entity_id, record.summary,
             record.prev_hash], ensure_ascii=False, separators=(",", ":")).encode())
        rows.append((record.seq, record.at.strftime("%Y-%m-%d %H:%M:%S.%f"),  # as stored
                     record.actor, record.os_user, record.action, record.entity,
                     record.entity_id, record.summary, record.prev_hash, record.hash))
        previous = record.hash
    with connection:
        connection.executemany(
            "INSERT INTO audit_log (seq, at, actor, os_user, action, entity, entity_id, "
            "summary, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        head = {"seq": rows[-1][0], "hash": previous,
                "mac": audit._anchor_mac(key, rows[-1][0], previous)}
        connection.execute("UPDATE meta SET value = ? WHERE key = ?",
                           (json.dumps(head), audit.HEAD_KEY))
    connection.close()
    return payloads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="audit-bench-"))
    db = folder / "audit.db"
    config = Config()
    ws = open_workspace(config, str(db), clock=FrozenClock(NOW), os_user="bench")
    actor = resolve_actor(ws)
    key = audit.load_key(ws.db.key_path, create=False)
    built = time.perf_counter()
    payloads = append_records(db, key, args.records)
    print(f"records {args.records:,} appended in {time.perf_counter() - built:.1f} s")

    def floor() -> int:
        for payload in payloads:
            hmac.digest(key, payload, "sha256").hex()
        return len(payloads)

    floor_wall, floor_cpu, _ = timed(floor)

    def read_floor() -> int:
        connection = sqlite3.connect(db)
        count = sum(1 for _row in connection.execute("SELECT * FROM audit_log ORDER BY seq"))
        connection.close()
        return count

    read_wall, read_cpu, _ = timed(read_floor)
    ws.memo.clear()
    wall, cpu, report = timed(lambda: verify_chain(ws))
    assert getattr(report, "ok", False), report
    beyond = (cpu - floor_cpu) / args.records * 1e6
    print(f"HMAC floor        wall {floor_wall:6.2f} s  cpu {floor_cpu:6.2f} s  "
          f"{floor_cpu / args.records * 1e6:5.2f} µs/record")
    print(f"raw read (SQLite) wall {read_wall:6.2f} s  cpu {read_cpu:6.2f} s  "
          f"{read_cpu / args.records * 1e6:5.2f} µs/record")
    print(f"audit verify      wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
          f"{cpu / args.records * 1e6:5.2f} µs/record  beyond the HMAC {beyond:5.2f} µs "
          f"(target ≤ 3), beyond HMAC and reading "
          f"{(cpu - floor_cpu - read_cpu) / args.records * 1e6:5.2f} µs  "
          f"ratio {cpu / floor_cpu:.1f}x")
    wall, cpu, report = timed(lambda: verify_chain(ws, incremental=True))
    print(f"again (screen)    wall {wall * 1000:6.1f} ms cpu {cpu * 1000:6.1f} ms")

    copy = folder / "copy"
    copy.mkdir()
    wall, cpu, _ = timed(lambda: backup_sqlite(ws.db, copy, key=key))
    print(f"backup + check    wall {wall:6.2f} s  cpu {cpu:6.2f} s  (the day's copy: online "
          f"backup, integrity check, the copy's chain walked)")

    def raw_page() -> int:
        connection = sqlite3.connect(db)
        rows = connection.execute("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 50"
                                  ).fetchall()
        connection.close()
        return len(rows)

    raw_wall, raw_cpu, _ = timed(raw_page)
    wall, cpu, page = timed(lambda: list_audit(ws, actor))
    assert len(page) == 50  # type: ignore[arg-type]
    print(f"raw SQL page      wall {raw_wall * 1000:6.1f} ms cpu {raw_cpu * 1000:6.1f} ms")
    print(f"audit screen page wall {wall * 1000:6.1f} ms cpu {cpu * 1000:6.1f} ms  "
          f"(target ≤ 100 ms)  ratio {cpu / max(raw_cpu, 1e-6):.1f}x")


if __name__ == "__main__":
    main()
