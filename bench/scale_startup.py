"""First frame and memory on the province-scale database: bench/startup.py's pty method (the
console as the `helpdesk` command runs it, against a bare Textual app, interleaved), then, in a
separate pass (no timing), the console's resident memory once Today's panels have loaded.

    .venv/bin/python bench/scale_startup.py [--db /tmp/helpdesk-scale.db] [--runs 7]
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from startup import BARE_MARKER, HELPDESK_MARKER, time_to_marker  # noqa: E402

# Today's case panel shows this once the worklist has loaded (the heaviest panel).
PANELS_MARKER = "催办".encode()


def resident_mib(command: list[str], env: dict[str, str], settle: float = 3.0) -> float:
    """VmRSS of the console after its panels have loaded (and `settle` seconds more)."""
    leader, follower = pty.openpty()
    ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower,
                               env=env, cwd=ROOT, start_new_session=True)
    os.close(follower)
    seen = b""
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < 60 and PANELS_MARKER not in seen:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                seen += os.read(leader, 65536)
        end = time.perf_counter() + settle
        while time.perf_counter() < end:  # keep the pty drained
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                os.read(leader, 65536)
        status = Path(f"/proc/{process.pid}/status").read_text()
        line = next(row for row in status.splitlines() if row.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(leader)


def run(path: Path, runs: int) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24",
           "HELPDESK_NOW": "2026-11-24T10:30:00+08:00"}
    console = [sys.executable, "-m", "helpdesk_console", "--db", str(path)]
    bare = [sys.executable, str(ROOT / "bench" / "bare_app.py")]
    time_to_marker(bare, BARE_MARKER, env)
    time_to_marker(console, HELPDESK_MARKER, env)
    bare_times, console_times = [], []
    for _ in range(runs):
        bare_times.append(time_to_marker(bare, BARE_MARKER, env))
        console_times.append(time_to_marker(console, HELPDESK_MARKER, env))
    bare_ms = statistics.median(bare_times) * 1000
    console_ms = statistics.median(console_times) * 1000
    print(f"\nfirst frame (pty, median of {runs}): bare Textual {bare_ms:.0f} ms, console on "
          f"{path.name} {console_ms:.0f} ms, ratio {console_ms / bare_ms:.2f} (target <= 1.30)")
    print(f"console RSS with Today's panels loaded: {resident_mib(console, env):.0f} MiB "
          "(target <= 150 MiB)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="/tmp/helpdesk-scale.db")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    run(Path(args.db), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
