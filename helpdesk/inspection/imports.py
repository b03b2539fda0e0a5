"""Usage figures from the provincial system's export: one row per institution (机构名称, 是否接入,
开通账号数, 停用账号数, 活跃账号数), summed into the month's figures. All or nothing: one bad row
refuses the file, every bad row is listed by its row number."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpdesk.actor import Actor
from helpdesk.i18n import t
from helpdesk.inspection.actions import InspectionView, set_usage
from helpdesk.inspection.usage import InstitutionLine, UsageFigures
from helpdesk.services.sheets import read_sheet
from helpdesk.services.workspace import Workspace
from helpdesk.text import clean

HEADERS: dict[str, tuple[str, ...]] = {
    "institution": ("机构名称", "单位名称", "机构"),
    "connected": ("是否接入", "接入状态", "已接入"),
    "issued": ("开通账号数", "账号数", "已开通账号"),
    "disabled": ("停用账号数", "已停用账号"),
    "active": ("活跃账号数", "活跃账号", "登录账号数"),
}
REQUIRED = ("institution", "connected", "issued", "active")
YES = {"是", "已接入", "接入", "y", "yes", "1", "true", "√"}
NO = {"否", "未接入", "n", "no", "0", "false", "×", ""}


@dataclass(frozen=True)
class UsageImportReport:
    rows: int
    figures: UsageFigures | None
    errors: list[tuple[int, str]] = field(default_factory=list)
    imported: bool = False
    institutions: tuple[InstitutionLine, ...] = ()


def _count(value: Any) -> int:
    if value is None or str(value).strip() == "":
        return 0
    try:
        number = float(str(value).strip())
    except ValueError:
        number = -1.0
    if number < 0 or number != int(number):
        raise ValueError(t("err.imports.not_count", value=str(value)))
    return int(number)


def read_usage(path: Path) -> UsageImportReport:
    sheet = read_sheet(path, HEADERS, REQUIRED)
    columns = sheet.columns
    errors: list[tuple[int, str]] = []
    expected = connected = issued = disabled = active = 0
    seen: dict[str, int] = {}
    lines: list[InstitutionLine] = []
    counted = 0
    for line, values in sheet.rows:
        def cell(key: str, values: list[Any] = values) -> Any:
            index = columns.get(key)
            return values[index] if index is not None and index < len(values) else None
        name = clean(str(cell("institution") or ""), single_line=True).strip()
        if not name and all(v in (None, "") for v in values):
            continue
        try:
            if not name:
                raise ValueError(t("err.imports.no_institution"))
            if name in seen:
                raise ValueError(t("err.imports.same_institution", row=seen[name]))
            flag = str(cell("connected") or "").strip().lower()
            if flag not in YES | NO:
                raise ValueError(t("err.imports.bad_connected", value=flag))
            row_issued, row_active = _count(cell("issued")), _count(cell("active"))
            row_disabled = _count(cell("disabled"))
            if row_active + row_disabled > row_issued:
                raise ValueError(t("err.imports.accounts_exceed"))
        except ValueError as err:
            errors.append((line, str(err)))
            continue
        seen[name] = line
        lines.append(InstitutionLine(name, flag in YES, row_issued, row_disabled, row_active))
        counted += 1
        expected += 1
        connected += flag in YES
        issued += row_issued
        disabled += row_disabled
        active += row_active
    if errors:
        return UsageImportReport(counted, None, errors)
    return UsageImportReport(counted, UsageFigures(expected, connected, issued, disabled, active),
                             institutions=tuple(lines))


def import_usage(ws: Workspace, actor: Actor, inspection_id: int, path: Path, *,
                 dry_run: bool = False) -> tuple[UsageImportReport, InspectionView | None]:
    report = read_usage(path)
    if report.errors or report.figures is None or dry_run:
        return report, None
    view = set_usage(ws, actor, inspection_id, None, report.figures, source=path.name,
                     institutions=report.institutions)
    return UsageImportReport(report.rows, report.figures, [], True, report.institutions), view
