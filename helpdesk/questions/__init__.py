"""The questions desk (答疑): questions and their SLA clocks, the knowledge base,
trackers to the provincial team, requirement documents and configuration requests."""

# The modules other areas may import; the rest is this area's own (tests/test_layers.py).
EXPORTS: tuple[str, ...] = (
    "actions",
    "models",
)
