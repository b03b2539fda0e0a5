"""The admin area's screens."""
