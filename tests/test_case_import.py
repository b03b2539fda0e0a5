"""Importing the provincial export: encodings and xlsx, row-numbered errors with nothing
half-written, skip-invalid, dry run, idempotent re-import, forward-only updates."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import func, select

from helpdesk.cases.imports import import_cases
from helpdesk.cases.models import PetitionCase
from helpdesk.errors import UsageError
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.expect import refused

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "provincial_export.csv"
HEADER = ",".join(("信访件编号", "登记日期", "信访形式", "信访人", "证件号码", "信访事由",
                   "责任单位", "转送日期", "受理日期", "答复日期", "满意度"))


def _count(ws: Workspace) -> int:
    with ws.db.read() as session:
        return int(session.exec(select(func.count()).select_from(PetitionCase)).one())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_the_shipped_sample_imports_in_every_encoding(units: Workspace, tmp_path: Path,
                                                      encoding: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode(encoding))
    report = import_cases(units, resolve_actor(units), path)
    assert (report.rows, report.added, report.errors, report.written) == (5, 5, [], True)
    with units.db.read() as session:
        case = session.exec(select(PetitionCase).where(
            PetitionCase.case_number == "GD44030420261002")).one()
    assert (case.stage, case.rating, case.channel) == ("rated", "satisfied", "online")


def test_xlsx_with_excel_dates(units: Workspace, tmp_path: Path) -> None:
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append(["X-1", datetime(2026, 10, 12), "来信", "张三", "", "噪音", "福田街道",
                  datetime(2026, 10, 13), None, None, None])
    path = tmp_path / "export.xlsx"
    book.save(path)
    report = import_cases(units, resolve_actor(units), path)
    assert report.added == 1 and not report.errors


def _csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "rows.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


BAD_ROWS = (
    "G-1,2026-10-12,来信,张三,,诉求一,福田街道,2026-10-13,,,",          # row 2: good
    "G-2,2026-13-01,来信,李四,,诉求二,福田街道,,,,",                     # row 3: bad date
    "G-3,2026-10-12,来信,王五,110105194912310021,诉求三,福田街道,,,,",   # row 4: bad checksum
    "G-4,2026-10-12,传真,赵六,,诉求四,火星街道,,,,",                     # row 5: channel, unit
    "G-5,2026-10-12,来信,钱七,,诉求五,福田街道,,,2026-11-01,",           # row 6: no acceptance
)


def test_bad_rows_are_reported_and_nothing_is_half_written(units: Workspace,
                                                           tmp_path: Path) -> None:
    report = import_cases(units, resolve_actor(units), _csv(tmp_path, *BAD_ROWS))
    assert [row for row, _ in report.errors] == [3, 4, 5, 6]
    reasons = dict(report.errors)
    assert "日期" in reasons[3] and "校验码" in reasons[4]
    assert "传真" in reasons[5] and "火星街道" in reasons[5] and "未受理" in reasons[6]
    assert report.unknown_units == {"火星街道"}
    assert not report.written and _count(units) == 0


def test_skip_invalid_keeps_the_good_rows(units: Workspace, tmp_path: Path) -> None:
    report = import_cases(units, resolve_actor(units), _csv(tmp_path, *BAD_ROWS),
                          skip_invalid=True)
    assert report.written and report.added == 1 and _count(units) == 1


def test_dry_run_writes_nothing(units: Workspace, tmp_path: Path) -> None:
    report = import_cases(units, resolve_actor(units), SAMPLE, dry_run=True)
    assert (report.added, report.written, _count(units)) == (5, False, 0)


def test_reimport_is_idempotent_and_newer_exports_move_forward(units: Workspace,
                                                               tmp_path: Path) -> None:
    actor = resolve_actor(units)
    import_cases(units, actor, SAMPLE)
    again = import_cases(units, actor, SAMPLE)
    assert (again.added, again.updated, again.unchanged, _count(units)) == (0, 0, 5, 5)
    newer = _csv(tmp_path, "GD44030420261001,2026-10-12,来信,张三,,小区噪音扰民,福田街道,"
                           "2026-10-13,2026-10-16,2026-11-20,基本满意")
    report = import_cases(units, actor, newer)
    assert (report.updated, report.added) == (1, 0)
    older = _csv(tmp_path, "GD44030420261001,2026-10-12,来信,张三,,小区噪音扰民,福田街道,"
                           "2026-10-13,,,")
    backwards = import_cases(units, actor, older)
    assert backwards.updated == 0 and "未回退" in backwards.warnings[0][1]
    with units.db.read() as session:
        case = session.exec(select(PetitionCase).where(
            PetitionCase.case_number == "GD44030420261001")).one()
    assert (case.stage, case.rating) == ("rated", "basically")


def test_missing_required_column_refuses_the_file(units: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("编号,日期\n1,2026-10-10\n", encoding="utf-8")
    with refused(UsageError, "imports.missing_columns"):
        import_cases(units, resolve_actor(units), path)


def test_one_case_twice_in_a_file_names_both_rows(units: Workspace, tmp_path: Path) -> None:
    report = import_cases(units, resolve_actor(units), _csv(
        tmp_path, "D-1,2026-10-12,来信,张三,,诉求一,福田街道,2026-10-13,,,",
        "D-2,2026-10-12,来信,李四,,诉求二,福田街道,,,,",
        "D-1,2026-10-12,来信,张三,,诉求一（更正）,福田街道,2026-10-13,,,"))
    assert report.errors == [(4, "信访件 D-1 在第 2 行和第 4 行重复出现")]
    assert not report.written and _count(units) == 0


def test_the_bulk_insert_values_cover_every_case_column() -> None:
    """New cases are inserted from NewCase's values: a column added to petition_case must be
    added there too (or the import would leave it to its default silently)."""
    from dataclasses import fields

    from helpdesk.cases.models import NewCase, PetitionCase

    columns = {column.name for column in PetitionCase.__table__.columns}  # type: ignore[attr-defined]
    assert {f.name for f in fields(NewCase)} == columns - {"id"}


def test_a_bulk_import_leaves_the_planner_statistics(units: Workspace,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 33: after a bulk import nothing ran ANALYZE (PostgreSQL: 2-10x slower until
    VACUUM). An import of BULK_ROWS cases or more refreshes its tables' statistics."""
    from sqlalchemy import text

    from helpdesk.cases import imports
    from helpdesk.storage.database import Database

    asked: list[tuple[str, ...]] = []
    real = Database.refresh_statistics

    def spy(db: Database, *tables: str) -> None:
        asked.append(tables)
        real(db, *tables)

    monkeypatch.setattr(Database, "refresh_statistics", spy)
    monkeypatch.setattr(imports, "BULK_ROWS", 5)  # the sample's five cases
    assert import_cases(units, resolve_actor(units), SAMPLE).added == 5
    assert asked == [("petition_case", "case_event")]
    with units.db.engine.connect() as connection:
        if units.db.is_sqlite:
            counted = connection.execute(text(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = 'petition_case' "
                "AND idx = 'ix_case_registered'")).scalar()
            assert counted is not None and counted.split()[0] == "5"
        else:
            counted = connection.execute(text(
                "SELECT reltuples FROM pg_class WHERE relname = 'petition_case'")).scalar()
            assert counted == 5


