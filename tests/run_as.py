"""`python -m tests.run_as LOGIN ARGS...`: the CLI as if the process's real uid were LOGIN's.
Tests need several people on one machine; the program itself only believes the kernel."""

from __future__ import annotations

import sys

from helpdesk import identity
from helpdesk.clock import allow_environment_clock


def main() -> int:
    login = sys.argv[1]
    identity._real_account = lambda: login
    allow_environment_clock()  # the test suite's process: HELPDESK_NOW on any database
    from helpdesk.cli.main import main as cli

    return int(cli(sys.argv[2:]))


if __name__ == "__main__":
    sys.exit(main())
