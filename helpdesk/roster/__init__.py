"""Pure logic of the 5×8 duty roster: shift slots from office hours, fair generation, coverage."""

# The modules other areas may import; the rest is this area's own (tests/test_layers.py).
EXPORTS: tuple[str, ...] = (
    "actions",
    "models",
)
