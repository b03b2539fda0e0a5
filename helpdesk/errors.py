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


class CalendarUnavailable(HelpdeskError):
    """A year cannot be counted: no data for it, or its local table is broken."""

    year: int


class CalendarDataMissing(CalendarUnavailable):
    """A computation needs the working-day schedule of a year that no source covers."""

    exit_code = 3

    def __init__(self, year: int, table_path: str) -> None:
        from helpdesk.i18n import t

        self.year = year
        self.table_path = table_path
        super().__init__(t("calendar.missing", year=year, path=table_path))


class CalendarTableInvalid(CalendarUnavailable):
    """The local table of a year is malformed: that year cannot be counted until it is fixed
    (the other years work)."""

    exit_code = 2

    def __init__(self, year: int, problems: str) -> None:
        from helpdesk.i18n import t

        self.year = year
        self.problems = problems
        super().__init__(t("calendar.table_broken", year=year, problems=problems))


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
