"""Finding the columns of an imported sheet by their header (the provincial exports name the
same column in several ways): one rule for every import."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from helpdesk.errors import UsageError
from helpdesk.text import clean


def find_columns(header: Sequence[Any], headers: Mapping[str, Sequence[str]],
                 required: Sequence[str]) -> dict[str, int]:
    """Column index per field: the first header cell equal (ignoring case) to one of the
    field's labels or to its own name. Missing required fields are one UsageError naming
    every label that would have done."""
    names = [clean(str(h or ""), single_line=True).strip().lower() for h in header]
    found: dict[str, int] = {}
    for field, labels in headers.items():
        wanted = {label.lower() for label in labels} | {field.lower()}
        index = next((i for i, name in enumerate(names) if name in wanted), None)
        if index is not None:
            found[field] = index
    missing = [field for field in required if field not in found]
    if missing:
        raise UsageError("err.imports.missing_columns", columns="; ".join(
            f"{field}: {' / '.join(headers[field])}" for field in missing))
    return found
