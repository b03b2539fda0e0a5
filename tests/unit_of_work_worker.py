"""Run by test_units_of_work in two processes at once: both turn the same raised training
question into a desk question; exactly one may succeed."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from helpdesk.actor import Actor
from helpdesk.config import Config
from helpdesk.config.schema import SecurityConfig
from helpdesk.errors import HelpdeskError
from helpdesk.services.training_questions import to_desk_question
from helpdesk.services.workspace import open_workspace


def main(db_url: str, key_file: str, start_flag: str, raised_id: int) -> None:
    config = Config(security=SecurityConfig(audit_key_file=key_file))
    ws = open_workspace(config, db_url, migrate=False, os_user="tester")
    actor = Actor("tester", "测试", "engineer")
    ws.audit_key  # noqa: B018  (load the key before the race starts)
    while not Path(start_flag).exists():
        time.sleep(0.005)
    try:
        result: object = to_desk_question(ws, actor, raised_id)
    except HelpdeskError as err:
        result = f"refused: {type(err).__name__}"
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
