"""The data service's settings ([data_service]): due period and export folder."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.config.convert import PathSetting, integer, setting


@dataclass(frozen=True)
class DataServiceConfig:
    due_workdays: int = setting(3, integer(1, 60))
    export_dir: str = setting("exports", PathSetting("not_a_file"))
