"""The today area's screens."""
