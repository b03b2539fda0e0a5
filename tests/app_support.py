"""Building the console on a fresh demo database for pilot and snapshot tests."""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from helpdesk.app.opening import open_workspace
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.config.schema import CalendarConfig, UiConfig
from helpdesk.data.settings import DataServiceConfig
from helpdesk.demo.build import build_demo
from helpdesk.security.settings import SecurityConfig
from screens.app import HelpdeskApp
from tests.conftest import TEST_USER

# One demo database per (instant, settings that shape its data) for the whole test run,
# copied for each test: building it takes seconds, copying it milliseconds.
_TEMPLATES: dict[str, tuple[Path, datetime]] = {}
_TEMPLATE_ROOT = Path(tempfile.mkdtemp(prefix="helpdesk-demo-templates-"))
atexit.register(shutil.rmtree, _TEMPLATE_ROOT, True)


def _template(config: Config, clock: FrozenClock) -> tuple[Path, datetime]:
    """The demo built once for this instant and these settings; returns its folder and the
    instant the demo's timeline left the clock at."""
    shape = replace(config, source=None, calendar=CalendarConfig(), security=SecurityConfig(),
                    data_service=DataServiceConfig(), keys={}, ui=UiConfig())
    key = hashlib.sha256(f"{clock.now().isoformat()}|{shape!r}".encode()).hexdigest()[:16]
    found = _TEMPLATES.get(key)
    if found is None:
        folder = _TEMPLATE_ROOT / key
        folder.mkdir()
        built = replace(config, security=replace(config.security,
                                                 audit_key_file=str(folder / "audit.key")))
        ws = open_workspace(built, str(folder / "demo.db"), clock=clock, os_user=TEST_USER,
                            durable=False)
        build_demo(ws, clock)
        ws.db.dispose()
        found = _TEMPLATES[key] = (folder, clock.now())
    return found


def demo_database(config: Config, path: Path, clock: FrozenClock) -> None:
    """A fresh demo database at `path` (its audit key where `config` keeps it), the clock
    moved as building it would have."""
    folder, after = _template(config, clock)
    for suffix in ("", "-wal", "-shm"):
        source = folder / f"demo.db{suffix}"
        if source.exists():
            shutil.copy2(source, path.with_name(path.name + suffix))
    key = Path(config.security.audit_key_file) if config.security.audit_key_file \
        else path.with_name(path.name + ".key")
    key.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(folder / "audit.key", key)
    shutil.copy2(folder / "audit.key.anchor", key.with_name(key.name + ".anchor"))
    clock.set(after)


def demo_app(config: Config, tmp_path: Path, clock: FrozenClock, *, os_user: str = TEST_USER,
             **ui: Any) -> HelpdeskApp:
    path = tmp_path / "demo.db"
    if not path.exists():
        demo_database(config, path, clock)
    if ui:
        config = replace(config, ui=replace(config.ui, **ui))
    return HelpdeskApp(config, str(path), clock=clock, os_user=os_user)


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and their results reach the screen."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        await pilot.pause()
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # superseded by a newer one (an exclusive reload): wait on
            continue             # that one in the next round
    await pilot.pause()


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], what: str,
                     timeout: float = 15.0) -> None:
    """Settle until the condition holds; a loaded CI machine may need several rounds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what} on {pilot.app.screen!r}, "
                                 f"focused {pilot.app.focused!r}")
        await settle(pilot)
        await pilot.pause(0.05)
