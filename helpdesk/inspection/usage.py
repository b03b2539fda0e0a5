"""Institution coverage (机构覆盖率) and user usage (用户使用率), defined in one place.

coverage = institutions connected ÷ institutions that should be connected;
usage = active accounts ÷ accounts issued, or ÷ accounts enabled (issued minus disabled) when
config says usage_denominator = "enabled"."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.cases.rates import Rate
from helpdesk.i18n import t


@dataclass(frozen=True)
class InstitutionLine:
    """One institution of the provincial export."""

    name: str
    connected: bool
    issued: int
    disabled: int
    active: int

    @property
    def usage(self) -> Rate:
        return Rate(self.active, self.issued)


@dataclass(frozen=True)
class UsageFigures:
    institutions_expected: int | None = None
    institutions_connected: int | None = None
    accounts_issued: int | None = None
    accounts_disabled: int | None = None
    accounts_active: int | None = None

    @property
    def complete(self) -> bool:
        return None not in (self.institutions_expected, self.institutions_connected,
                            self.accounts_issued, self.accounts_active)

    def problems(self) -> list[str]:
        """What cannot be true of figures pulled from one system (checked before saving)."""

        def label(name: str) -> str:
            return t(f"inspection.f_{name}")

        found = []
        for name in ("institutions_expected", "institutions_connected", "accounts_issued",
                     "accounts_disabled", "accounts_active"):
            value = getattr(self, name)
            if value is not None and value < 0:
                found.append(t("err.inspection.usage_negative", field=label(name)))
        for more, than in (("institutions_connected", "institutions_expected"),
                           ("accounts_active", "accounts_issued")):
            if _gt(getattr(self, more), getattr(self, than)):
                found.append(t("err.inspection.usage_more", field=label(more), other=label(than)))
        if _gt(self.accounts_disabled, self.accounts_issued):
            found.append(t("err.inspection.usage_more", field=label("accounts_disabled"),
                           other=label("accounts_issued")))
        elif self.accounts_disabled and self.accounts_issued is not None and \
                _gt(self.accounts_active, self.accounts_issued - self.accounts_disabled):
            found.append(t("err.inspection.usage_enabled", field=label("accounts_active")))
        return found


def _gt(first: int | None, second: int | None) -> bool:
    return first is not None and second is not None and first > second


def coverage(figures: UsageFigures) -> Rate | None:
    if figures.institutions_expected is None or figures.institutions_connected is None:
        return None
    return Rate(figures.institutions_connected, figures.institutions_expected)


def usage(figures: UsageFigures, denominator: str = "issued") -> Rate | None:
    if figures.accounts_issued is None or figures.accounts_active is None:
        return None
    base = figures.accounts_issued
    if denominator == "enabled":
        base -= figures.accounts_disabled or 0
    return Rate(figures.accounts_active, max(base, 0))
