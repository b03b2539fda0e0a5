"""Reading the spreadsheets users bring (the provincial system's exports, sign-in sheets,
account lists): one set of rules for every import.

- Formats: xlsx and the old binary xls (python-calamine), csv in UTF-8, UTF-8 with BOM or
  GBK/GB18030.
- The header row is found, not assumed: the provincial exports put a title row (or two) above
  it ("福田区信访件导出 2026年10月"), so the first of the top rows that names every required
  column is the header. Row numbers in messages are the file's own.
- Days may be typed 2026-10-12, 2026/10/12, 2026.10.12 or 2026年10月12日 (with or without a
  time after them); a real date cell is taken as it is."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.services.import_columns import find_columns
from helpdesk.typed import day_parts, normal

HEADER_SEARCH_ROWS = 5  # how far down a header row may sit below title rows
# A cell of a provincial export can hold a long summary: the csv module's 128 KiB default
# stopped such a file with a traceback. Process-wide, and only ever raised.
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))

_CHINESE_DAY = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _read_csv(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return list(_csv_rows(io.StringIO(text, newline=""), path))
    raise UsageError("err.imports.encoding", path=path)


def _csv_rows(lines: Iterable[str], path: Path) -> Iterator[list[Any]]:
    """The rows, or a usage error naming the line where the file stops being csv."""
    reader = csv.reader(lines)
    try:
        yield from reader
    except csv.Error as err:
        raise UsageError("err.imports.csv_line", path=path, line=reader.line_num,
                         problem=str(err)) from None


def _read_book(path: Path) -> Iterator[list[Any]]:
    """The first sheet's rows of an xlsx or of the binary Excel 97-2003 format some provincial
    exports still use, read with python-calamine (a seventh of openpyxl's CPU on the same
    file), a row at a time, as openpyxl reads them: row numbers as in the file (leading
    blank rows kept), None for an empty cell, whole numbers as int, a date as a datetime."""
    from python_calamine import CalamineError, CalamineWorkbook

    path.open("rb").close()  # a missing or unreadable file fails as itself, naming the path
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        start = sheet.start
        rows = sheet.iter_rows()
    except CalamineError as err:
        raise UsageError("err.imports.unreadable", path=path, reason=str(err)) from None
    if start is None:  # an empty sheet
        return
    first_row, first_column = start
    for _blank in range(first_row):
        yield []
    pad: list[Any] = [None] * first_column
    try:
        for row in rows:
            yield pad + [_plain(value) for value in row]
    except CalamineError as err:
        raise UsageError("err.imports.unreadable", path=path, reason=str(err)) from None


def _plain(value: Any) -> Any:
    if type(value) is str:  # most cells: the quick way out
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time())
    return value


def read_rows(path: Path) -> list[list[Any]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls"):
        return list(_read_book(path))
    if suffix == ".csv":
        return _read_csv(path)
    raise UsageError("err.imports.xlsx_or_csv", path=path)


def blank(values: Sequence[Any]) -> bool:
    return not any(v not in (None, "") for v in values)


@dataclass(frozen=True)
class Sheet:
    header: list[Any]
    columns: dict[str, int]  # field -> column index
    rows: list[tuple[int, list[Any]]]  # (row number in the file, values), blank rows left out
    header_line: int  # the header's row number in the file


def read_sheet(path: Path, headers: Mapping[str, Sequence[str]],
               required: Sequence[str]) -> Sheet:
    """The file's header (below any title rows) and its data rows."""
    rows = read_rows(path)
    candidates: list[tuple[int, list[Any]]] = []  # the first non-blank rows
    for line, row in enumerate(rows, start=1):
        if not blank(row):
            candidates.append((line, row))
            if len(candidates) == HEADER_SEARCH_ROWS:
                break
    if not candidates:
        raise UsageError("err.imports.file_empty", path=path)
    first_error: UsageError | None = None
    for line, row in candidates[:HEADER_SEARCH_ROWS]:
        try:
            columns = find_columns(row, headers, required)
        except UsageError as err:
            first_error = first_error or err
            continue
        if columns:
            data = [(number, list(values)) for number, values in
                    enumerate(rows[line:], start=line + 1) if not blank(values)]
            return Sheet(list(row), columns, data, line)
    if first_error is not None:
        raise first_error
    raise UsageError("err.imports.missing_columns", columns="; ".join(
        f"{field}: {' / '.join(labels)}" for field, labels in headers.items()))


