"""Petition work done on users' behalf in a period, as counted for the reports."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.count import Count


@dataclass(frozen=True)
class ProxyFigures:
    """Petition work done on users' behalf in the period (信访业务办理)."""

    total: int
    by_action: tuple[Count, ...]  # label = action code, in PROXY_ACTIONS order
    registered_by_hand: int
    confirmed: int  # of those, found since in the province's export
