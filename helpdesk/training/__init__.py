"""Pure logic of the training service: the curriculum, evaluation statistics and the
twice-a-year obligation. No database, no UI."""

# The modules other areas may import; the rest is this area's own (tests/test_layers.py).
EXPORTS: tuple[str, ...] = (
    "actions",
    "models",
    "obligation",
    "report",
)