def parse_day(value: Any) -> date | None:
    """A day from a cell; None when empty; ValueError (in the UI's language) when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = normal(str(value))
    # what a form accepts (helpdesk/typed.py), a time of day after it ignored
    parts = day_parts(text) or day_parts(text.split(" ")[0].split("T")[0])
    try:
        if parts is None:
            raise ValueError(text)
        return date(*parts)
    except ValueError:
        raise ValueError(t("err.imports.bad_date", value=str(value))) from None


@dataclass(frozen=True)
class StreamedSheet:
    columns: dict[str, int]
    header_line: int
    rows: Iterator[tuple[int, list[Any]]]  # (row number in the file, values), blank rows skipped


def _stream_csv(path: Path) -> Iterator[list[Any]]:
    """A csv a line at a time: UTF-8 (with or without BOM) when its first megabyte reads as
    such, else GB18030 (a superset of GBK)."""
    with path.open("rb") as handle:
        sample = handle.read(1 << 20)
    encoding = "utf-8-sig"
    try:
        sample.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if err.start < len(sample) - 4:  # not merely a character cut at the sample's end
            encoding = "gb18030"
    with path.open(encoding=encoding, newline="", errors="strict") as text:
        try:
            yield from _csv_rows(text, path)
        except UnicodeDecodeError:
            raise UsageError("err.imports.encoding", path=path) from None


def stream_rows(path: Path) -> Iterator[list[Any]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls"):
        return _read_book(path)
    if suffix == ".csv":
        return _stream_csv(path)
    raise UsageError("err.imports.xlsx_or_csv", path=path)


def stream_sheet(path: Path, headers: Mapping[str, Sequence[str]],
                 required: Sequence[str]) -> StreamedSheet:
    """Like `read_sheet`, for exports too large to hold: the header is found in the first rows
    and the data rows are read as they are iterated (once)."""
    rows = stream_rows(path)
    first_error: UsageError | None = None
    seen = 0
    for line, row in enumerate(rows, start=1):
        if blank(row):
            continue
        seen += 1
        try:
            columns = find_columns(row, headers, required)
        except UsageError as err:
            first_error = first_error or err
            if seen >= HEADER_SEARCH_ROWS:
                break
            continue
        start = line

        def data(rows: Iterator[list[Any]] = rows, start: int = start
                 ) -> Iterator[tuple[int, list[Any]]]:
            for number, values in enumerate(rows, start=start + 1):
                if not blank(values):
                    yield number, list(values)

        return StreamedSheet(columns, line, data())
    if first_error is not None:
        raise first_error
    raise UsageError("err.imports.file_empty", path=path)


def parse_instant(value: Any, zone: Any) -> datetime:
    """A moment from a cell: a datetime cell, or 2026-11-03 09:15[:22] (also with / or .
    between the date's parts, or 年月日), in `zone` when it carries none. ValueError (in the
    UI's language) when unreadable."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    text = str(value or "").strip()
    if len(text) >= 16 and text[4] == "-" and text[10] == " ":  # the exports' own form
        try:
            parsed = datetime.fromisoformat(text)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
        except ValueError:
            pass
    chinese = _CHINESE_DAY.match(text)
    if chinese:
        year, month, day = chinese.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}{text[chinese.end():]}"
    text = re.sub(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})",
                  lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", text)
    try:
        parsed = datetime.fromisoformat(text.replace("T", " ").strip())
    except ValueError:
        raise ValueError(t("err.imports.bad_instant", value=str(value)[:40])) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
