"""The roster area's screens."""
