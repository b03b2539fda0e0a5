"""Fixed vocabularies shared by models, services and screens (kept free of heavy imports)."""

from __future__ import annotations

ROLES = ("engineer", "manager", "auditor", "viewer")
UNIT_KINDS = ("street", "department", "other")
