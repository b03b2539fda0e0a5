"""Report generation at province scale: a year of 200,000 questions and 1,000,000 cases.

Builds the monthly, quarterly and annual inspection reports' figures through the services,
writes the annual one as xlsx, Markdown and encrypted xlsx, and computes the compliance
ledger; wall time of each and the peak Python memory of the annual build. Usage:

    .venv/bin/python bench/reports.py [--questions 200000] [--cases 1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cases as case_bench  # noqa: E402
import questions as question_bench  # noqa: E402

from helpdesk.clock import FrozenClock  # noqa: E402
from helpdesk.config import Config  # noqa: E402
from helpdesk.reports.periods import parse_period  # noqa: E402
from helpdesk.services.ledger import compute_ledger  # noqa: E402
from helpdesk.services.report_export import write_report  # noqa: E402
from helpdesk.services.report_figures import build_report  # noqa: E402
from helpdesk.services.workspace import open_workspace, resolve_actor  # noqa: E402


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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
