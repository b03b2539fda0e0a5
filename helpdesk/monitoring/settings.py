"""The desktop inventory's settings ([inventory]): the oldest versions the province accepts."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.config.convert import setting, versions


@dataclass(frozen=True)
class InventoryConfig:
    # The oldest version the province accepts of each plug-in, driver or browser (by name as
    # the inventory names it); older ones are listed as outdated.
    minimum_versions: tuple[tuple[str, str], ...] = setting(
        (("PageOffice", "5.4"), ("身份证读卡器", "3.2"), ("扫描仪驱动", "2.0"), ("Chrome", "109")),
        versions)
