"""Errors a user can meet. Each carries a message fit to show as it is, and a CLI exit code."""

from __future__ import annotations


class HelpdeskError(Exception):
    """Base class: `str(err)` is the user-facing message."""

    exit_code = 1


class ConfigError(HelpdeskError):
    """config.toml is unreadable or invalid; message lines look like `file:line: key: problem`."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class UsageError(HelpdeskError):
    exit_code = 2


class CalendarDataMissing(HelpdeskError):
    """A computation needs the working-day schedule of a year that no source covers."""

    exit_code = 3

    def __init__(self, year: int, table_path: str) -> None:
        self.year = year
        self.table_path = table_path
        super().__init__(
            f"no working-day calendar for {year}: the chinese-calendar package does not cover it "
            f"and there is no local table. Fill {table_path} with the State Council's {year} "
            f"schedule (holidays and make-up working days); see data/calendar/README.md. "
            f"/ {year} 年的节假日安排缺失，请填写 {table_path}。"
        )


class NotAuthorized(HelpdeskError):
    exit_code = 4


class UnknownOperator(NotAuthorized):
    def __init__(self, login: str) -> None:
        self.login = login
        super().__init__(
            f"账号 {login} 未登记为本系统人员。请项目经理执行："
            f"helpdesk staff add {login} --name 姓名 --role engineer\n"
            f"The account {login!r} is not registered. Ask a manager to run: "
            f"helpdesk staff add {login} --name NAME --role engineer"
        )


class StaleEdit(HelpdeskError):
    """Someone else saved the record after we read it (optimistic locking)."""

    exit_code = 5


class NotFound(HelpdeskError):
    exit_code = 6


class DatabaseBusy(HelpdeskError):
    exit_code = 7
