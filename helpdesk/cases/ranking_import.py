"""Importing the province's ranking table (xlsx, xls or csv, by the one set of sheet rules): one
row per period and rate, 期间 (2026-10, 2026-Q4 or 2026), 指标 (及时受理率…, or the code),
排名, 参评区县数, and optionally 全省平均 and 本区数值. All or nothing: one bad row refuses the
file and every bad row is listed by its row number; importing the same table again changes
nothing but the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpdesk.actor import Actor
from helpdesk.calendar.periods import any_period
from helpdesk.cases.ranking import list_ranks, parse_percent, record_rank
from helpdesk.cases.rates import RATE_NAMES
from helpdesk.choices import parse_choice
from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.services.sheets import read_sheet
from helpdesk.services.workspace import Workspace, change
from helpdesk.text import clean

HEADERS: dict[str, tuple[str, ...]] = {
    "period": ("期间", "统计期间", "考核期间", "月份", "period"),
    "rate": ("指标", "考核指标", "rate"),
    "rank": ("排名", "名次", "全省排名", "rank"),
    "ranked": ("参评区县数", "参评单位数", "区县数", "ranked", "of"),
    "province_average": ("全省平均", "全省平均值", "province average"),
    "district_value": ("本区数值", "本区", "得分", "district value"),
}
REQUIRED = ("period", "rate", "rank", "ranked")


@dataclass
class RankImportReport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False


@dataclass(frozen=True)
class _Row:
    period: str
    rate: str
    rank: int
    ranked: int
    province_average: float | None
    district_value: float | None


def _whole(value: Any) -> int:
    try:
        number = float(str(value).strip())
    except ValueError:
        number = -1.0
    if number < 1 or number != int(number):
        raise UsageError("err.imports.not_count", value=str(value)[:40])
    return int(number)


def _parse(values: list[Any], columns: dict[str, int]) -> _Row:
    def cell(name: str) -> Any:
        index = columns.get(name)
        return values[index] if index is not None and index < len(values) else None

    period = any_period(clean(str(cell("period") or ""), single_line=True)).label
    rate = parse_choice(clean(str(cell("rate") or ""), single_line=True), "rates", RATE_NAMES)
    rank, ranked = _whole(cell("rank")), _whole(cell("ranked"))
    if rank > ranked:
        raise UsageError("err.ranking.rank", rank=rank, ranked=ranked)
    return _Row(period, rate, rank, ranked, parse_percent(cell("province_average")),
                parse_percent(cell("district_value")))


def import_ranks(ws: Workspace, actor: Actor, path: Path, *,
                 dry_run: bool = False) -> RankImportReport:
    sheet = read_sheet(path, HEADERS, REQUIRED)
    report = RankImportReport(rows=len(sheet.rows), dry_run=dry_run)
    parsed: list[_Row] = []
    seen: dict[tuple[str, str], int] = {}
    for line, values in sheet.rows:
        try:
            row = _parse(values, sheet.columns)
        except UsageError as err:
            report.errors.append((line, str(err)))
            continue
        if (row.period, row.rate) in seen:
            report.errors.append((line, t("err.ranking.same_row",
                                          row=seen[(row.period, row.rate)])))
            continue
        seen[(row.period, row.rate)] = line
        parsed.append(row)
    current = {(rank.period, rank.rate): rank for rank in list_ranks(ws, actor)}
    for row in parsed:
        known = current.get((row.period, row.rate))
        if known is None:
            report.added += 1
        elif (known.rank, known.ranked, known.province_average, known.district_value) == \
                (row.rank, row.ranked, row.province_average, row.district_value):
            report.unchanged += 1
        else:
            report.updated += 1
    if dry_run or report.errors:
        return report
    with change(ws, actor) as tx:
        for row in parsed:
            known = current.get((row.period, row.rate))
            if known is not None and (known.rank, known.ranked, known.province_average,
                                      known.district_value) == (
                    row.rank, row.ranked, row.province_average, row.district_value):
                continue
            record_rank(ws, actor, row.period, row.rate, row.rank, row.ranked,
                        province_average=row.province_average,
                        district_value=row.district_value, source=path.name)
        tx.record("ranking.import", "province_rank", None,
                  after={"file": path.name, "rows": report.rows, "added": report.added,
                         "updated": report.updated, "unchanged": report.unchanged})
    report.written = True
    return report
