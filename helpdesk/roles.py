"""Roles and what each may do. auditor reads everything (audit log included) and changes nothing;
viewer reads the operational records but not the audit log."""

from __future__ import annotations

from helpdesk.errors import NotAuthorized

PERMISSIONS: dict[str, frozenset[str]] = {
    "manager": frozenset({"read", "read_audit", "write", "manage_staff", "manage_roster",
                         "manage_calendar", "manage_contract", "backup",
                         "unmask", "reanchor", "late_request"}),
    "engineer": frozenset({"read", "write"}),
    "auditor": frozenset({"read", "read_audit"}),
    "viewer": frozenset({"read"}),
}


def can(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())


def require(role: str, permission: str, login: str) -> None:
    if not can(role, permission):
        raise NotAuthorized(
            "err.roles.denied", login=login, role=role, permission=permission
        )
