"""Errors a user can meet. Each is raised with a message key and its parameters and rendered by
the one translation function when shown, so the console and the CLI speak the user's language;
`code` is the stable machine name `--json` prints beside the text. Each carries a CLI exit code."""

from __future__ import annotations

from helpdesk.i18n import t


class HelpdeskError(Exception):
    """Base class: `str(err)` is the user-facing message in the current locale."""

    exit_code = 1

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    @property
    def code(self) -> str:
        return self.key.removeprefix("err.")

    def __str__(self) -> str:
        return t(self.key, **self.params)


class ConfigError(HelpdeskError):
    """config.toml (or a data file) is unreadable or invalid; each problem line looks like
    `file:line: key: problem`, the problem already in the user's language."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("err.config.invalid", problems="\n".join(problems))


class UsageError(HelpdeskError):
    exit_code = 2


class CalendarUnavailable(HelpdeskError):
    """A year cannot be counted: no data for it, or its local table is broken."""

    year: int


class CalendarDataMissing(CalendarUnavailable):
    """A computation needs the working-day schedule of a year that no source covers."""

    exit_code = 3

    def __init__(self, year: int, table_path: str) -> None:
        self.year = year
        self.table_path = table_path
        super().__init__("calendar.missing", year=year, path=table_path)


class CalendarTableInvalid(CalendarUnavailable):
    """The local table of a year is malformed: that year cannot be counted until it is fixed
    (the other years work)."""

    exit_code = 2

    def __init__(self, year: int, problems: str) -> None:
        self.year = year
        self.problems = problems
        super().__init__("calendar.table_broken", year=year, problems=problems)


class NotAuthorized(HelpdeskError):
    exit_code = 4


class UnknownOperator(NotAuthorized):
    def __init__(self, login: str) -> None:
        self.login = login
        super().__init__("err.identity.unknown", login=login)


class StaleEdit(HelpdeskError):
    """Someone else saved the record after we read it (optimistic locking)."""

    exit_code = 5


class NotFound(HelpdeskError):
    exit_code = 6


class DatabaseBusy(HelpdeskError):
    exit_code = 7


class TeamUpgradeNeeded(HelpdeskError):
    """A team database is behind the program's schema: only its administrator may migrate."""

    exit_code = 2
