"""The monthly inspection (巡检服务): its checklist, usage figures and obligation, pure logic."""

# The modules other areas may import; the rest is this area's own (tests/test_layers.py).
EXPORTS: tuple[str, ...] = (
    "actions",
    "obligation",
)
