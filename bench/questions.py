"""Queue speed at province scale: 200,000 questions.

Each case fetches one page (100 rows) through the service layer (ORM, SLA readings per row)
and the same page with a raw sqlite3 query, median of N runs. Usage:

    .venv/bin/python bench/questions.py [--rows 200000] [--runs 7] [--db /tmp/bench-q.db]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpdesk.app.opening import open_workspace  # noqa: E402
from helpdesk.clock import FrozenClock  # noqa: E402
from helpdesk.config import Config  # noqa: E402
from helpdesk.questions.listing import list_questions  # noqa: E402
from helpdesk.questions.sla import schedule  # noqa: E402
from helpdesk.questions.views import QuestionFilter  # noqa: E402
from helpdesk.services.units import add_unit  # noqa: E402
from helpdesk.services.workspace import Workspace, resolve_actor  # noqa: E402
from helpdesk.vocab import OPEN_STATUSES, QUESTION_CATEGORIES  # noqa: E402

NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)  # 10:30 in Shanghai
WORDS = ("来信", "来访", "登记", "转送", "交办", "办理", "延期", "督办", "复查", "复核", "回访",
         "满意度", "报表", "统计", "打印机", "扫描仪", "口令", "账号", "权限", "插件", "浏览器")


def populate(ws: Workspace, rows: int, neglected: bool = False) -> None:
    """A year of questions. Realistic: questions still open were received in the last two
    weeks. `neglected`: 20 % stay open for up to a year (nearly all breached)."""
    actor = resolve_actor(ws)
    units = [add_unit(ws, actor, f"B{i:02d}", f"测试街道{i:02d}", "street").id
             for i in range(30)]
    rng = random.Random(7)
    share = ws.config.sla.at_risk_share
    plan_cache: dict[tuple[datetime, float], tuple[datetime, datetime]] = {}

    def plan(received: datetime, hours: float) -> tuple[datetime, datetime]:
        key = (received.replace(minute=0, second=0), hours)
        if key not in plan_cache:
            target = timedelta(hours=hours)
            found = schedule(ws.hours, key[0], target, target, share)
            plan_cache[key] = (found.risk_at, found.due_at)
        return plan_cache[key]

    assert ws.db.path is not None
    connection = sqlite3.connect(ws.db.path)
    batch = []
    for index in range(rows):
        received = NOW - timedelta(minutes=rng.randrange(0, 60 * 24 * 365))
        recent = NOW - received < timedelta(days=14)
        if neglected or recent:
            status = rng.choices(("resolved", "closed", "in_progress", "waiting", "new"),
                                 (60, 20, 10, 5, 5))[0]
        else:
            status = rng.choice(("resolved", "closed"))
        title = "".join(rng.sample(WORDS, 3)) + f"问题{index % 997}"
        response_risk, response_due = plan(received, 2)
        resolve_risk, resolve_due = plan(received, 16)
        done = received + timedelta(hours=rng.choice((1, 3, 20)))
        resolved = done if status in ("resolved", "closed") else None
        batch.append((
            f"Q{index:09d}", received.replace(tzinfo=None), "某某", "", units[index % 30],
            "phone", rng.choice(QUESTION_CATEGORIES), "normal", title,
            f"关于{title}的咨询，{rng.choice(WORDS)}相关。", "已解答" if resolved else "", status,
            received.replace(tzinfo=None) + timedelta(minutes=20),
            resolved.replace(tzinfo=None) if resolved else None,
            response_due.astimezone(UTC).replace(tzinfo=None),
            response_risk.astimezone(UTC).replace(tzinfo=None),
            resolve_due.astimezone(UTC).replace(tzinfo=None),
            resolve_risk.astimezone(UTC).replace(tzinfo=None)))
        if len(batch) == 10_000:
            _insert(connection, batch)
            batch = []
    if batch:
        _insert(connection, batch)
    connection.execute("ANALYZE")
    connection.commit()
    connection.close()


def _insert(connection: sqlite3.Connection, batch: list[tuple[object, ...]]) -> None:
    connection.executemany(
        "INSERT INTO question (number, received_at, asker_name, asker_phone, unit_id, channel, "
        "category, priority, title, description, answer, status, first_response_at, "
        "resolved_at, response_due_at, response_risk_at, resolve_due_at, resolve_risk_at, "
        "escalation_ref, time_spent_minutes, created_by, version) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'',0,'bench',1)", batch)
    connection.commit()


def median_ms(function: Callable[[], object], runs: int) -> float:
    function()  # warm caches
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", default="/tmp/helpdesk-bench-questions.db")
    parser.add_argument("--neglected", action="store_true",
                        help="worst case: 20 %% of a year's questions left open")
    args = parser.parse_args()
    path = Path(args.db)
    for suffix in ("", "-wal", "-shm", ".key"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    clock = FrozenClock(NOW)
    ws = open_workspace(Config(), str(path), clock=clock, os_user="bench", durable=False)
    started = time.perf_counter()
    populate(ws, args.rows, args.neglected)
    open_count = sqlite3.connect(path).execute(
        "SELECT count(*) FROM question WHERE status NOT IN ('resolved', 'closed')").fetchone()[0]
    print(f"populated {args.rows} questions ({open_count} open) in "
          f"{time.perf_counter() - started:.1f} s")
    actor = resolve_actor(ws)
    raw = sqlite3.connect(path)
    open_in = ",".join(f"'{s}'" for s in OPEN_STATUSES)
    first = list_questions(ws, actor, QuestionFilter(statuses=OPEN_STATUSES))
    cursor = first.next_cursor
    assert cursor is not None
    now_text = NOW.replace(tzinfo=None).isoformat(" ")
    cases: list[tuple[str, Callable[[], object], str, tuple[object, ...]]] = [
        ("queue, first page (open)", lambda: list_questions(
            ws, actor, QuestionFilter(statuses=OPEN_STATUSES)),
         f"SELECT * FROM question WHERE status IN ({open_in}) "
         "ORDER BY received_at DESC, id DESC LIMIT 100", ()),
        ("queue, next page (keyset)", lambda: list_questions(
            ws, actor, QuestionFilter(statuses=OPEN_STATUSES), after=cursor),
         f"SELECT * FROM question WHERE status IN ({open_in}) AND (received_at, id) < (?, ?) "
         "ORDER BY received_at DESC, id DESC LIMIT 100",
         (cursor.key.replace(tzinfo=None).isoformat(" "), cursor.id)),
        ("filter: breached", lambda: list_questions(
            ws, actor, QuestionFilter(sla_state="breached")),
         f"SELECT * FROM question WHERE status IN ({open_in}) AND ((first_response_at IS NULL "
         "AND response_due_at <= ?) OR (resolved_at IS NULL AND resolve_due_at <= ?)) "
         "ORDER BY received_at DESC, id DESC LIMIT 100", (now_text, now_text)),
        ("filter: category, all statuses", lambda: list_questions(
            ws, actor, QuestionFilter(category="handling")),
         "SELECT * FROM question WHERE category = 'handling' "
         "ORDER BY received_at DESC, id DESC LIMIT 100", ()),
        ("sort: due soonest", lambda: list_questions(
            ws, actor, QuestionFilter(statuses=OPEN_STATUSES, sort="due")),
         f"SELECT * FROM question WHERE status IN ({open_in}) AND resolve_due_at IS NOT NULL "
         "AND resolved_at IS NULL ORDER BY resolve_due_at, id LIMIT 100", ()),
        ("search, 2 characters (LIKE)", lambda: list_questions(
            ws, actor, QuestionFilter(search="复核")),
         "SELECT * FROM question WHERE title LIKE '%复核%' OR description LIKE '%复核%' OR "
         "answer LIKE '%复核%' ORDER BY received_at DESC, id DESC LIMIT 100", ()),
        ("search, 4 characters (FTS5 trigram)", lambda: list_questions(
            ws, actor, QuestionFilter(search="复核回访")),
         "SELECT * FROM question WHERE id IN (SELECT rowid FROM question_fts WHERE "
         "question_fts MATCH '\"复核回访\"') ORDER BY received_at DESC, id DESC LIMIT 100", ()),
        ("search, rare 2 characters", lambda: list_questions(
            ws, actor, QuestionFilter(search="问题9")),
         "SELECT * FROM question WHERE title LIKE '%问题9%' OR description LIKE '%问题9%' OR "
         "answer LIKE '%问题9%' ORDER BY received_at DESC, id DESC LIMIT 100", ()),
    ]
    print(f"{'case':<38} {'service':>9} {'raw sql':>9}  rows   (median of {args.runs}, ms)")
    for name, service_call, sql, params in cases:
        service_ms = median_ms(service_call, args.runs)
        raw_ms = median_ms(lambda sql=sql, params=params: raw.execute(sql, params).fetchall(),
                           args.runs)
        rows = len(raw.execute(sql, params).fetchall())
        print(f"{name:<38} {service_ms:>9.2f} {raw_ms:>9.2f}  {rows:>4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
