"""The handover area's screens."""
