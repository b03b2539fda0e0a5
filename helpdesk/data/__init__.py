"""The data service (数据服务): the bureau's back-office queries, answered with a file."""

# The modules other areas may import; the rest is this area's own (tests/test_layers.py).
EXPORTS: tuple[str, ...] = (
    "models",
    "requests",
)
