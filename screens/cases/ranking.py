"""三率全省排名: the district's place in the province's published ranking, newest period first,
with the places gained or lost since the period before and the gap to the province average.
`n` records a rank from the province's notice; `e` (Enter) corrects the highlighted one; `i`
imports the province's table (all or nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from helpdesk.cases.rates import RATE_NAMES
from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.typed import typed_whole

from ..forms import ServiceForm
from ..keys import bindings
from ..lists import ListScreen
from ..render import plain
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from collections.abc import Sequence

    from helpdesk.actor import Actor
    from helpdesk.cases.ranking import RankView
    from helpdesk.reports.figures import RankLine
    from helpdesk.services.workspace import Workspace


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def movement_cell(rank: RankView | RankLine) -> Text:
    """▲3 gained three places, ▼2 lost two, = held; blank when the period before is unknown."""
    move = rank.movement
    if move is None:
        return Text("")
    if move == 0:
        return Text("=", style="dim")
    return Text(f"{'▲' if move > 0 else '▼'}{abs(move)}", style="green" if move > 0 else "red")


def gap_cell(gap: float | None) -> Text:
    """Percentage points above (+, green) or below (−, red) the province average."""
    if gap is None:
        return Text("—", style="dim")
    points = gap * 100
    if abs(points) < 0.05:
        return Text("±0.0", style="dim")
    return Text(f"{'+' if points > 0 else '−'}{abs(points):.1f}",
                style="green" if points > 0 else "red")


def places_text(ranks: Sequence[RankView | RankLine]) -> Text:
    """受理 7/21▼2  办结 5/21▲1 …: one period's places, short rate names."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, rank in enumerate(ranks):
        text.append(f"{'  ' if index else ''}{t(f'ranking.short_{rank.rate}')} ", style="dim")
        text.append(f"{rank.rank}/{rank.ranked}")
        text.append_text(movement_cell(rank))
    return text


def rank_text(rank: RankView) -> Text:
    text = Text(f"{rank.rank}/{rank.ranked}", style="bold" if rank.rank <= 3 else "")
    return text


class RankingScreen(ListScreen["list[RankView]"]):
    help_key = "ranking.title"
    BINDINGS = bindings("ranking.new", "ranking.edit", "ranking.import")
    COLUMNS = (("ranking.period", 8), ("ranking.rate", 10), ("ranking.rank", 6),
               ("ranking.move", 4), ("ranking.average", 8), ("ranking.district", 7),
               ("ranking.gap", 5), ("ranking.note", 14))
    GROW = ("ranking.note",)

    def __init__(self) -> None:
        super().__init__()
        self.ranks: dict[str, RankView] = {}

    def fetch(self, ws: Workspace, actor: Actor) -> list[RankView]:
        from helpdesk.cases.ranking import list_ranks

        return list_ranks(ws, actor)

    def show(self, data: list[RankView]) -> None:
        self.ranks = {str(rank.id): rank for rank in data}
        fill(self.table, [(str(rank.id), [
            plain(rank.period, style="bold"), plain(t(f"rates.{rank.rate}"), limit=10),
            rank_text(rank), movement_cell(rank), Text(percent(rank.province_average)),
            Text(percent(rank.district_value)), gap_cell(rank.gap),
            plain(rank.note, style="dim", limit=200)]) for rank in data])
        periods = len({rank.period for rank in data})
        self.set_status(t("ranking.count", periods=periods, count=len(data)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit" and not self.ranks:
            return None
        return super().check_action(action, parameters)

    def action_new(self) -> None:
        from helpdesk.calendar.periods import parse_period, period_label, shifted

        ws = self.helpdesk.ws
        if ws is None:
            return
        today = ws.now().astimezone(ws.hours.zone).date()
        last_month = shifted(parse_period("monthly", period_label("monthly", today)), -1)
        latest = next(iter(self.ranks.values()), None)
        self.app.push_screen(RankForm(None, last_month.label, latest.ranked if latest else None),
                             self.reload_if_saved)

    def action_edit(self) -> None:
        rank = self.ranks.get(self.cursor_key())
        if rank is not None:
            self.app.push_screen(RankForm(rank, rank.period, rank.ranked), self.reload_if_saved)


    def action_import(self) -> None:
        from helpdesk.cases.ranking_import import import_ranks

        from ..file_import import ask_import

        ask_import(self, t("ranking.import_prompt"), "三率排名.xlsx", t("ranking.import_title"),
                   import_ranks)


class RankForm(ServiceForm):
    """A rank from the province's notice: the period, the rate, the place among how many
    districts, and (when the notice gives them) the province average and the district's own
    figure, in percent. Saving a period and rate already recorded replaces it."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    RankForm { align: center middle; }
    #rank-form { width: 64; }
    """

    def __init__(self, rank: RankView | None, period: str, ranked: int | None) -> None:
        super().__init__()
        self.rank = rank
        self.period = period
        self.ranked = ranked
        self.record = ("province_rank", str(rank.id)) if rank is not None else None

    def compose(self) -> ComposeResult:
        rank = self.rank

        def number(value: float | None) -> str:
            return "" if value is None else f"{value * 100:.2f}".rstrip("0").rstrip(".")

        with Vertical(id="rank-form", classes="form"):
            yield Label(t("ranking.edit_title") if rank else t("ranking.new_title"),
                        classes="title")
            yield from self.row("ranking.period", FieldInput(
                self.period, id="rank-period", max_length=8,
                placeholder="2026-10 / 2026-Q4 / 2026", compact=True))
            yield from self.row("ranking.rate", Select(
                [(t(f"rates.{name}"), name) for name in RATE_NAMES],
                value=rank.rate if rank else RATE_NAMES[0], allow_blank=False,
                id="rank-rate", compact=True))
            yield from self.row("ranking.rank", FieldInput(
                str(rank.rank) if rank else "", id="rank-rank", type="integer", compact=True))
            yield from self.row("ranking.of", FieldInput(
                str(self.ranked) if self.ranked else "", id="rank-of", type="integer",
                compact=True))
            yield from self.row("ranking.average_percent", FieldInput(
                number(rank.province_average) if rank else "", id="rank-average",
                compact=True))
            yield from self.row("ranking.district_percent", FieldInput(
                number(rank.district_value) if rank else "", id="rank-district",
                compact=True))
            yield from self.row("ranking.note", FieldInput(
                rank.note if rank else "", id="rank-note", max_length=200, compact=True))
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.cases.ranking import parse_percent, record_rank

        def text(selector: str) -> str:
            return self.query_one(selector, Input).value.strip()

        period, rate = text("#rank-period"), str(self.query_one("#rank-rate", Select).value)
        try:
            place = typed_whole(text("#rank-rank"), t("ranking.rank"), empty=0)
            ranked = typed_whole(text("#rank-of"), t("ranking.of"), empty=0)
            average = parse_percent(text("#rank-average"))
            district = parse_percent(text("#rank-district"))
        except HelpdeskError as err:  # what typed.py and parse_percent say, field named
            self.show_error(str(err))
            return
        note = text("#rank-note")
        rank = self.rank
        version = rank.version if rank is not None and (rank.period, rank.rate) == (
            period, rate) else None
        self.submit(lambda ws, actor: record_rank(
            ws, actor, period, rate, place, ranked, province_average=average,
            district_value=district, note=note, expected_version=version))
