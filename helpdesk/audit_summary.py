"""Audit summaries: what changed, as short JSON to store and one readable line to show."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from helpdesk.i18n import t, t_or

SUMMARY_LIMIT = 2000
# An aware ISO instant as stored in summaries (2026-12-02T03:31:00+00:00).
INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$")


def summarize(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """A short before/after summary: only the fields that changed."""
    if before is not None and after is not None:
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    body: dict[str, Any] = {}
    if before:
        body["before"] = before
    if after:
        body["after"] = after
    text = json.dumps(body, ensure_ascii=False, default=str, sort_keys=True)
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"


def describe(summary: str, zone: ZoneInfo | None = None, entity: str = "") -> str:
    """A stored summary as one readable line: `contact 林→王` or `区财政局 code=D11`; with a
    zone, stored UTC instants are shown in it (`2026-12-02 11:31`, not `…T03:31:00+00:00`);
    with the record's entity, its codes are named in the user's language (`类型=部门`)."""
    try:
        body = json.loads(summary)
    except ValueError:
        return summary
    if not isinstance(body, dict):
        return summary
    before, after = body.get("before") or {}, body.get("after") or {}
    if before and after:
        return "; ".join(f"{field_label(key)} "
                         f"{value_label(key, before.get(key, ''), zone, entity)}→"
                         f"{value_label(key, after.get(key, ''), zone, entity)}"
                         for key in sorted(set(before) | set(after)))
    values = dict(after or before)
    name = values.pop("name", None)
    rest = " ".join(f"{field_label(key)}={value_label(key, value, zone, entity)}"
                    for key, value in sorted(values.items()))
    return f"{name} {rest}".strip() if name is not None else rest


def action_label(action: str) -> str:
    """An audit action code (`case.stage`) as the user's language names it; a code no
    catalogue knows (from a newer version) is shown as stored."""
    return t_or(f"audit.act.{action}", action)


def kind_label(entity: str) -> str:
    return t_or(f"audit.kind.{entity}", entity)


def record_label(entity: str, entity_id: str, reference: str = "") -> str:
    """`信访件 GD440304202601605` where the record has a number or name, else `单位 #3`
    (records audited by their number, JY2026-0002, show it as it is)."""
    shown = reference or (f"#{entity_id}" if entity_id.isdigit() else entity_id)
    return f"{kind_label(entity)} {shown}"


def field_label(field: str) -> str:
    return t_or(f"audit.field.{field}", t_or(f"inspection.f_{field}", field))


# Stored values that are our own codes, by field: the catalogue prefix that names them.
VALUE_LABELS = {"role": "app.role_", "result": "inspection.r_", "status": "status.",
                "rate": "rates.", "action": "proxy.action_"}


# Codes whose catalogue depends on the record: (entity, field) -> prefix.
ENTITY_VALUE_LABELS = {
    ("unit", "kind"): "units.kind_", ("question", "kind"): "config.kind_",
    ("training_session", "kind"): "training.kind_",
    ("register_entry", "kind"): "registers.kind_", ("security_scan", "kind"): "network.kind_",
    ("oplog_entry", "kind"): "oplog.kind_", ("petition_case", "method"): "urging.method_",
    ("petition_case", "step"): "urging.step_",
    ("question", "category"): "category.", ("question", "priority"): "priority.",
    ("question", "clock"): "report.clock_", ("kb_article", "status"): "kb.",
    ("handover_item", "review"): "handover.review_", ("leave", "part"): "roster.part_",
    ("leave", "status"): "roster.leave_", ("deliverable", "kind"): "contract.deliverable_",
    ("payment_step", "kind"): "payment.k_", ("register_entry", "outcome"): "registers.outcome_",
    ("scan_finding", "severity"): "network.severity_",
    ("tracker_item", "status"): "trackers.state_",
    ("training_attendee", "attendance"): "training.att_",
    ("training_session", "status"): "training.status_"}


def value_label(field: str, value: object, zone: ZoneInfo | None = None,
                entity: str = "") -> object:
    """A stored value shown in the user's language where it is one of our own codes, and an
    instant in `zone` when one is given."""
    if value is None or value == []:
        return "—"
    if isinstance(value, list):  # never a Python list on screen: each item, in words
        return "、".join(str(value_label(field, item, zone, entity)) for item in value)
    if zone is not None and isinstance(value, str) and INSTANT.match(value):
        return datetime.fromisoformat(value).astimezone(zone).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):  # never Python's True/False on screen
        return t("audit.value_true" if value else "audit.value_false")
    prefix = ENTITY_VALUE_LABELS.get((entity, field), VALUE_LABELS.get(field))
    if prefix is not None and isinstance(value, str):
        return t_or(prefix + value, value)
    return value


def actor_label(actor: str, name: str = "") -> str:
    """Who acted, as people call them: the person's name when the login is a registered one
    (issue 34: logins showed), `system` (the console acting on its own) in words."""
    if name:
        return name
    return t("audit.system_actor") if actor == "system" else actor
