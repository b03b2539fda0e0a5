"""Gap-free human-readable numbers, allocated inside the caller's write transaction."""

from __future__ import annotations

from helpdesk.services.workspace import Change
from helpdesk.storage.models import Counter


def next_number(change: Change, name: str) -> int:
    counter = change.session.get(Counter, name)
    if counter is None:
        counter = Counter(name=name, value=0)
        change.session.add(counter)
    counter.value += 1
    change.session.flush()
    return counter.value
