"""Report generation at province scale: a year of 200,000 questions and 1,000,000 cases.

Builds the monthly, quarterly and annual inspection reports' figures through the services,
writes the annual one as xlsx, Markdown and encrypted xlsx, computes the compliance ledger
and runs each data-service query over a quarter; wall time of each and the peak Python memory
of the annual build. Usage:

    .venv/bin/python bench/reports.py [--questions 200000] [--cases 1000000] [--data-only]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cases as case_bench  # noqa: E402
import questions as question_bench  # noqa: E402

from helpdesk.actor import Actor  # noqa: E402
from helpdesk.app.opening import open_workspace  # noqa: E402
from helpdesk.calendar.periods import parse_period  # noqa: E402
from helpdesk.clock import FrozenClock  # noqa: E402
from helpdesk.config import Config  # noqa: E402
from helpdesk.contract.ledger import compute_ledger  # noqa: E402
from helpdesk.data.queries import QUERIES, QueryParams  # noqa: E402
from helpdesk.data.requests import result_workbook, run_query  # noqa: E402
from helpdesk.reports.export import write_report  # noqa: E402
from helpdesk.reports.gather import build_report  # noqa: E402
from helpdesk.services.file_export import book_bytes  # noqa: E402
from helpdesk.services.workspace import Workspace, resolve_actor  # noqa: E402
from helpdesk.storage.files import write_private  # noqa: E402


def timed(label: str, call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = call()
    print(f"{label:<44} {time.perf_counter() - started:>7.2f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=200_000)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/helpdesk-bench-reports.db")
    parser.add_argument("--data-only", action="store_true",
                        help="only the data-service queries (after populating)")
    args = parser.parse_args()
    path = Path(args.db)
    for suffix in ("", "-wal", "-shm", ".key"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    ws = open_workspace(Config(), str(path), clock=FrozenClock(question_bench.NOW),
                        os_user="bench", durable=False)
    started = time.perf_counter()
    question_bench.populate(ws, args.questions)
    case_bench.populate(ws, args.cases)
    print(f"populated {args.questions:,} questions and {args.cases:,} cases in "
          f"{time.perf_counter() - started:.1f} s")
    actor = resolve_actor(ws)
    if args.data_only:
        data_queries(ws, actor, path.parent)
        return 0
    for kind, label in (("monthly", "2026-10"), ("quarterly", "2026-Q3"), ("annual", "2026")):
        figures = timed(f"figures {kind} {label}",
                        lambda kind=kind, label=label: build_report(
                            ws, actor, parse_period(kind, label)))
    print(f"  annual: {figures.sla.questions:,} questions, {figures.sla.breaches:,} breaches, "
          f"{figures.cases.registered:,} cases registered, {len(figures.weeks)} weeks")
    tracemalloc.start()
    build_report(ws, actor, parse_period("annual", "2026"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{'peak Python memory, annual figures':<44} {peak / 2**20:>7.0f} MiB")
    folder = path.parent
    timed("annual report, xlsx (figures + write)", lambda: write_report(
        ws, actor, "annual", "2026", "xlsx", folder / "bench-annual.xlsx"))
    timed("annual report, Markdown", lambda: write_report(
        ws, actor, "annual", "2026", "md", folder / "bench-annual.md"))
    timed("annual report, encrypted xlsx", lambda: write_report(
        ws, actor, "annual", "2026", "xlsx", folder / "bench-annual-secret.xlsx",
        "bench-password"))
    print(f"  xlsx {(folder / 'bench-annual.xlsx').stat().st_size / 1024:.0f} KiB")
    ledger = timed("compliance ledger (13 months)", lambda: compute_ledger(ws, actor))
    print(f"  ledger: {len(ledger.breaches)} breaches")
    data_queries(ws, actor, folder)
    return 0


def data_queries(ws: Workspace, actor: Actor, folder: Path) -> None:
    """Each built-in data-service query over a quarter, and the largest written as xlsx."""
    quarter = QueryParams(date(2026, 7, 1), date(2026, 9, 30))
    largest = None
    for name in QUERIES:
        result = timed(f"data query {name}, 2026-Q3",
                       lambda name=name: run_query(ws, actor, name, quarter))
        print(f"  {len(result.rows):,} rows")
        if largest is None or len(result.rows) > len(largest.rows):
            largest = result
    assert largest is not None
    target = folder / "bench-data-query.xlsx"
    timed(f"xlsx of {largest.name} ({len(largest.rows):,} rows)", lambda: write_private(
        target, lambda temporary: Path(temporary).write_bytes(
            book_bytes(result_workbook(largest, None)))))


if __name__ == "__main__":
    raise SystemExit(main())
