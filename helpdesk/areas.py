"""The console's areas, declared once: the key that opens each, its binding id, its label and
the screen that shows it (named as `module:Class` inside the console package, so this core
package never imports the UI, whatever name the console is installed under). The app's
modes, its bindings, the palette's area commands and the key table are all generated from
this list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    name: str
    key: str
    screen: str  # "questions.question_list:QuestionListScreen", in the console package

    @property
    def binding_id(self) -> str:
        return f"app.{self.name}"

    @property
    def label(self) -> str:
        return f"nav.{self.name}"


AREAS: tuple[Area, ...] = (
    Area("today", "t", "today.today:TodayScreen"),
    Area("questions", "q", "questions.question_list:QuestionListScreen"),
    Area("cases", "c", "cases.worklist:WorklistScreen"),
    Area("roster", "b", "roster.roster:RosterScreen"),
    Area("handover", "h", "handover.handover_list:HandoverListScreen"),
    Area("training", "p", "training.training_list:TrainingListScreen"),
    Area("inspection", "i", "inspection.inspection:InspectionScreen"),
    Area("reports", "e", "contract.report_preview:ReportPreviewScreen"),
    Area("ledger", "l", "contract.ledger:LedgerScreen"),
    Area("data", "o", "data.data_requests:DataRequestsScreen"),
    Area("kb", "k", "questions.kb:KbScreen"),
    Area("trackers", "r", "questions.trackers:TrackersScreen"),
    Area("units", "u", "admin.units:UnitsScreen"),
    Area("staff", "s", "admin.staff:StaffScreen"),
    Area("security", "m", "security.exams:ExamsScreen"),
    Area("audit", "a", "admin.audit:AuditScreen"),
)
AREA_NAMES: tuple[str, ...] = tuple(area.name for area in AREAS)


@dataclass(frozen=True)
class Place:
    """A screen inside an area that the palette opens from anywhere (`全省排名` from Today):
    the area's root first, then this screen on top, as its key would have opened it."""

    area: str
    screen: str  # "cases.ranking:RankingScreen" in the console package, made with no arguments
    label: str  # its title's catalogue key


PLACES: tuple[Place, ...] = (
    Place("cases", "cases.case_list:CaseListScreen", "cases.list"),
    Place("cases", "cases.case_import:CaseImportScreen", "import.title"),
    Place("cases", "cases.proxy:ProxyLogScreen", "proxy.title"),
    Place("cases", "cases.rates:RatesScreen", "cases.rates"),
    Place("cases", "cases.ranking:RankingScreen", "ranking.title"),
    Place("inspection", "inspection.oplog:OplogScreen", "oplog.title"),
    Place("inspection", "inspection.oplog:DormantScreen", "oplog.dormant_key"),
    Place("inspection", "inspection.inventory:InventoryScreen", "inventory.title"),
    Place("security", "security.registers:RegistersScreen", "registers.title"),
    Place("security", "security.network:NetworkScreen", "network.title"),
    Place("roster", "roster.leave_requests:LeaveRequestsScreen", "roster.leave_requests_title"),
)
