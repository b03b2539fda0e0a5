"""The questions area's screens."""
