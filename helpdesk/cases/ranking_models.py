"""The province's published ranking of the district's assessment rates (三率全省排名)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from helpdesk.storage.types import utc_column


class ProvinceRank(SQLModel, table=True):
    """The district's place among the province's districts for one period and one rate, as the
    province published it (typed, or imported from its table). Rates are fractions (0.925)."""

    __tablename__ = "province_rank"
    __table_args__ = (UniqueConstraint("period", "rate"),)
    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=8, index=True)  # 2026-10, 2026-Q4, 2026
    kind: str = Field(max_length=12)  # monthly | quarterly | annual
    rate: str = Field(max_length=24)  # one of helpdesk.cases.rates.RATE_NAMES
    rank: int
    ranked: int  # how many districts the province ranked
    province_average: float | None = None
    district_value: float | None = None  # the district's own figure in the province's table
    source: str = Field(default="", max_length=128)  # the imported file's name; "" when typed
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = utc_column()
    version: int = Field(default=1)
