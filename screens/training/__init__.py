"""The training area's screens."""
