"""Run by test_units_of_work in two processes at once: both turn the same raised training
question into a desk question; exactly one may succeed."""

from __future__ import annotations

import json
import sys

from helpdesk.app.desk import training_to_desk
from helpdesk.errors import HelpdeskError
from tests.race_support import ready_to_race


def main(db_url: str, key_file: str, start_flag: str, raised_id: int) -> None:
    ws, actor = ready_to_race(db_url, key_file, start_flag)
    try:
        result: object = training_to_desk(ws, actor, raised_id)
    except HelpdeskError as err:
        result = f"refused: {type(err).__name__}"
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
