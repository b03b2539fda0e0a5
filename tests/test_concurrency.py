"""Several processes writing at once: no update lost, no "database is locked" reaches anyone,
and the audit chain stays gap-free."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from helpdesk import audit
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import AuditRecord, Counter

PROCESSES = 8
INCREMENTS = 50


@pytest.mark.slow
def test_concurrent_read_modify_write_loses_nothing(ws: Workspace, db_url: str,
                                                    tmp_path: Path) -> None:
    start_flag = tmp_path / "go"
    key_file = str(ws.db.key_path)
    ws.audit_key  # noqa: B018
    before = _audit_count(ws)
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.concurrency_worker", db_url, key_file,
             str(start_flag), str(INCREMENTS)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(PROCESSES)
    ]
    start_flag.touch()
    numbers: list[int] = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        assert "locked" not in err.lower()
        numbers += json.loads(out)
    total = PROCESSES * INCREMENTS
    assert sorted(numbers) == list(range(1, total + 1))  # every number once: nothing lost
    with ws.db.read() as session:
        assert session.get(Counter, "race").value == total  # type: ignore[union-attr]
        report = audit.verify(session, ws.audit_key)
    assert report.ok, report
    assert _audit_count(ws) == before + total


def _audit_count(ws: Workspace) -> int:
    with ws.db.read() as session:
        return len(session.exec(select(AuditRecord.seq)).all())
