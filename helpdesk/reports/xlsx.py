"""An inspection report as an xlsx workbook: one sheet per section, charts where a bureau expects
one (questions by category and unit, the weekly trend, the rates' monthly trend). openpyxl is
imported lazily."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from helpdesk.cases.rates import RATE_NAMES, Rate, basis_text
from helpdesk.count import Count
from helpdesk.i18n import t
from helpdesk.monitoring.oplog_figures import UsageLine
from helpdesk.reports.figures import GroupSla, ReportFigures
from helpdesk.reports.markdown import oplog_headers, period_title, ranking_headers
from helpdesk.reports.sheet_writer import SheetWriter, bar_rows


def _value(rate: Rate | None) -> float | None:
    return None if rate is None else rate.value


def _counts(writer: SheetWriter, title: str, counts: Sequence[Count]) -> tuple[int, int]:
    return writer.table((title, t("report.count")), ((c.label, c.count) for c in counts))


def _groups(writer: SheetWriter, title: str, groups: Sequence[GroupSla]) -> tuple[int, int]:
    """Questions per group with first response and resolution in time (as %), breaches."""
    return writer.table(
        (title, t("report.questions"), t("report.response_met"),
         t("report.resolution_met"), t("report.breaches_short")),
        ((g.label, g.count, g.sla.response.value, g.sla.resolution.value, g.sla.breaches)
         for g in groups), percent_columns=(3, 4))


def _bar(writer: SheetWriter, title: str, first: int, last: int,
         columns: Sequence[int] = (2,), percent: bool = False) -> None:
    """Horizontal bars, one per row of the table (header `first`, rows to `last`), every
    category labelled; nothing when the table has no rows."""
    from openpyxl.chart import BarChart, Reference

    if last <= first:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    for column in columns:
        chart.add_data(Reference(writer.sheet, min_col=column, min_row=first, max_row=last),
                       titles_from_data=True)
    if len(columns) == 1:
        chart.legend = None
    chart.set_categories(Reference(writer.sheet, min_col=1, min_row=first + 1, max_row=last))
    chart.x_axis.tickLblSkip = 1  # every unit named (LibreOffice skipped two in three)
    chart.x_axis.scaling.orientation = "maxMin"  # the table's order, top to bottom
    if percent:
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        chart.y_axis.number_format = "0%"
    writer.chart(chart, bar_rows((last - first) * len(columns)))


def _line(writer: SheetWriter, title: str, first: int, last: int, columns: Sequence[int],
          percent: bool) -> bool:
    """A line per column over the table's rows; only where there are two points or more
    (one point draws an empty chart). Whether it was drawn."""
    from openpyxl.chart import LineChart, Reference

    if last - first < 2:
        return False
    chart = LineChart()
    chart.title = title
    for column in columns:
        chart.add_data(Reference(writer.sheet, min_col=column, min_row=first, max_row=last),
                       titles_from_data=True)
    chart.set_categories(Reference(writer.sheet, min_col=1, min_row=first + 1, max_row=last))
    for series in chart.series:  # openpyxl smooths lines by default: the curve overshoots
        series.smooth = False
    if percent:
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        chart.y_axis.number_format = "0%"
    writer.chart(chart)
    return True


def _summary(book: Any, figures: ReportFigures) -> None:
    writer = SheetWriter(book, t("report.sheet_summary"))
    writer.title(f"{figures.bureau} {period_title(figures)}", 16)
    sla, cases, coverage = figures.sla, figures.cases, figures.coverage
    done = sum(1 for i in figures.inspections if i.state in ("met", "late"))
    required = sum(1 for i in figures.inspections if i.state)
    rows: list[tuple[str, object]] = [
        (t("report.contract"), figures.contract), (t("report.vendor"), figures.vendor),
        (t("report.period"), f"{figures.period.start} — {figures.period.end}"),
        (t("report.generated"), figures.generated_at),
        (t("report.audit_head"), figures.chain_head),
        (t("report.questions"), sla.questions),
        (t("report.response_met"), sla.response.value),
        (t("report.resolution_met"), sla.resolution.value),
        (t("report.breaches"), sla.breaches),
        (t("report.cases_registered"), cases.registered),
        (t("report.urgings"), cases.urgings),
        *((t(f"rates.{n}"), getattr(figures.rates.overall, n).value) for n in RATE_NAMES),
        (t("report.trainings_held"), len(figures.trainings)),
        (t("report.onsite_coverage"), coverage.percent / 100),
        (t("report.inspections_done"), f"{done}/{required}"),
        (t("report.new_trackers_short"), figures.new_trackers_total),
        (t("report.data_requests"), figures.data_service.received),
    ]
    percent_rows = {t("report.response_met"), t("report.resolution_met"),
                    t("report.onsite_coverage"), *(t(f"rates.{n}") for n in RATE_NAMES)}
    for label, value in rows:
        writer.line(label, value)
        if label in percent_rows:
            writer.sheet.cell(writer.row - 1, 2).number_format = "0.0%"
    writer.finish()


def _questions(book: Any, figures: ReportFigures) -> None:
    writer = SheetWriter(book, t("report.sheet_questions"))
    writer.title(t("report.s_questions"))
    first, last = _groups(writer, t("report.by_category"), figures.by_category)
    _bar(writer, t("report.by_category"), first, last)
    _groups(writer, t("report.by_channel"), figures.by_channel)
    first, last = _groups(writer, t("report.by_unit"), figures.by_unit)
    _bar(writer, t("report.by_unit"), first, last)
    writer.finish()


def _weekly(book: Any, figures: ReportFigures) -> None:
    writer = SheetWriter(book, t("report.sheet_weekly"))
    writer.title(t("report.weekly"))
    first, last = writer.table(
        (t("report.week"), t("report.questions"), t("report.response_met"),
         t("report.resolution_met")),
        ((f"{w.start:%m-%d}", w.sla.questions, w.sla.response.value, w.sla.resolution.value)
         for w in figures.weeks), percent_columns=(3, 4))
    if not _line(writer, t("report.trend_questions"), first, last, (2,), percent=False):
        _bar(writer, t("report.trend_questions"), first, last)
    if not _line(writer, t("report.trend_attainment"), first, last, (3, 4), percent=True):
        _bar(writer, t("report.trend_attainment"), first, last, (3, 4), percent=True)
    writer.finish()


def _breaches(book: Any, figures: ReportFigures) -> None:
    writer = SheetWriter(book, t("report.sheet_breaches"))
    writer.title(t("report.breaches"))
    writer.table((t("report.number"), t("report.title"), t("report.unit"), t("report.asker"),
                  t("report.category"), t("report.priority"), t("report.clock"),
                  t("report.due"), t("report.done")),
                 ((b.number, b.title, b.unit, b.asker, b.category, b.priority,
                   t(f"report.clock_{b.clock}"), b.due, b.done or t("report.still_open"))
                  for b in figures.breaches))
    if figures.sla.breaches > len(figures.breaches):
        writer.line(t("report.more_breaches", shown=len(figures.breaches),
                      total=figures.sla.breaches))
    writer.finish()


def _repeated_and_config(book: Any, figures: ReportFigures) -> None:
    writer = SheetWriter(book, t("report.sheet_repeated"))
    writer.title(t("report.s_repeated"))
    writer.table((t("report.title"), t("report.count"), t("report.article")),
                 ((r.title, r.count, r.article) for r in figures.repeated))
    writer.title(t("report.s_config"), 12)
    _counts(writer, t("report.config_kind"), figures.config_requests)
    writer.finish()


def _cases(book: Any, figures: ReportFigures) -> None:
    writer = SheetWriter(book, t("report.sheet_cases"))
    writer.title(t("report.s_cases"))
    cases = figures.cases
    for label, value in ((t("report.cases_registered"), cases.registered),
                         (t("report.cases_closed"), cases.closed),
                         (t("report.cases_open"), cases.open_at_end),
                         (t("report.urgings"), cases.urgings)):
        writer.line(label, value)
    writer.row += 1
    _counts(writer, t("report.urging_step"), cases.urgings_by_step)
    proxy = figures.proxy
    writer.title(t("report.s_proxy"), 12)
    writer.table((t("proxy.action"), t("report.count")),
                 [*((t(f"proxy.action_{c.label}"), c.count) for c in proxy.by_action),
                  (t("report.proxy_total"), proxy.total),
                  (t("report.proxy_by_hand"), proxy.registered_by_hand),
                  (t("report.proxy_confirmed"), proxy.confirmed)])
    writer.finish()


def _rates(book: Any, figures: ReportFigures) -> None:
    writer = SheetWriter(book, t("report.sheet_rates"))
    writer.title(t("report.s_rates"))
    rates = figures.rates
    overall = writer.table((t("report.rate"), t("report.value"), t("report.numerator"),
                  t("report.denominator"), t("report.previous")),
                 ((t(f"rates.{n}"), getattr(rates.overall, n).value,
                   getattr(rates.overall, n).numerator, getattr(rates.overall, n).denominator,
                   getattr(rates.previous, n).value if rates.previous else None)
                  for n in RATE_NAMES), percent_columns=(2, 5))
    writer.line(basis_text(rates.basis))
    first, last = writer.table(
        (t("report.month"), *(t(f"rates.{n}") for n in RATE_NAMES)),
        ((month, *(getattr(r, n).value for n in RATE_NAMES))
         for month, r in figures.monthly_rates), percent_columns=(2, 3, 4, 5))
    if not _line(writer, t("report.rates_trend"), first, last, (2, 3, 4, 5), percent=True) \
            and rates.previous is not None:  # one month: this month against the one before
        _bar(writer, t("report.rates_compared"), *overall, columns=(2, 5), percent=True)
    if figures.ranks:
        writer.title(t("ranking.title"), 12)
        # Moves and gaps as numbers shown signed (text starting + or = would be made inert).
        first, last = writer.table(ranking_headers(), (
            (r.period, t(f"rates.{r.rate}"), f"{r.rank}/{r.ranked}", r.movement,
             r.province_average, r.district_value, _value(r.own),
             None if r.gap is None else round(r.gap * 100, 1)) for r in figures.ranks),
            percent_columns=(5, 6, 7))
        for row in range(first + 1, last + 1):
            writer.sheet.cell(row, 4).number_format = '"▲"0;"▼"0;"="'
            writer.sheet.cell(row, 8).number_format = '+0.0;-0.0;0.0'

        writer.line(t("report.rank_note"))
    if rates.units:
        writer.title(t("report.rates_units"), 12)
        writer.table((t("report.unit"), *(t(f"rates.{n}") for n in RATE_NAMES)),
                     ((u.unit, *(getattr(u, n).value for n in RATE_NAMES))
                      for u in rates.units), percent_columns=(2, 3, 4, 5))
    writer.finish()


def _training_onsite(book: Any, figures: ReportFigures) -> None:
    writer = SheetWriter(book, t("report.sheet_training"))
    writer.title(t("report.s_training"))
    writer.table((t("report.day"), t("report.kind"), t("report.title"), t("report.invited"),
                  t("report.signed_in"), t("report.responses"), t("report.response_rate"),
                  t("report.overall_mean")),
                 ((x.day, x.kind, x.title, x.invited, x.signed_in, x.responses,
                   x.response_rate, None if x.overall_mean is None else round(x.overall_mean, 2))
                  for x in figures.trainings), percent_columns=(7,))
    coverage = figures.coverage
    writer.title(t("report.s_onsite"), 12)
    writer.line(t("report.onsite_coverage"), coverage.percent / 100)
    writer.sheet.cell(writer.row - 1, 2).number_format = "0.0%"
    writer.line(t("report.office_minutes"), coverage.office_minutes)
    writer.line(t("report.covered_minutes"), coverage.covered_minutes)
    writer.line(t("report.gaps"), coverage.gaps)
    writer.line(t("report.until"), coverage.until)
    writer.finish()


def _inspections(book: Any, figures: ReportFigures) -> None:
    writer = SheetWriter(book, t("report.sheet_inspection"))
    writer.title(t("report.s_inspection"))
    writer.table((t("report.month"), t("report.state"), t("report.done_on"),
                  t("report.coverage"), t("report.usage"), t("report.checked"),
                  t("report.issues")),
                 ((i.month, t(f"inspection.state_{i.state}") if i.state else "",
                   i.done_on, _value(i.coverage), _value(i.usage), i.checked, len(i.issues))
                  for i in figures.inspections), percent_columns=(4, 5))
    writer.title(t("report.findings"), 12)
    writer.table((t("report.month"), t("report.finding")),
                 ((i.month, issue) for i in figures.inspections for issue in i.issues))
    writer.title(t("report.institutions"), 12)
    writer.table((t("report.month"), t("report.institution"), t("report.connected"),
                  t("report.usage")),
                 [*((i.month, name, t("report.no"), None) for i in figures.inspections
                    for name in i.unconnected),
                  *((i.month, name, t("report.yes"), rate.value) for i in figures.inspections
                    for name, rate in i.low_usage)], percent_columns=(4,))
    writer.finish()


def _oplog(book: Any, figures: ReportFigures) -> None:
    usage = figures.oplog
    writer = SheetWriter(book, t("report.sheet_oplog"))
    writer.title(t("report.s_oplog"))
    if usage is None:
        writer.line(t("report.no_oplog"))
        writer.finish()
        return

    def row(line: UsageLine, label: str) -> tuple[object, ...]:
        return (label, line.accounts, line.active_accounts, line.usage.value, line.operations,
                line.active_days, line.off_hours_share.value)

    writer.table(oplog_headers(), [
        row(usage.total, t("oplog.all")),
        *(row(line, t(f"units.kind_{line.label}")) for line in usage.kinds),
        *(row(line, line.label) for line in usage.units)], percent_columns=(4, 7))
    writer.line(t("report.oplog_note"))
    writer.finish()


def _trackers_and_data(book: Any, figures: ReportFigures) -> None:
    writer = SheetWriter(book, t("report.sheet_trackers"))
    writer.title(t("report.s_trackers"))
    _counts(writer, t("report.tracker_status"), figures.trackers)
    writer.title(t("report.new_trackers", count=figures.new_trackers_total), 12)
    writer.table((t("report.number"), t("report.kind"), t("report.title"), t("report.state")),
                 ((i.number, i.kind, i.title, i.status) for i in figures.new_trackers))
    data = figures.data_service
    writer.title(t("report.s_data"), 12)
    for label, value in ((t("report.data_received"), data.received),
                         (t("report.data_fulfilled"), data.fulfilled),
                         (t("report.data_on_time"), data.on_time),
                         (t("report.data_open"), data.open)):
        writer.line(label, value)
    writer.finish()


SECTIONS = (_summary, _questions, _weekly, _breaches, _repeated_and_config, _cases, _rates,
            _training_onsite, _inspections, _oplog, _trackers_and_data)


def report_workbook(figures: ReportFigures, book: Any = None) -> Any:
    """A new workbook, or the report's sheets added to `book` (the acceptance pack)."""
    from openpyxl import Workbook

    if book is None:
        book = Workbook()
        book.remove(book.active)
    for section in SECTIONS:
        section(book, figures)
    book.properties.title = f"{figures.bureau} {period_title(figures)}"
    book.properties.creator = figures.vendor
    return book
