"""The inspection area's screens."""
