"""三率全省排名: the district's place in the province's published ranking, per period and rate,
typed from the province's notice or imported from its table. One row per period and rate:
recording it again replaces it (the province corrects its tables). Beside it the console shows
the district's own computed rate, the province average and the gap between them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.calendar.periods import any_period, parse_period, shifted
from helpdesk.cases.ranking_models import ProvinceRank
from helpdesk.cases.rates import RATE_NAMES
from helpdesk.choices import parse_choice
from helpdesk.errors import StaleEdit, UsageError
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
from helpdesk.text import clean
from helpdesk.typed import normal

MAX_DISTRICTS = 1000  # a sanity bound: no province ranks more districts than this


@dataclass(frozen=True)
class RankView:
    id: int
    period: str
    kind: str
    rate: str
    rank: int
    ranked: int
    province_average: float | None  # a fraction (0.925), as every rate here
    district_value: float | None
    source: str
    note: str
    recorded_by: str
    recorded_at: datetime
    version: int
    previous_rank: int | None  # the same rate's rank in the period before, when recorded

    @property
    def movement(self) -> int | None:
        """Places gained since the period before (negative: places lost)."""
        return None if self.previous_rank is None else self.previous_rank - self.rank

    @property
    def gap(self) -> float | None:
        """The district's figure minus the province average, as a fraction."""
        if self.district_value is None or self.province_average is None:
            return None
        return self.district_value - self.province_average


def parse_percent(value: object) -> float | None:
    """A rate as typed: 92.5, "92.5%" or "92.5 %" mean 92.5 %; an empty value is None. A
    spreadsheet's percent-formatted cell arrives as a number not over 1 (0.925) and is taken
    as the fraction it is."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        fraction = number if number <= 1 else number / 100
    else:
        text = normal(clean(str(value), single_line=True)).rstrip("%").strip()
        try:
            fraction = float(text) / 100
        except ValueError:
            raise UsageError("err.ranking.percent", value=str(value)[:40]) from None
    if not 0 <= fraction <= 1:
        raise UsageError("err.ranking.percent", value=str(value)[:40])
    return fraction


def _percent(value: float | None) -> str:
    """How the audit trail keeps a rate: as the notice prints it (95.2%)."""
    return "" if value is None else f"{value * 100:.2f}".rstrip("0").rstrip(".") + "%"


def _checked(rank: int, ranked: int) -> None:
    if not 1 <= ranked <= MAX_DISTRICTS:
        raise UsageError("err.ranking.ranked", ranked=ranked, most=MAX_DISTRICTS)
    if not 1 <= rank <= ranked:
        raise UsageError("err.ranking.rank", rank=rank, ranked=ranked)


def _view(row: ProvinceRank, previous: int | None) -> RankView:
    assert row.id is not None
    return RankView(row.id, row.period, row.kind, row.rate, row.rank, row.ranked,
                    row.province_average, row.district_value, row.source, row.note,
                    row.recorded_by, row.recorded_at, row.version, previous)


def record_rank(ws: Workspace, actor: Actor, period: str, rate: str, rank: int, ranked: int, *,
                province_average: float | None = None, district_value: float | None = None,
                note: str = "", source: str = "", expected_version: int | None = None
                ) -> RankView:
    """Record (or replace) the district's rank for one period and rate."""
    parsed = any_period(period)
    code = parse_choice(rate, "rates", RATE_NAMES)
    _checked(rank, ranked)
    for value in (province_average, district_value):
        if value is not None and not 0 <= value <= 1:
            raise UsageError("err.ranking.percent", value=f"{value * 100:g}")
    with change(ws, actor) as tx:
        row = tx.session.exec(select(ProvinceRank).where(
            col(ProvinceRank.period) == parsed.label, col(ProvinceRank.rate) == code)).first()
        facts = {"period": parsed.label, "rate": code, "rank": f"{rank}/{ranked}",
                 "province_average": _percent(province_average),
                 "district_value": _percent(district_value)}
        if row is None:
            row = ProvinceRank(period=parsed.label, kind=parsed.kind, rate=code, rank=rank,
                               ranked=ranked, recorded_by=actor.login, recorded_at=tx.now)
            action, before = "ranking.add", None
        else:
            if expected_version is not None and row.version != expected_version:
                raise StaleEdit("err.ranking.stale", period=parsed.label)
            action = "ranking.update"
            before = {"rank": f"{row.rank}/{row.ranked}",
                      "province_average": _percent(row.province_average),
                      "district_value": _percent(row.district_value)}
            row.version += 1
        row.rank, row.ranked = rank, ranked
        row.province_average, row.district_value = province_average, district_value
        row.note = clean(note, single_line=True, max_length=200).strip()
        row.source = clean(source, single_line=True, max_length=128).strip()
        row.recorded_by, row.recorded_at = actor.login, tx.now
        tx.session.add(row)
        tx.session.flush()
        tx.record(action, "province_rank", row.id, before=before,
                  after={**facts, "source": row.source})
        previous = _previous_rank(tx.session, row)
        return _view(row, previous)


def _previous_label(kind: str, label: str) -> str:
    return shifted(parse_period(kind, label), -1).label


def _previous_rank(session: Session, row: ProvinceRank) -> int | None:
    return session.exec(select(ProvinceRank.rank).where(
        col(ProvinceRank.period) == _previous_label(row.kind, row.period),
        col(ProvinceRank.rate) == row.rate)).first()


def list_ranks(ws: Workspace, actor: Actor, *, rate: str | None = None,
               kind: str | None = None, period: str | None = None) -> list[RankView]:
    """Newest period first (months, quarters and years each by their own end), rates in the
    report's order; each with the rank of the period before."""
    require(actor.role, "read", actor.login)
    query = select(ProvinceRank)
    if rate:
        query = query.where(col(ProvinceRank.rate) == parse_choice(rate, "rates", RATE_NAMES))
    if kind:
        query = query.where(col(ProvinceRank.kind) == kind)
    if period:
        query = query.where(col(ProvinceRank.period) == any_period(period).label)
    with ws.db.read() as session:
        rows = list(session.exec(query).all())
        # The table holds a few rows a month: the period before of every row is one more read.
        labels = {(row.kind, row.rate, _previous_label(row.kind, row.period)) for row in rows}
        earlier = {(row.kind, row.rate, row.period): row.rank for row in session.exec(
            select(ProvinceRank).where(col(ProvinceRank.period).in_(
                sorted({label for _k, _r, label in labels})))).all()}
    order = {name: index for index, name in enumerate(RATE_NAMES)}
    rows.sort(key=lambda row: (-parse_period(row.kind, row.period).end.toordinal(),
                               row.kind != "monthly", order.get(row.rate, 99)))
    return [_view(row, earlier.get((row.kind, row.rate, _previous_label(row.kind, row.period))))
            for row in rows]


def latest_ranks(ws: Workspace, actor: Actor) -> list[RankView]:
    """The ranks of the newest period recorded (a month before a quarter ending with it)."""
    ranks = list_ranks(ws, actor)
    if not ranks:
        return []
    newest = ranks[0].period
    return [rank for rank in ranks if rank.period == newest]

