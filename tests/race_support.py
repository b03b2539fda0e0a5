"""For the worker processes of the race tests: a workspace ready to write, returned once the
start flag appears, so that every worker starts at the same moment."""

from __future__ import annotations

import time
from pathlib import Path

from helpdesk.actor import Actor
from helpdesk.app.opening import open_workspace
from helpdesk.clock import allow_environment_clock
from helpdesk.config import Config
from helpdesk.security.settings import SecurityConfig
from helpdesk.services.workspace import Workspace


def ready_to_race(db_url: str, key_file: str, start_flag: str) -> tuple[Workspace, Actor]:
    allow_environment_clock()  # a process of the test suite (helpdesk/clock.py)
    config = Config(security=SecurityConfig(audit_key_file=key_file))
    ws = open_workspace(config, db_url, migrate=False, os_user="tester")
    ws.audit_key  # noqa: B018  (load the key before the race starts)
    while not Path(start_flag).exists():
        time.sleep(0.005)
    return ws, Actor("tester", "测试", "engineer")
