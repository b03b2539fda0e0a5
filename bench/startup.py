"""Whole-process time from exec to the first frame on a terminal, helpdesk vs a bare Textual app.

Each program runs in a pseudo-terminal (80x24); the clock stops when the marker text of its
first frame appears in the output. Median of N runs each, interleaved. Usage:

    .venv/bin/python bench/startup.py [--runs 7] [--db data/demo.db]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from fcntl import ioctl
from pathlib import Path

from helpdesk.paths import demo_database

ROOT = Path(__file__).resolve().parents[1]
HELPDESK_MARKER = "信访信息系统驻场运维台".encode()
BARE_MARKER = b"BARE-REFERENCE"


def time_to_marker(command: list[str], marker: bytes, env: dict[str, str],
                   timeout: float = 30.0) -> float:
    leader, follower = pty.openpty()
    ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower,
                               env=env, cwd=ROOT, start_new_session=True)
    os.close(follower)
    seen = b""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                seen += chunk
                if marker in seen:
                    return time.perf_counter() - started
        raise RuntimeError(f"no first frame from {command} within {timeout}s: {seen[-300:]!r}")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(leader)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", default=str(demo_database()))
    args = parser.parse_args()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    helpdesk = [sys.executable, "-m", "helpdesk_console", "--db", args.db]  # what `helpdesk` runs
    bare = [sys.executable, str(ROOT / "bench" / "bare_app.py")]
    if not Path(args.db).exists():
        subprocess.run([sys.executable, "-m", "helpdesk", "demo", "--db", args.db], check=True,
                       cwd=ROOT)
    time_to_marker(bare, BARE_MARKER, env)  # warm the file cache for both
    time_to_marker(helpdesk, HELPDESK_MARKER, env)
    bare_times, helpdesk_times = [], []
    for _ in range(args.runs):
        bare_times.append(time_to_marker(bare, BARE_MARKER, env))
        helpdesk_times.append(time_to_marker(helpdesk, HELPDESK_MARKER, env))
    bare_median = statistics.median(bare_times) * 1000
    helpdesk_median = statistics.median(helpdesk_times) * 1000
    print(f"runs per program: {args.runs}")
    print(f"bare Textual (Header, Footer, 50-row DataTable): median {bare_median:.0f} ms  "
          f"[{', '.join(f'{t * 1000:.0f}' for t in bare_times)}]")
    print(f"helpdesk to first frame:                         median {helpdesk_median:.0f} ms  "
          f"[{', '.join(f'{t * 1000:.0f}' for t in helpdesk_times)}]")
    print(f"ratio helpdesk / bare: {helpdesk_median / bare_median:.2f} (target <= 1.30)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
