"""Province scale, one command: builds (or reuses, by path) the database of 1,000,000 cases and
200,000 questions and prints, for every figure issue 15 tracks, the project's CPU and wall time
beside a reference measured in the same run, and their ratio (median of --runs, after a warm-up).

The reference of a service call is the SQL it sent, replayed on a raw DB-API connection (the
floor any implementation of the same query pays); of the import, parsing the same xlsx with
openpyxl read-only (the parse floor). Figures with an absolute target (Today, reports) say so.

    .venv/bin/python bench/scale.py [--db /tmp/helpdesk-scale.db] [--runs 5]
        [--import-rows 100000] [--import-runs 5] [--skip-import] [--console] [--startup]
        [--growth] [--only TEXT]

--console drives the app with the pilot on the same database (key to content, see
bench/scale_console.py); --startup times the first frame against a bare Textual app in a pty
and reads the console's RSS (bench/startup.py's method, no tracemalloc); --growth repeats the
worklist, a list page and the annual report at 10k / 100k / 1M cases. --db
postgresql+psycopg://… runs the service figures (and --console) on PostgreSQL, filled from
the SQLite database of the same size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cases as case_bench  # noqa: E402
import scale_db  # noqa: E402
from sqlalchemy import event  # noqa: E402

from helpdesk.actor import Actor  # noqa: E402
from helpdesk.services.workspace import Workspace, resolve_actor  # noqa: E402

TODAY = case_bench.TODAY


@dataclass(frozen=True)
class Timing:
    cpu: float  # seconds, median
    wall: float


def timed(call: Callable[[], object], runs: int) -> Timing:
    call()  # warm: caches, the first connection, imported modules
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        started_cpu, started = time.process_time(), time.perf_counter()
        call()
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    return Timing(statistics.median(cpu), statistics.median(wall))


def captured_sql(ws: Workspace, call: Callable[[], object]) -> list[tuple[str, Any]]:
    """The read statements a call sends, with their parameters."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
               _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    event.listen(ws.db.engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(ws.db.engine, "before_cursor_execute", record)
    return statements


def sql_replay(ws: Workspace, call: Callable[[], object]) -> Callable[[], object]:
    statements = captured_sql(ws, call)
    raw = ws.db.engine.raw_connection()

    def replay() -> None:
        cursor = raw.cursor()
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            cursor.fetchall()
        cursor.close()
        raw.rollback()

    return replay


def raw_query(ws: Workspace, sql: str) -> Callable[[], object]:
    raw = ws.db.engine.raw_connection()

    def run() -> None:
        cursor = raw.cursor()
        cursor.execute(sql)
        cursor.fetchall()
        cursor.close()
        raw.rollback()

    return run


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f}"


HEADER = (f"{'figure':<40} {'cpu ms':>9} {'wall ms':>9} {'ref cpu':>9} {'ref wall':>9} "
          f"{'×cpu':>6} {'×wall':>6}  target")


def row(name: str, mine: Timing, reference: Timing | None, target: str) -> None:
    if reference is None:
        print(f"{name:<40} {ms(mine.cpu)} {ms(mine.wall)} {'':>9} {'':>9} {'':>6} {'':>6}  "
              f"{target}", flush=True)
        return
    print(f"{name:<40} {ms(mine.cpu)} {ms(mine.wall)} {ms(reference.cpu)} "
          f"{ms(reference.wall)} {mine.cpu / max(reference.cpu, 1e-6):6.1f} "
          f"{mine.wall / max(reference.wall, 1e-6):6.1f}  {target}", flush=True)


