"""CPU per command line, beside the reference measured in the same run: a process that only
imports SQLAlchemy (issue 35's target: `staff list`, `question list --json` and `case urging
--json` at ≤ 2× that reference; `--help` and `--version` far under it). Each command runs N
times, interleaved with the reference; the medians of user+system CPU are printed with their
ratio. Usage:

    .venv/bin/python bench/cli.py [--runs 5] [--db demo.db]

Without --db a demo database is made in a temporary folder first.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = (("--version",), ("--help",), ("staff", "list"), ("question", "list", "--json"),
            ("case", "urging", "--json"))
REFERENCE = (sys.executable, "-c", "import sqlalchemy")


def cpu_of(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds of the child, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime), wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    env = {**os.environ, "HELPDESK_NOW": os.environ.get("HELPDESK_NOW",
                                                        "2026-10-10T10:30:00+08:00")}
    env.pop("HELPDESK_CONFIG", None)
    helpdesk = [sys.executable, "-m", "helpdesk_console"]
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "demo.db")
        if not args.db:
            subprocess.run([*helpdesk, "demo", "--db", db], env=env, check=True,
                           stdout=subprocess.DEVNULL)
        times: dict[str, list[tuple[float, float]]] = {"reference": []}
        for _ in range(args.runs):
            times["reference"].append(cpu_of(list(REFERENCE), env))
            for command in COMMANDS:
                times.setdefault(" ".join(command), []).append(
                    cpu_of([*helpdesk, "--db", db, *command], env))
    reference = statistics.median(cpu for cpu, _wall in times["reference"])
    print(f"{'command':28} {'CPU s':>7} {'wall s':>7} {'× ref':>6}")
    for name, samples in times.items():
        cpu = statistics.median(c for c, _w in samples)
        wall = statistics.median(w for _c, w in samples)
        print(f"{name:28} {cpu:7.3f} {wall:7.3f} {cpu / reference:6.2f}")
    print(f"reference: {' '.join(REFERENCE[1:])!r}, median of {args.runs} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
