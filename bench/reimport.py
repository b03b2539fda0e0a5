"""The provincial export imported again unchanged (every day's routine: most rows have not
moved), beside the parse floor measured in the same run: reading every row of the same xlsx
with python-calamine and parsing its days, the least any import must do. Also the first
import and openpyxl's read-only parse of the same file. Usage:

    .venv/bin/python bench/reimport.py [--rows 50000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cases import write_import_book  # noqa: E402

from helpdesk.app.opening import open_workspace  # noqa: E402
from helpdesk.cases.imports import import_cases  # noqa: E402
from helpdesk.clock import FrozenClock  # noqa: E402
from helpdesk.config import Config  # noqa: E402
from helpdesk.services.sheets import parse_day  # noqa: E402
from helpdesk.services.units import add_unit  # noqa: E402
from helpdesk.services.workspace import resolve_actor  # noqa: E402

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def timed(call: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def calamine_floor(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    for row in rows[1:]:
        for index in (1, 6, 7):
            parse_day(row[index])
    return len(rows) - 1


def openpyxl_floor(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="reimport-bench-"))
    ws = open_workspace(Config(), str(folder / "cases.db"), clock=FrozenClock(NOW),
                        os_user="bench", durable=False)
    actor = resolve_actor(ws)
    for index in range(40):
        add_unit(ws, actor, f"T{index:02d}", f"测试单位{index:02d}")
    book = folder / "export.xlsx"
    write_import_book(book, args.rows)
    floor_wall, floor_cpu, _ = timed(lambda: calamine_floor(book))
    print(f"rows {args.rows:,}")
    print(f"parse floor (calamine) wall {floor_wall:6.2f} s  cpu {floor_cpu:6.2f} s")
    wall, cpu, _ = timed(lambda: openpyxl_floor(book))
    print(f"openpyxl read-only     wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
          f"{cpu / floor_cpu:5.1f}x the floor")
    wall, cpu, report = timed(lambda: import_cases(ws, actor, book))
    print(f"first import           wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
          f"{cpu / floor_cpu:5.1f}x the floor  (added {getattr(report, 'added', 0):,})")
    wall, cpu, report = timed(lambda: import_cases(ws, actor, book))
    print(f"unchanged re-import    wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
          f"{cpu / floor_cpu:5.1f}x the floor  (target ≤ 1.1x; "
          f"unchanged {getattr(report, 'unchanged', 0):,})")


if __name__ == "__main__":
    main()
