"""An inspection report as Markdown, from ReportFigures (the same figures the xlsx holds)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from helpdesk.cases.proxy_figures import ProxyFigures
from helpdesk.cases.rates import RATE_NAMES, Rate, basis_text
from helpdesk.count import Count
from helpdesk.i18n import joined, t
from helpdesk.monitoring.oplog_figures import OplogUsage, UsageLine
from helpdesk.reports.figures import GroupSla, RankLine, ReportFigures
from helpdesk.reports.sparkline import sparkline
from helpdesk.text import markdown_text


def cell(value: object) -> str:
    """Text in a table cell or a heading, literal (helpdesk.text.markdown_text)."""
    return markdown_text(value)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def rate_text(rate: Rate | None) -> str:
    if rate is None:
        return "—"
    return f"{rate.percent()}（{rate.numerator}/{rate.denominator}）"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]],
          numeric: Sequence[bool] | None = None) -> list[str]:
    numeric = numeric or [False] * len(headers)
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |",
             "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def _counts(title: str, counts: Sequence[Count]) -> list[str]:
    if not counts:
        return [f"**{title}**：{t('report.none')}", ""]
    return [f"**{title}**", "", *table((title, t("report.count")),
                                       ((c.label, c.count) for c in counts), (False, True)), ""]


def _groups(title: str, groups: Sequence[GroupSla]) -> list[str]:
    if not groups:
        return [f"**{title}**：{t('report.none')}", ""]
    return [f"**{title}**", "", *table(
        (title, t("report.questions"), t("report.response_met"), t("report.resolution_met"),
         t("report.breaches_short")),
        ((g.label, g.count, g.sla.response.percent(), g.sla.resolution.percent(),
          g.sla.breaches) for g in groups), (False, True, True, True, True)), ""]


def movement_text(movement: int | None) -> str:
    """▲3 three places gained since the period before, ▼2 two lost, = held."""
    if movement is None:
        return ""
    return "=" if movement == 0 else f"{'▲' if movement > 0 else '▼'}{abs(movement)}"


def points_text(gap: float | None) -> str:
    """A gap in percentage points, signed (+0.4, −1.2)."""
    if gap is None:
        return "—"
    points = round(gap * 100, 1)
    return f"{'+' if points > 0 else '−' if points < 0 else '±'}{abs(points):.1f}"


def ranking_headers() -> tuple[str, ...]:
    return (t("ranking.period"), t("ranking.rate"), t("ranking.rank"), t("ranking.move"),
            t("ranking.average"), t("report.rank_published"), t("report.rank_own"),
            t("report.rank_gap"))


def ranking_rows(ranks: Sequence[RankLine]) -> list[tuple[object, ...]]:
    return [(r.period, t(f"rates.{r.rate}"), f"{r.rank}/{r.ranked}", movement_text(r.movement),
             percent(r.province_average), percent(r.district_value),
             r.own.percent() if r.own is not None else "—", points_text(r.gap)) for r in ranks]


def proxy_line(proxy: ProxyFigures, *, short: bool = False) -> str:
    """代办（信访业务办理）12 次：代为登记 3、代为受理 4…；手工登记 3 件，已确认 2 件."""
    parts = t("app.list_sep").join(f"{t(f'proxy.action_{c.label}')} {c.count}"
                                   for c in proxy.by_action if c.count)
    return t("report.proxy_short" if short else "report.proxy_line", total=proxy.total,
             parts=parts or t("report.none"), by_hand=proxy.registered_by_hand,
             confirmed=proxy.confirmed)


def oplog_headers() -> tuple[str, ...]:
    return (t("report.unit"), t("report.oplog_accounts"), t("report.oplog_active"),
            t("report.usage"), t("report.oplog_operations"), t("report.oplog_days"),
            t("report.oplog_off_hours"))


def oplog_row(line: UsageLine, label: str) -> tuple[object, ...]:
    return (label, line.accounts, line.active_accounts, line.usage.percent(), line.operations,
            line.active_days, line.off_hours_share.percent())


def oplog_section(usage: OplogUsage | None) -> list[str]:
    """用户使用率 by unit from the operation log, rolled up per kind of unit."""
    lines = ["", f"## {t('report.s_oplog')}", ""]
    if usage is None:
        return [*lines, t("report.no_oplog"), ""]
    rows = [oplog_row(usage.total, t("oplog.all"))]
    rows += [oplog_row(line, t(f"units.kind_{line.label}")) for line in usage.kinds]
    rows += [oplog_row(line, line.label) for line in usage.units]
    return [*lines, *table(oplog_headers(), rows, (False, *([True] * 6))), "",
            t("report.oplog_note"), ""]


def period_title(figures: ReportFigures) -> str:
    period = figures.period
    return t(f"report.title_{period.kind}", label=period.label)


def report_markdown(figures: ReportFigures) -> str:
    sla = figures.sla
    lines = [f"# {cell(figures.bureau)} {period_title(figures)}", "",
             f"- {t('report.contract')}：{cell(figures.contract)}",
             f"- {t('report.vendor')}：{cell(figures.vendor)}",
             f"- {t('report.period')}：{figures.period.start} — {figures.period.end}",
             f"- {t('report.generated')}：{figures.generated_at}",
             f"- {t('report.audit_head')}：`{figures.chain_head}`", ""]
    lines += [f"## {t('report.s_questions')}", "",
              t("report.sla_line", questions=sla.questions, response=rate_text(sla.response),
                resolution=rate_text(sla.resolution), breaches=sla.breaches), ""]
    for title, groups in ((t("report.by_category"), figures.by_category),
                          (t("report.by_channel"), figures.by_channel),
                          (t("report.by_unit"), figures.by_unit)):
        lines += _groups(title, groups)
    weeks = figures.weeks
    lines += [f"### {t('report.weekly')}", "",
              f"`{sparkline([w.sla.questions for w in weeks], low=0)}` "
              f"{t('report.trend_questions')}",
              f"`{sparkline([w.sla.resolution.value for w in weeks], low=0, high=1)}` "
              f"{t('report.trend_resolution')}", ""]
    lines += table((t("report.week"), t("report.questions"), t("report.response_met"),
                    t("report.resolution_met")),
                   ((f"{w.start:%m-%d}—{w.end:%m-%d}", w.sla.questions,
                     w.sla.response.percent(), w.sla.resolution.percent()) for w in weeks),
                   (False, True, True, True))
    lines += ["", f"### {t('report.breaches')}", ""]
    if figures.breaches:
        lines += table((t("report.number"), t("report.title"), t("report.unit"),
                        t("report.asker"), t("report.clock"), t("report.due"),
                        t("report.done")),
                       ((b.number, b.title, b.unit or "—", b.asker or "—",
                         t(f"report.clock_{b.clock}"), b.due, b.done or t("report.still_open"))
                        for b in figures.breaches))
        if sla.breaches > len(figures.breaches):
            lines += ["", t("report.more_breaches", shown=len(figures.breaches),
                            total=sla.breaches)]
    else:
        lines.append(t("report.no_breaches"))
    lines += ["", f"## {t('report.s_repeated')}", ""]
    lines += table((t("report.title"), t("report.count"), t("report.article")),
                   ((r.title, r.count, r.article or t("report.no_article"))
                    for r in figures.repeated), (False, True, False)) \
        if figures.repeated else [t("report.none")]
    lines += ["", f"## {t('report.s_config')}", ""]
    lines += _counts(t("report.config_kind"), figures.config_requests)
    cases = figures.cases
    lines += [f"## {t('report.s_cases')}", "",
              t("report.cases_line", registered=cases.registered, closed=cases.closed,
                open=cases.open_at_end, urgings=cases.urgings), ""]
    lines += _counts(t("report.urging_step"), cases.urgings_by_step)
    lines += [proxy_line(figures.proxy), ""]
    rates = figures.rates
    lines += [f"## {t('report.s_rates')}", ""]
    names = RATE_NAMES
    previous = rates.previous
    lines += table((t("report.rate"), t("report.value"), t("report.previous")),
                   ((t(f"rates.{n}"), rate_text(getattr(rates.overall, n)),
                     getattr(previous, n).percent() if previous else "—") for n in names),
                   (False, True, True))
    lines += ["", basis_text(rates.basis)]
    if len(figures.monthly_rates) > 1:
        lines += ["", f"### {t('report.rates_trend')}", ""]
        for name in names:
            trend = sparkline([getattr(r, name).value for _m, r in figures.monthly_rates],
                              low=0, high=1)
            lines.append(f"`{trend}` {t(f'rates.{name}')}")
        lines += ["", *table((t("report.month"), *(t(f"rates.{n}") for n in names)),
                             ((month, *(getattr(r, n).percent() for n in names))
                              for month, r in figures.monthly_rates),
                             (False, True, True, True, True))]
    if figures.ranks:
        lines += ["", f"### {t('ranking.title')}", ""]
        lines += table(ranking_headers(), ranking_rows(figures.ranks),
                       (False, False, True, False, True, True, True, True))
        lines += ["", t("report.rank_note")]
    if rates.units:
        lines += ["", f"### {t('report.rates_units')}", ""]
        lines += table((t("report.unit"), *(t(f"rates.{n}") for n in names)),
                       ((u.unit, *(getattr(u, n).percent() for n in names)) for u in rates.units),
                       (False, True, True, True, True))
    lines += ["", f"## {t('report.s_training')}", ""]
    lines += table((t("report.day"), t("report.kind"), t("report.title"), t("report.signed_in"),
                    t("report.response_rate"), t("report.overall_mean")),
                   ((x.day, x.kind, x.title, f"{x.signed_in}/{x.invited}",
                     percent(x.response_rate),
                     "—" if x.overall_mean is None else f"{x.overall_mean:.2f}")
                    for x in figures.trainings), (False, False, False, True, True, True)) \
        if figures.trainings else [t("report.no_training")]
    coverage = figures.coverage
    lines += ["", f"## {t('report.s_onsite')}", "",
              t("report.coverage_line", percent=f"{coverage.percent:.1f}%",
                covered=coverage.covered_minutes, office=coverage.office_minutes,
                gaps=coverage.gaps, until=coverage.until), ""]
    lines += [f"## {t('report.s_inspection')}", ""]
    if figures.inspections:
        lines += table((t("report.month"), t("report.state"), t("report.done_on"),
                        t("report.coverage"), t("report.usage"), t("report.issues")),
                       ((i.month, t(f"inspection.state_{i.state}") if i.state else "—",
                         i.done_on or "—", rate_text(i.coverage), rate_text(i.usage),
                         len(i.issues)) for i in figures.inspections),
                       (False, False, False, True, True, True))
        findings = [(i.month, issue) for i in figures.inspections for issue in i.issues]
        findings += [(i.month, t("report.unconnected", names=joined(i.unconnected)))
                     for i in figures.inspections if i.unconnected]
        findings += [(i.month, t("report.low_usage", names=joined(
            f"{name} {rate.percent()}" for name, rate in i.low_usage)))
            for i in figures.inspections if i.low_usage]
        if findings:
            lines += ["", f"**{t('report.findings')}**", ""]
            lines += [f"- {month} {cell(issue)}" for month, issue in findings]
    else:
        lines.append(t("report.none"))
    lines += oplog_section(figures.oplog)
    lines += ["", f"## {t('report.s_trackers')}", ""]
    lines += _counts(t("report.tracker_status"), figures.trackers)
    if figures.new_trackers:
        lines += [f"**{t('report.new_trackers', count=figures.new_trackers_total)}**", ""]
        lines += table((t("report.number"), t("report.kind"), t("report.title"),
                        t("report.state")),
                       ((i.number, i.kind, i.title, i.status) for i in figures.new_trackers))
        lines.append("")
    data = figures.data_service
    lines += [f"## {t('report.s_data')}", "",
              t("report.data_line", received=data.received, fulfilled=data.fulfilled,
                on_time=data.on_time, open=data.open), ""]
    return "\n".join(lines)
