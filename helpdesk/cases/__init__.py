"""Petition cases (信访件): pure logic for IDs, statutory deadlines and assessment rates."""

# The modules other areas may import; the rest is this area's own (tests/test_layers.py).
EXPORTS: tuple[str, ...] = (
    "models",
    "proxy_figures",
    "proxy_work",
    "ranking",
    "rate_figures",
    "rates",
)
