"""Roster forms: generate a month (preview first), record leave, swap or cover a shift."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import clauses, joined, t
from helpdesk.roles import can

from ..forms import ServiceForm, typed_day
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.roster.actions import GenerationReport, ShiftView
    from helpdesk.services.workspace import Workspace

FORM_CSS = """
GenerateScreen, LeaveFormScreen, SwapFormScreen { align: center middle; }
#generate-form, #leave-form, #swap-form { width: 70; }
#generate-preview { height: auto; margin: 1 0; }
"""


class GenerateScreen(ServiceForm):
    """A dry run shows what would change; Ctrl+S writes it."""

    SCOPED_CSS = False
    DEFAULT_CSS = FORM_CSS

    def __init__(self, start: date, end: date) -> None:
        super().__init__()
        self.start, self.end = start, end

    def compose(self) -> ComposeResult:
        with Vertical(id="generate-form", classes="form"):
            yield Label(t("roster.generate_title", start=str(self.start), end=str(self.end)),
                        classes="title", markup=False)
            yield Static(Text(t("app.loading")), id="generate-preview")
            yield Static(Text(t("roster.generate_confirm"), style="dim"))
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def on_mount(self) -> None:
        self.preview()

    @work(thread=True, exclusive=True, group="preview")
    def preview(self) -> None:
        from helpdesk.roster.actions import generate_roster

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            report = generate_roster(app.ws, app.actor, self.start, self.end, dry_run=True)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.show_preview, report)

    def show_preview(self, report: GenerationReport) -> None:
        text = Text(t("roster.generate_preview", days=report.days, created=report.created,
                      replaced=report.replaced, kept=report.kept,
                      percent=f"{report.coverage.percent:.1f}",
                      gaps=len(report.coverage.gaps)))
        text.append("\n" + " ".join(f"{login} {n}" for login, n in sorted(report.counts.items())))
        for gap in report.coverage.gaps[:3]:
            text.append(f"\n✘ {t('roster.gap')} {gap.describe()}", style="bold red")
        if report.streaks:
            items = joined(
                f"{d:%m-%d} {login}" for d, login, _n in report.streaks[:3])
            text.append("\n" + t("roster.generate_streaks", items=items), style="yellow")
        self.query_one("#generate-preview", Static).update(text)

    def action_save(self) -> None:
        from helpdesk.roster.actions import generate_roster

        start, end = self.start, self.end
        self.submit(lambda ws, actor: generate_roster(ws, actor, start, end))


class LeaveFormScreen(ServiceForm):
    SCOPED_CSS = False
    DEFAULT_CSS = FORM_CSS

    def __init__(self, day: date | None) -> None:
        super().__init__()
        self.day = day

    def _first_working_day(self) -> date | None:
        """The day chosen on the roster, or the working day after it when it is a rest day
        (a leave starting on a holiday is never what was meant)."""
        ws, day = self.helpdesk.ws, self.day
        if ws is None or day is None:
            return day
        for _ in range(31):
            if ws.calendar.is_working_day(day):
                return day
            day += timedelta(days=1)
        return self.day

    def compose(self) -> ComposeResult:
        actor = self.helpdesk.actor
        first = self._first_working_day()
        day = f"{first:%Y-%m-%d}" if first else ""
        with Vertical(id="leave-form", classes="form"):
            yield Label(t("roster.leave_title"), classes="title")
            for field, label, value in (("who", "roster.leave_who", actor.login if actor else ""),
                                        ("from", "roster.leave_from", day),
                                        ("to", "roster.leave_to", day),
                                        ("reason", "roster.leave_reason", "")):
                with Horizontal(classes="row"):
                    yield Label(t(label), classes="label")
                    yield FieldInput(value, id=f"leave-{field}", compact=True, max_length=64)
            with Horizontal(classes="row"):
                yield Label(t("roster.leave_part"), classes="label")
                yield Select([(t(f"roster.slot_{p}") if p != "full" else t("roster.slot_day"),
                               p) for p in ("full", "am", "pm")], value="full",
                             allow_blank=False, id="leave-part", compact=True)
            if actor is not None and can(actor.role, "manage_roster"):
                yield Checkbox(t("roster.leave_approve"), value=True, id="leave-approve",
                               compact=True)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.roster.leave import request_leave

        def value(field: str) -> str:
            return self.query_one(f"#leave-{field}", Input).value.strip()

        start, end = typed_day(value("from")), typed_day(value("to") or value("from"))
        if start is None or end is None:
            self.show_error(t("roster.bad_date"))
            return
        login, reason = value("who"), value("reason")
        part = str(self.query_one("#leave-part", Select).value)
        boxes = self.query("#leave-approve")
        approve = bool(boxes and self.query_one("#leave-approve", Checkbox).value)

        def save(ws: Workspace, actor: Actor) -> None:
            result = request_leave(ws, actor, login, start, end, part=part, reason=reason,
                                   approve=approve)
            message = t("roster.leave_saved", status=t(f"roster.leave_{result.leave.status}"))
            if result.gaps:
                message += "\n" + t("roster.leave_gaps", gaps=clauses(
                    g.describe() for g in result.gaps[:4]))
            self.app.call_from_thread(self.app.notify, message, markup=False,
                                      severity="warning" if result.gaps else "information")

        self.submit(save)


class SwapFormScreen(ServiceForm):
    """A login: that engineer covers the shift. A date: swap with that day's shift."""

    SCOPED_CSS = False
    DEFAULT_CSS = FORM_CSS

    def __init__(self, shift: ShiftView) -> None:
        super().__init__()
        self.shift = shift

    def compose(self) -> ComposeResult:
        shift = self.shift
        with Vertical(id="swap-form", classes="form"):
            yield Label(t("roster.swap_title", day=str(shift.day),
                          slot=t(f"roster.slot_{shift.slot}"), name=shift.name),
                        classes="title", markup=False)
            yield Static(Text(t("roster.swap_target"), style="dim"))
            yield FieldInput(id="swap-target", compact=True, max_length=64)
            yield Static(Text(t("roster.swap_reason"), style="dim"))
            yield FieldInput(id="swap-reason", compact=True, max_length=200)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.roster.actions import reassign_shift, roster_view, swap_shifts

        target = self.query_one("#swap-target", Input).value.strip()
        reason = self.query_one("#swap-reason", Input).value
        shift = self.shift
        other_day = typed_day(target)

        def save(ws: Workspace, actor: Actor) -> object:
            if other_day is None:
                return reassign_shift(ws, actor, shift.id, target, reason, shift.version)
            day = roster_view(ws, actor, other_day, other_day).days[0]
            partner = next((s for s in day.shifts if s.slot == shift.slot), None) or \
                next(iter(day.shifts), None)
            if partner is None:
                raise HelpdeskError("err.roster.no_shift", day=other_day.isoformat())
            return swap_shifts(ws, actor, shift.id, partner.id, reason,
                               (shift.version, partner.version))

        self.submit(save)