def service_rows(ws: Workspace, actor: Actor, runs: int, only: str = "") -> None:
    from helpdesk.app.today import (
        case_summary,
        contract_summary,
        desk_summary,
        today_summary,
    )
    from helpdesk.calendar.periods import parse_period
    from helpdesk.cases.actions import list_cases
    from helpdesk.cases.rate_figures import case_rates, rates_with_trend
    from helpdesk.cases.urging_list import Worklist, urging_worklist
    from helpdesk.contract.ledger import compute_ledger
    from helpdesk.questions.listing import list_questions
    from helpdesk.questions.views import QuestionFilter
    from helpdesk.reports.gather import build_report
    from helpdesk.vocab import OPEN_STATUSES
    from screens.cases.worklist import grouped

    work = urging_worklist(ws, actor, TODAY)
    print(f"worklist: {len(work.items):,} shown of {work.total:,} (cut: {work.truncated})")
    first = list_cases(ws, actor)
    last = first[-1]
    queue = list_questions(ws, actor, QuestionFilter(statuses=OPEN_STATUSES))
    middle = f"GD{500_000:012d}"
    month, year = parse_period("monthly", "2026-10"), parse_period("annual", "2026")
    def computed() -> Worklist:
        ws.memo.pop("worklist", None)  # as on the day's first look: computed, not kept
        return urging_worklist(ws, actor, TODAY)

    def first_look(call: Callable[[Workspace, Actor], object]) -> object:
        ws.memo.clear()  # nothing kept from an earlier call (services/audit_memo)
        return call(ws, actor)

    def unstored(call: Callable[[Workspace, Actor], object]) -> object:
        from sqlalchemy import delete

        from helpdesk.contract.figure_models import MonthFigure

        with ws.db.write() as session:  # the day the months are first counted
            session.execute(delete(MonthFigure))
        return first_look(call)

    figures: list[tuple[str, Callable[[], object], bool, str]] = [
        ("urging worklist (service, computed)", computed, True,
         "most urgent first, cut stated"),
        ("worklist screen fetch, first look", lambda: grouped(computed().items), True,
         "<= 300 ms"),
        ("worklist screen fetch, returning", lambda: grouped(urging_worklist(
            ws, actor, TODAY).items), False, "instant"),
        ("Today, first paint", lambda: today_summary(ws, actor), False, "<= 300 ms"),
        ("Today, desk panel", lambda: desk_summary(ws, actor), True, "own worker"),
        ("Today, case panel, first look", lambda: first_look(case_summary), True,
         "own worker"),
        ("Today, case panel, returning", lambda: case_summary(ws, actor), False, "instant"),
        ("Today, contract line, first look", lambda: first_look(contract_summary), False,
         "own worker"),
        ("Today, contract line, returning", lambda: contract_summary(ws, actor), False,
         "instant"),
        ("compliance ledger, first look", lambda: first_look(compute_ledger), False,
         "months stored"),
        ("compliance ledger, no month stored", lambda: unstored(compute_ledger), False, ""),
        ("rates, a month (screen)",
         lambda: case_rates(ws, actor, month.start, month.end), True, "grows with period"),
        ("rates, a year with monthly trend",
         lambda: rates_with_trend(ws, actor, year.start, year.end), True, "grows with period"),
        ("monthly report figures", lambda: build_report(ws, actor, month), False,
         "grows with period"),
        ("annual report figures", lambda: build_report(ws, actor, year), False, "<= 5 s"),
        ("case list, first page", lambda: list_cases(ws, actor), True, "<= 10x raw"),
        ("case list, next page (keyset)",
         lambda: list_cases(ws, actor, after=(last.registered_on, last.id)), True,
         "<= 10x raw"),
        ("case-number search, exact", lambda: list_cases(ws, actor, search=middle), True,
         "<= 50 ms"),
        ("case-number search, prefix", lambda: list_cases(ws, actor, search=middle[:-1]),
         True, "<= 50 ms"),
        ("case search, 2 characters", lambda: list_cases(ws, actor, search="噪音"), True, ""),
        # Issue 33: 3+ characters by the trigram index (SQLite FTS5, PostgreSQL pg_trgm); a
        # word in 1 case of 12, and one in none (the worst case for a scan).
        ("case search, common 4 characters", lambda: list_cases(ws, actor, search="噪音扰民"),
         True, "<= 50 ms"),
        ("case search, rare 3 characters", lambda: list_cases(ws, actor, search="燃气泄"),
         True, "<= 50 ms"),
        ("case search, rare 4 characters", lambda: list_cases(ws, actor, search="燃气泄漏"),
         True, "<= 50 ms"),
        ("queue, first page (open)",
         lambda: list_questions(ws, actor, QuestionFilter(statuses=OPEN_STATUSES)), True,
         "<= 10x raw"),
        ("queue, next page",
         lambda: list_questions(ws, actor, QuestionFilter(statuses=OPEN_STATUSES),
                                after=queue.next_cursor), True, "<= 10x raw"),
        ("queue, category filter",
         lambda: list_questions(ws, actor, QuestionFilter(category="handling")), True,
         "<= 10x raw"),
        ("queue, due-soonest sort",
         lambda: list_questions(ws, actor, QuestionFilter(statuses=OPEN_STATUSES,
                                                          sort="due")), True, "<= 10x raw"),
    ]
    print(HEADER)
    # The "raw query" for a list page: SELECT * of the same page, on a raw connection.
    open_in = ", ".join(f"'{status}'" for status in OPEN_STATUSES)
    raw_pages = {
        "case list, first page": "SELECT * FROM petition_case ORDER BY registered_on DESC, "
                                 "id DESC LIMIT 100",
        "queue, first page (open)": f"SELECT * FROM question WHERE status IN ({open_in}) "
                                    "ORDER BY received_at DESC, id DESC LIMIT 100",
        "queue, category filter": "SELECT * FROM question WHERE category = 'handling' "
                                  "ORDER BY received_at DESC, id DESC LIMIT 100",
        "queue, due-soonest sort": f"SELECT * FROM question WHERE status IN ({open_in}) AND "
                                   "resolve_due_at IS NOT NULL AND resolved_at IS NULL "
                                   "ORDER BY resolve_due_at, id LIMIT 100",
    }
    for name, call, against_sql, target in figures:
        if only not in name:
            continue
        mine = timed(call, runs)
        reference = timed(sql_replay(ws, call), runs) if against_sql else None
        row(name, mine, reference, target)
        if name in raw_pages:
            row("  … against SELECT * of the page", mine,
                timed(raw_query(ws, raw_pages[name]), runs), target)


