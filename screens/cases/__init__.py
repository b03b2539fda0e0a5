"""The cases area's screens."""
