"""The data area's screens."""
