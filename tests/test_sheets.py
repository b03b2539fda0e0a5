"""Every import reads the provincial system's files as they come: the old binary .xls, a title
row above the header, days written 2026年10月12日; row numbers in messages are the file's."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from helpdesk.cases.imports import import_cases
from helpdesk.cases.models import PetitionCase
from helpdesk.errors import UsageError
from helpdesk.inspection.imports import read_usage
from helpdesk.services.sheets import parse_day, read_sheet
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.expect import refused

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "provincial_export.csv"


def _cases(ws: Workspace) -> list[tuple[str, str, date | None, date | None, str]]:
    with ws.db.read() as session:
        return [(c.case_number, c.stage, c.registered_on, c.accepted_on, c.rating)
                for c in session.exec(select(PetitionCase).order_by(
                    PetitionCase.case_number)).all()]


def test_an_xls_export_with_a_title_row_and_chinese_days_imports_like_the_csv(
        units: Workspace, tmp_path: Path) -> None:
    """tests/data/provincial_export.xls: the sample csv as Excel 97 wrote it, under a title
    row and a blank row, 登记日期 as date cells, the other days as 2026年10月13日."""
    report = import_cases(units, resolve_actor(units), DATA / "provincial_export.xls")
    assert (report.rows, report.added, report.errors) == (5, 5, [])
    from_xls = _cases(units)
    assert ("GD44030420261002", "rated", date(2026, 10, 15), date(2026, 10, 20),
            "satisfied") in from_xls
    again = import_cases(units, resolve_actor(units), SAMPLE)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert _cases(units) == from_xls


def test_a_title_row_moves_the_row_numbers_with_it(units: Workspace, tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    bad = lines[2].replace("区人力资源局", "区不存在局")
    path = tmp_path / "export.csv"
    path.write_text("\n".join(["福田区信访件导出 2026年11月,,,", ",,,", lines[0], lines[1], bad]),
                    encoding="utf-8")
    report = import_cases(units, resolve_actor(units), path)
    assert [row for row, _reason in report.errors] == [5] and not report.written


def test_no_header_near_the_top_names_the_columns_it_needs(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("\n".join(["标题"] * 6 + ["信访件编号,登记日期,信访事由"]), encoding="utf-8")
    with refused(UsageError, "imports.missing_columns"):
        read_sheet(path, {"case_number": ("信访件编号",), "subject": ("信访事由",)},
                   ("case_number", "subject"))


def test_a_broken_xls_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not really an Excel file")
    with refused(UsageError, "imports.unreadable"):
        read_usage(path)


@pytest.mark.parametrize(("text", "day"), [
    ("2026年10月12日", date(2026, 10, 12)), ("2026年1月2日 09:30", date(2026, 1, 2)),
    (" 2026 年 1 月 2 日", date(2026, 1, 2)), ("2026/10/12", date(2026, 10, 12)),
    ("2026.10.12", date(2026, 10, 12)), ("2026-10-12T09:30:00", date(2026, 10, 12)),
    (datetime(2026, 10, 12, 9, 30), date(2026, 10, 12)), (date(2026, 10, 12), date(2026, 10, 12)),
    ("", None), (None, None)])
def test_days_as_they_are_typed(text: object, day: date | None) -> None:
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["2026年13月1日", "2026年2月30日", "十月十二日", "2026-10"])
def test_unreadable_days_say_so(text: str) -> None:
    with pytest.raises(ValueError, match="日期"):
        parse_day(text)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_every_day_reads_back_in_every_written_form(day: date) -> None:
    for text in (f"{day.year}年{day.month}月{day.day}日", f"{day:%Y/%m/%d}", day.isoformat(),
                 f"{day.year}年{day.month:02d}月{day.day:02d}日 08:00"):
        assert parse_day(text) == day
