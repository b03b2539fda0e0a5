"""The inspection reports (月度/季度/年度巡检报告): periods and the figures' pure shapes."""

# The modules other areas may import; the rest is this area's own (tests/test_layers.py).
EXPORTS: tuple[str, ...] = (
    "figures",
    "gather",
    "markdown",
    "sheet_writer",
    "xlsx",
)
