"""Fixed vocabularies shared by models, services and screens (kept free of heavy imports).
Labels live in the locale files under `<vocabulary>.<code>`; the CLI accepts code or label."""

from __future__ import annotations

ROLES = ("engineer", "manager", "auditor", "viewer")
UNIT_KINDS = ("street", "department", "other")

QUESTION_CHANNELS = ("phone", "walkin", "wechat", "system", "other")
QUESTION_CATEGORIES = (
    "registration", "handling", "reporting", "desktop", "configuration", "data_service", "other",
)
PRIORITIES = ("urgent", "high", "normal", "low")
QUESTION_STATUSES = ("new", "in_progress", "waiting", "escalated", "resolved", "closed")
OPEN_STATUSES = ("new", "in_progress", "waiting", "escalated")
# Allowed moves of the lifecycle; resolving (from any open status) and reopening (from resolved
# or closed) have their own service functions.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("in_progress", "waiting", "escalated"),
    "in_progress": ("waiting", "escalated"),
    "waiting": ("in_progress", "escalated"),
    "escalated": ("in_progress", "waiting"),
    "resolved": ("closed",),
    "closed": (),
}
REOPENABLE_STATUSES = ("resolved", "closed")

CASE_CHANNELS = ("letter", "visit", "online", "phone")
# Petition work an engineer does on a user's behalf (信访业务办理).
PROXY_ACTIONS = ("registered", "accepted", "transferred", "handled")

KB_STATUSES = ("draft", "published", "retired")
TRACKER_KINDS = ("requirement", "problem")
REQUIREMENT_FLOW = ("collected", "analysed", "verified", "confirmed", "fed_back", "closed")
PROBLEM_FLOW = ("open", "following", "resolved", "closed")
CONFIG_REQUEST_KINDS = (
    "password_reset", "role_change", "new_account", "disable_account", "department_change",
    "plugin_install",
)
# The data service's built-in queries (helpdesk/data/queries.py runs them).
DATA_QUERIES = ("cases_by_unit", "case_list", "overdue_cases", "questions_by_category",
                "question_list", "urgings_by_unit")
