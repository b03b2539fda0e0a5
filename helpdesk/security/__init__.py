"""Confidentiality and security (保密与安全): exams, pledges, registers, network security."""

# The modules other areas may import; the rest is this area's own (tests/test_layers.py).
EXPORTS: tuple[str, ...] = (
    "clearance",
    "exams",
    "models",
    "register_entries",
    "registers",
)
