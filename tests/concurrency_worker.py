"""Run by test_concurrency in several processes at once: N read-modify-write increments, each
with its audit record, all through the service layer."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from helpdesk.actor import Actor
from helpdesk.config import Config
from helpdesk.config.schema import SecurityConfig
from helpdesk.services.counters import next_number
from helpdesk.services.workspace import change, open_workspace


def main(db_url: str, key_file: str, start_flag: str, increments: int) -> None:
    config = Config(security=SecurityConfig(audit_key_file=key_file))
    ws = open_workspace(config, db_url, migrate=False, os_user="tester")
    actor = Actor("tester", "测试", "engineer")
    ws.audit_key  # noqa: B018  (load the key before the race starts)
    while not Path(start_flag).exists():
        time.sleep(0.005)
    numbers = []
    for _ in range(increments):
        with change(ws, actor) as tx:
            number = next_number(tx, "race")
            tx.record("race.increment", "counter", "race", after={"value": number})
        numbers.append(number)
    print(json.dumps(numbers))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