def test_an_unchanged_row_is_not_even_parsed_again(units: Workspace, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The daily export is mostly yesterday's: a row whose cells hash as when it was last
    imported is counted unchanged without parsing (issue 33: an unchanged re-import cost 85 %
    of a full one); a row that changed is parsed and applied, and its hash kept; a row that
    would move a case back is parsed, and warned of, every time."""
    from helpdesk.cases import imports

    actor = resolve_actor(units)
    first = import_cases(units, actor, SAMPLE)
    assert first.added == 5
    parsed: list[int] = []
    real = imports._parse

    def counted(line: int, *args: object, **kwargs: object) -> object:
        parsed.append(line)
        return real(line, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(imports, "_parse", counted)
    again = import_cases(units, actor, SAMPLE)
    assert (again.unchanged, again.updated, parsed) == (5, 0, [])
    rows = SAMPLE.read_text(encoding="utf-8").splitlines()
    changed = rows[1].replace("小区", "小区（更正）")  # the summary or subject corrected
    edited = tmp_path / "edited.csv"
    edited.write_text("\n".join([rows[0], changed, *rows[2:]]) + "\n", encoding="utf-8")
    parsed.clear()
    report = import_cases(units, actor, edited)
    assert parsed == [2] and report.unchanged == 5  # moved nothing: unchanged, hash kept
    parsed.clear()
    assert import_cases(units, actor, edited).unchanged == 5 and parsed == []
    twice = tmp_path / "twice.csv"
    twice.write_text("\n".join([rows[0], rows[1], rows[1]]) + "\n", encoding="utf-8")
    assert [line for line, _reason in import_cases(units, actor, twice).errors] == [3]


def test_a_file_that_is_not_a_workbook_is_refused_by_name(units: Workspace,
                                                         tmp_path: Path) -> None:
    bad = tmp_path / "export.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    with refused(UsageError, "imports.unreadable"):
        import_cases(units, resolve_actor(units), bad)
