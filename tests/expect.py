"""Asserting a refusal by its stable code, not by its wording (which follows the locale)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from helpdesk.errors import HelpdeskError


@contextmanager
def refused(kind: type[HelpdeskError], code: str) -> Iterator[None]:
    with pytest.raises(kind) as caught:
        yield
    assert caught.value.code == code, f"{caught.value.code}: {caught.value}"
