"""The province-scale bench database: N cases and M questions, built once and reused by path.

    .venv/bin/python bench/scale_db.py [--db /tmp/helpdesk-scale.db] [--cases 1000000]
                                       [--questions 200000] [--rebuild]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cases as case_bench  # noqa: E402
import questions as question_bench  # noqa: E402

from helpdesk.clock import FrozenClock  # noqa: E402
from helpdesk.config import Config  # noqa: E402
from helpdesk.services.opening import open_workspace  # noqa: E402
from helpdesk.services.workspace import Workspace  # noqa: E402

NOW = question_bench.NOW


def open_bench(path: Path) -> Workspace:
    return open_workspace(Config(), str(path), clock=FrozenClock(NOW), os_user="bench",
                          durable=False)


def ensure(path: Path, cases: int, questions: int, rebuild: bool = False) -> Workspace:
    """The database at `path`, built first when missing (or `rebuild`)."""
    if rebuild or not path.exists():
        for suffix in ("", "-wal", "-shm", ".key"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        ws = open_bench(path)
        started = time.perf_counter()
        question_bench.populate(ws, questions)
        case_bench.populate(ws, cases)
        print(f"built {path}: {questions:,} questions and {cases:,} cases in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        ws.db.engine.dispose()
    started = time.perf_counter()
    ws = open_bench(path)  # derives what the raw inserts left out (stored step deadlines)
    print(f"opened {path} in {time.perf_counter() - started:.1f} s", flush=True)
    return ws


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="/tmp/helpdesk-scale.db")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=200_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    ensure(Path(args.db), args.cases, args.questions, args.rebuild)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
