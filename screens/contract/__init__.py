"""The contract area's screens."""
