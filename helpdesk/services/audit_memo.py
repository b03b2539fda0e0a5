"""Figures kept between calls in one console process until the audit feed moves.

Every change writes its audit record in the same transaction (helpdesk.app.live), so a
figure computed from the database as of an audit record holds for as long as none follows it:
asking again costs one indexed query. Another engineer's change moves the feed too."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import select

from helpdesk.i18n import current_locale
from helpdesk.services.workspace import Workspace
from helpdesk.storage.core_tables import audit_log

Value = TypeVar("Value")


Head = tuple[int, str]  # the newest audit record's seq and hash; (0, "") for an empty log


@dataclass
class _Kept:
    lock: threading.Lock = field(default_factory=threading.Lock)
    key: tuple[Hashable, ...] = ()
    identity: tuple[object, ...] = ()
    head: Head = (-1, "")
    value: object = None


def audit_head(ws: Workspace) -> Head:
    with ws.db.snapshot() as connection:
        row = connection.execute(select(audit_log.c.seq, audit_log.c.hash)
                                 .order_by(audit_log.c.seq.desc()).limit(1)).first()
    return (int(row[0]), str(row[1])) if row is not None else (0, "")


def changes_after(ws: Workspace, head: Head, most: int
                  ) -> tuple[Head, list[tuple[str, str]]] | None:
    """The (entity, entity_id) of the records after `head`, at most `most`, and the new head;
    None when the log no longer continues from `head` (a restore put an older file back) or
    more changed than `most`."""
    seq, digest = head
    columns = audit_log.c
    with ws.db.snapshot() as connection:
        rows = connection.execute(
            select(columns.seq, columns.hash, columns.entity, columns.entity_id)
            .where(columns.seq >= seq).order_by(columns.seq).limit(most + 2)).all()
    if seq and (not rows or (rows[0][0], rows[0][1]) != (seq, digest)):
        return None
    after = rows[1:] if seq else rows
    if len(after) > most:
        return None
    last = after[-1] if after else None
    return ((int(last[0]), str(last[1])) if last is not None else head,
            [(str(entity), str(entity_id)) for _s, _h, entity, entity_id in after])


def kept_until_changed(ws: Workspace, name: str, key: tuple[Hashable, ...],
                       compute: Callable[[], Value], *, at_most: int = 300) -> Value:
    """`compute()`'s value for `key` (and this configuration, calendar and language), computed
    again once a change has been committed since, or after `at_most` seconds of the clock:
    figures that read the time (a question's clock runs out unrecorded) go stale too."""
    kept = ws.memo.setdefault(f"audit:{name}", _Kept())
    assert isinstance(kept, _Kept)
    identity = (ws.config, ws.calendar)
    full_key = (*key, current_locale(),  # the figures carry translated words
                int(ws.now().timestamp()) // at_most)
    with kept.lock:
        head = audit_head(ws)  # read first: a change committed meanwhile is seen next time
        if kept.head == head and kept.key == full_key and all(
                a is b for a, b in zip(kept.identity, identity, strict=True)):
            return kept.value  # type: ignore[return-value]
        value = compute()
        kept.key, kept.identity, kept.head, kept.value = full_key, identity, head, value
        return value
