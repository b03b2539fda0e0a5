"""Monitoring the district's use of the system: the terminal inventory and the
province's operation log."""

# The modules other areas may import; the rest is this area's own (tests/test_layers.py).
EXPORTS: tuple[str, ...] = (
    "oplog",
    "oplog_figures",
)
