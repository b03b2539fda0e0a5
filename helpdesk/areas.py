"""The console's areas, declared once: the key that opens each, its binding id, its label and
the screen that shows it (named as `module:Class`, so this core package never imports the
UI). The app's modes, its bindings, the palette's area commands and the key table are all
generated from this list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    name: str
    key: str
    screen: str  # "screens.questions.question_list:QuestionListScreen"

    @property
    def binding_id(self) -> str:
        return f"app.{self.name}"

    @property
    def label(self) -> str:
        return f"nav.{self.name}"


AREAS: tuple[Area, ...] = (
    Area("today", "t", "screens.today.today:TodayScreen"),
    Area("questions", "q", "screens.questions.question_list:QuestionListScreen"),
    Area("cases", "c", "screens.cases.worklist:WorklistScreen"),
    Area("roster", "b", "screens.roster.roster:RosterScreen"),
    Area("handover", "h", "screens.handover.handover_list:HandoverListScreen"),
    Area("training", "p", "screens.training.training_list:TrainingListScreen"),
    Area("inspection", "i", "screens.inspection.inspection:InspectionScreen"),
    Area("reports", "e", "screens.contract.report_preview:ReportPreviewScreen"),
    Area("ledger", "l", "screens.contract.ledger:LedgerScreen"),
    Area("data", "o", "screens.data.data_requests:DataRequestsScreen"),
    Area("kb", "k", "screens.questions.kb:KbScreen"),
    Area("trackers", "r", "screens.questions.trackers:TrackersScreen"),
    Area("units", "u", "screens.admin.units:UnitsScreen"),
    Area("staff", "s", "screens.admin.staff:StaffScreen"),
    Area("security", "m", "screens.security.exams:ExamsScreen"),
    Area("audit", "a", "screens.admin.audit:AuditScreen"),
)
AREA_NAMES: tuple[str, ...] = tuple(area.name for area in AREAS)
