"""Run by test_concurrency in several processes at once: N read-modify-write increments, each
with its audit record, all through the service layer."""

from __future__ import annotations

import json
import sys

from helpdesk.services.counters import next_number
from helpdesk.services.workspace import change
from tests.race_support import ready_to_race


def main(db_url: str, key_file: str, start_flag: str, increments: int) -> None:
    ws, actor = ready_to_race(db_url, key_file, start_flag)
    numbers = []
    for _ in range(increments):
        with change(ws, actor) as tx:
            number = next_number(tx, "race")
            tx.record("race.increment", "counter", "race", after={"value": number})
        numbers.append(number)
    print(json.dumps(numbers))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