def import_rows(ws_path: Path, rows: int, runs: int) -> None:
    """The xlsx import into an empty database, against openpyxl's read-only parse floor."""
    from openpyxl import load_workbook

    from helpdesk.cases.imports import import_cases
    from helpdesk.services.units import add_unit

    folder = ws_path.parent
    book_path = folder / f"scale-import-{rows}.xlsx"
    if not book_path.exists():
        case_bench.write_import_book(book_path, rows)

    def parse() -> None:
        workbook = load_workbook(book_path, read_only=True)
        for _values in workbook.worksheets[0].iter_rows(values_only=True):
            pass
        workbook.close()

    target = folder / "scale-import.db"

    def fresh() -> Workspace:
        for suffix in ("", "-wal", "-shm", ".key", ".key.anchor", ".lock"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        ws = scale_db.open_bench(target)
        actor = resolve_actor(ws)
        for i in range(40):
            add_unit(ws, actor, f"U{i:02d}", f"测试单位{i:02d}")
        return ws

    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        ws = fresh()
        started_cpu, started = time.process_time(), time.perf_counter()
        report = import_cases(ws, resolve_actor(ws), book_path)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
        assert report.added == rows and not report.errors, report.errors[:3]
        ws.db.engine.dispose()
    mine = Timing(statistics.median(cpu), statistics.median(wall))
    floor = timed(parse, runs)
    row(f"xlsx import, {rows:,} rows", mine, floor, "<= 2x parse floor")
    print(f"  {rows / mine.wall:,.0f} rows/s imported; parse floor "
          f"{rows / floor.wall:,.0f} rows/s", flush=True)


def growth(base: Path, runs: int) -> None:
    """The worklist, a list page and the annual report at 10k / 100k / 1M cases."""
    print(f"\n{'cases':>10} {'worklist ms':>12} {'list page ms':>13} {'annual report ms':>17}"
          "   (CPU, median)")
    for cases in (10_000, 100_000, 1_000_000):
        path = base if cases == 1_000_000 else base.with_name(f"{base.stem}-{cases}.db")
        growth_row(scale_db.ensure(path, cases, cases // 5), cases, runs)


def growth_row(ws: Workspace, cases: int, runs: int) -> None:
    from helpdesk.calendar.periods import parse_period
    from helpdesk.cases.actions import list_cases
    from helpdesk.cases.urging_list import urging_worklist
    from helpdesk.reports.gather import build_report

    actor = resolve_actor(ws)
    year = parse_period("annual", "2026")
    def computed() -> object:
        ws.memo.clear()  # the day's first look, not the kept list
        return urging_worklist(ws, actor, TODAY)

    figures = [timed(computed, runs),
               timed(lambda: list_cases(ws, actor), runs),
               timed(lambda: build_report(ws, actor, year), max(3, runs // 2))]
    print(f"{cases:>10,} {figures[0].cpu * 1000:>12.1f} {figures[1].cpu * 1000:>13.1f} "
          f"{figures[2].cpu * 1000:>17.1f}", flush=True)
    ws.db.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="/tmp/helpdesk-scale.db")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--import-runs", type=int, default=5)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--console", action="store_true")
    parser.add_argument("--startup", action="store_true")
    parser.add_argument("--growth", action="store_true")
    parser.add_argument("--only", default="",
                        help="the service figures whose name holds this text (all if empty)")
    args = parser.parse_args()
    server = "://" in args.db  # PostgreSQL: the service figures and the console
    path = Path(args.db)
    ws = scale_db.ensure(args.db if server else path, args.cases, args.questions)
    actor = resolve_actor(ws)
    service_rows(ws, actor, args.runs, args.only)
    if not args.skip_import and not server:
        import_rows(path, args.import_rows, args.import_runs)
    ws.db.engine.dispose()
    if args.console:
        import scale_console

        scale_console.run(args.db if server else path, args.runs)
    if server:
        return 0
    if args.startup:
        import scale_startup

        scale_startup.run(path, args.runs)
    if args.growth:
        growth(path, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
