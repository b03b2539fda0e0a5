"""The demo database and an in-process `helpdesk` for tests/json_shapes.py."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime
from pathlib import Path

from helpdesk import identity
from helpdesk.cli.main import main
from helpdesk.clock import FrozenClock
from helpdesk.config import load_config
from tests.app_support import demo_database
from tests.cli_support import write_config
from tests.conftest import TEST_NOW, TEST_USER


def demo_runner(folder: Path, extra_config: str = "") -> Callable[..., tuple[int, str]]:
    """`run(*args)` on a fresh copy of the demo, as the demo's manager, at the demo's instant;
    returns (exit code, stdout) with stderr kept apart."""
    config_path = write_config(folder, extra_config)
    config = load_config(str(config_path))
    clock = FrozenClock(datetime.fromisoformat(TEST_NOW))
    database = folder / "demo.db"
    demo_database(config, database, clock)
    now = clock.now().isoformat()

    def run(*args: str) -> tuple[int, str]:
        os.environ["HELPDESK_NOW"] = now
        saved = identity._real_account
        identity._real_account = lambda: TEST_USER
        out, err = io.StringIO(), io.StringIO()
        try:
            with redirect_stdout(out), redirect_stderr(err):
                try:
                    code = main(["--db", str(database), "--config", str(config_path), *args])
                except SystemExit as exit_:  # argparse refused the arguments
                    code = int(exit_.code or 0)
        finally:
            identity._real_account = saved
        return code, out.getvalue() or err.getvalue()

    run.folder = folder  # type: ignore[attr-defined]
    return run
