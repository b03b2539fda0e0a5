"""The day's urging worklist kept between calls in one console process, and brought up to date
from the audit feed instead of recomputed.

Every change writes its audit record in the same transaction (helpdesk.app.live), so the
records after the one the list was computed at name exactly the cases to look at again: a
return to the worklist with nothing changed costs one indexed query; an urging or a stage
change re-reads that case's row alone and moves it into place. What the list cannot follow case
by case (an import, a unit renamed, the calendar recomputed, a restore) recomputes it.

The list kept is the head of the candidates in urgency order, longer than what is shown (SPARE)
so that cases leaving it (urged, replied) do not leave it short; every candidate not kept sorts
after its last row, which is what makes a changed case's place decidable without the others."""

from __future__ import annotations

import threading
from bisect import insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Generic, Protocol, TypeVar


class Listed(Protocol):
    """What the kept list needs of a worklist item (cases/urging_list.UrgingItem)."""

    @property
    def case_id(self) -> int: ...
    @property
    def case_number(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def due(self) -> date | None: ...
    @property
    def supervised(self) -> bool: ...


Item = TypeVar("Item", bound=Listed)

SPARE = 500  # rows kept beyond the cut, to absorb cases that leave the list
# Audit entities after which the list is recomputed whole: rows change that are not the cases
# named (a unit's name is on every one of its cases; the calendar moves every deadline).
RECOMPUTE = frozenset(("calendar", "unit", "database"))
MOST_CHANGED = 500  # more changed cases than this since the last look: recompute


Urgency = tuple[bool, date, bool, str, str, int]


def urgency(item: Listed) -> Urgency:
    """The worklist's order, as the SQL sorts it (urging_list.urging_worklist)."""
    return (item.due is None, item.due or date.max, not item.supervised, item.unit,
            item.case_number, item.case_id)


class IdBits:
    """A set of case ids as one bit each: a province's 85,000 listed cases in ~125 KB, not
    the 5 MB of a set of ints."""

    def __init__(self) -> None:
        self.bits = bytearray()
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def __contains__(self, case_id: int) -> bool:
        byte = case_id >> 3
        return byte < len(self.bits) and bool(self.bits[byte] >> (case_id & 7) & 1)

    def add(self, case_id: int) -> None:
        byte, bit = case_id >> 3, 1 << (case_id & 7)
        if byte >= len(self.bits):
            self.bits.extend(bytes(byte + 1 - len(self.bits) + len(self.bits) // 4))
        if not self.bits[byte] & bit:
            self.bits[byte] |= bit
            self.count += 1

    def discard(self, case_id: int) -> None:
        byte, bit = case_id >> 3, 1 << (case_id & 7)
        if byte < len(self.bits) and self.bits[byte] & bit:
            self.bits[byte] &= ~bit & 0xFF
            self.count -= 1


@dataclass
class DayList(Generic[Item]):
    """The worklist of one day, for one configuration and calendar, as of audit `head`."""

    day: date
    identity: tuple[object, ...]  # what else the list was computed from (config, calendar)
    limit: int
    head: tuple[int, str]  # the audit record the list is as of (services/audit_memo.Head)
    kept: list[tuple[Urgency, Item]] = field(default_factory=list)
    candidates: IdBits = field(default_factory=IdBits)  # every case listed today, kept or not
    overdue: IdBits = field(default_factory=IdBits)  # of those, the ones past their due day
    supervised: IdBits = field(default_factory=IdBits)

    @property
    def capacity(self) -> int:
        return self.limit + SPARE

    def fill(self, rows: Sequence[tuple[int, bool, bool]]) -> None:
        """Every listed case as (id, overdue, supervised), into empty bitmaps: one tight loop,
        for the 85,000 of a province's day."""
        if not rows:
            return
        size = (max(rows, key=itemgetter(0))[0] >> 3) + 1
        listed, overdue, supervised = bytearray(size), bytearray(size), bytearray(size)
        late = flagged = 0
        for case_id, is_overdue, is_supervised in rows:
            byte, bit = case_id >> 3, 1 << (case_id & 7)
            listed[byte] |= bit
            if is_overdue:
                overdue[byte] |= bit
                late += 1
            if is_supervised:
                supervised[byte] |= bit
                flagged += 1
        for bits, data, count in ((self.candidates, listed, len(rows)),
                                  (self.overdue, overdue, late),
                                  (self.supervised, supervised, flagged)):
            bits.bits, bits.count = data, count

    def count(self, case_id: int, overdue: bool, supervised: bool) -> None:
        self.candidates.add(case_id)
        if overdue:
            self.overdue.add(case_id)
        if supervised:
            self.supervised.add(case_id)

    def replace(self, case_ids: Iterable[int], items: Iterable[Item]) -> bool:
        """The named cases as they now are (`items`: those still listed). False when the kept
        head no longer covers what is shown: recompute."""
        gone = set(case_ids)
        for case_id in gone:
            for bits in (self.candidates, self.overdue, self.supervised):
                bits.discard(case_id)
        self.kept = [entry for entry in self.kept if entry[1].case_id not in gone]
        for item in items:
            key = urgency(item)
            complete = len(self.kept) == len(self.candidates)
            self.count(item.case_id, item.due is not None and item.due < self.day,
                       item.supervised)
            if complete or (self.kept and key < self.kept[-1][0]):
                insort(self.kept, (key, item), key=_first)
                if len(self.kept) > self.capacity:
                    self.kept.pop()
        return len(self.kept) >= min(self.limit, len(self.candidates))

    @property
    def shown(self) -> list[Item]:
        return [item for _key, item in self.kept[:self.limit]]


def _first(entry: tuple[Urgency, Listed]) -> Urgency:
    return entry[0]


@dataclass
class WorklistMemo(Generic[Item]):
    """One process's kept worklist; screens ask from worker threads, hence the lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    current: DayList[Item] | None = None
