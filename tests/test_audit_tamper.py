"""Audit that cannot be cut quietly: the anchor beside the key and the head the database keeps
(meta `audit_head`) catch a deleted or corrupted anchor, records cut off the end (and cut then
written again), a deleted head; a backup whose chain was cut is not restored; a head printed on
a signed page is checked (`audit verify --head`)."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import col, select

from helpdesk import audit
from helpdesk.app.backups import restore
from helpdesk.errors import NotAuthorized, UsageError
from helpdesk.services.audit_log import PrintedHead, chain_head, head_text, verify_chain
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.backup import backup_sqlite
from helpdesk.storage.models import AuditRecord
from tests.expect import refused


def _units(ws: Workspace, *codes: str) -> None:
    actor = resolve_actor(ws)
    for code in codes:
        add_unit(ws, actor, code, f"街道{code}", "street")


def _sql(ws: Workspace, *statements: str) -> None:
    assert ws.db.path is not None
    connection = sqlite3.connect(ws.db.path)
    connection.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    connection.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def test_a_deleted_anchor_fails_and_the_next_write_does_not_hide_it(sqlite_ws: Workspace
                                                                     ) -> None:
    _units(sqlite_ws, "S01", "S02")
    assert verify_chain(sqlite_ws).ok
    audit.anchor_path(sqlite_ws.db.key_path).unlink()
    report = verify_chain(sqlite_ws)
    assert not report.ok and "锚点文件不见了" in report.reason
    _units(sqlite_ws, "S03")
    assert not audit.anchor_path(sqlite_ws.db.key_path).exists()
    assert not verify_chain(sqlite_ws).ok


def test_a_corrupted_anchor_is_reported_and_kept(sqlite_ws: Workspace) -> None:
    _units(sqlite_ws, "S01")
    anchor = audit.anchor_path(sqlite_ws.db.key_path)
    anchor.write_text('{"seq": 1, "hash": "00", "mac": "00"}', encoding="utf-8")
    with pytest.raises(audit.AuditKeyInvalid):
        verify_chain(sqlite_ws)
    _units(sqlite_ws, "S02")
    assert anchor.read_text(encoding="utf-8") == '{"seq": 1, "hash": "00", "mac": "00"}'


def test_cut_then_written_again_is_found(sqlite_ws: Workspace) -> None:
    _units(sqlite_ws, "S01", "S02", "S03")
    _sql(sqlite_ws, "DELETE FROM audit_log WHERE seq >= 3")
    for code in ("S04", "S05", "S06", "S07"):  # past where the chain had got to
        _units(sqlite_ws, code)
    report = verify_chain(sqlite_ws)
    assert not report.ok and "已被替换" in report.reason


def test_the_database_keeps_its_head_even_when_the_anchor_goes_too(sqlite_ws: Workspace
                                                                    ) -> None:
    _units(sqlite_ws, "S01", "S02", "S03")
    audit.anchor_path(sqlite_ws.db.key_path).unlink()
    _sql(sqlite_ws, "DELETE FROM audit_log WHERE seq >= 3")
    with sqlite_ws.db.read() as session:
        report = audit.verify(session, sqlite_ws.audit_key)  # no anchor given at all
    assert not report.ok and "第 3 至 4 条记录不见了" in report.reason
    _sql(sqlite_ws, "DELETE FROM meta WHERE key = 'audit_head'")
    with sqlite_ws.db.read() as session:
        report = audit.verify(session, sqlite_ws.audit_key)
    assert not report.ok and "链头不见了" in report.reason


def test_a_backup_whose_chain_was_cut_is_not_restored(sqlite_ws: Workspace, tmp_path: Path
                                                      ) -> None:
    _units(sqlite_ws, "S01", "S02", "S03")
    copy = backup_sqlite(sqlite_ws.db, tmp_path / "copy.db", key=sqlite_ws.audit_key)
    connection = sqlite3.connect(copy)
    connection.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    connection.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    connection.commit()
    connection.close()
    assert sqlite_ws.db.path is not None
    before = set(sqlite_ws.db.path.parent.iterdir())
    with refused(UsageError, "backup.chain_broken"):
        restore(sqlite_ws, resolve_actor(sqlite_ws), copy)
    assert set(sqlite_ws.db.path.parent.iterdir()) == before  # nothing kept, nothing replaced
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_a_printed_head_is_checked(sqlite_ws: Workspace) -> None:
    _units(sqlite_ws, "S01", "S02")
    head = chain_head(sqlite_ws)
    assert head is not None and head.seq == 3 and len(head.hash) == 16
    assert head_text(head) == f"3:{head.hash}"
    _units(sqlite_ws, "S03")
    assert verify_chain(sqlite_ws, PrintedHead.parse(head_text(head))).ok
    wrong = PrintedHead(3, "0" * 16)
    report = verify_chain(sqlite_ws, wrong)
    assert not report.ok and report.broken_at == 3
    assert not verify_chain(sqlite_ws, PrintedHead(99, head.hash)).ok
    with refused(UsageError, "audit.bad_head"):
        PrintedHead.parse("3:xyz")


def test_a_link_planted_where_the_key_will_be_is_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    link = tmp_path / "new.key"
    link.symlink_to(victim)  # dangling: the key does not exist yet
    with pytest.raises(FileExistsError):
        audit.load_key(link, create=True)
    assert not victim.exists()


def test_a_lost_anchor_is_started_again_by_a_manager_on_the_record(sqlite_ws: Workspace
                                                                    ) -> None:
    from helpdesk.app.staff import add_staff
    from helpdesk.services.audit_log import reanchor

    _units(sqlite_ws, "S01")
    boss = resolve_actor(sqlite_ws)
    add_staff(sqlite_ws, boss, "lixy", "李晓燕", "engineer")
    audit.anchor_path(sqlite_ws.db.key_path).unlink()
    assert not verify_chain(sqlite_ws).ok
    with refused(NotAuthorized, "roles.denied"):
        reanchor(sqlite_ws, resolve_actor(sqlite_ws, "lixy"), "x")
    with refused(UsageError, "audit.reanchor_reason"):
        reanchor(sqlite_ws, boss, "  ")
    done = reanchor(sqlite_ws, boss, "迁移主机时锚点文件未随库复制")
    assert done.previous == "missing"
    report = verify_chain(sqlite_ws)
    assert report.ok and report.checked == done.seq
    with sqlite_ws.db.read() as session:
        last = session.exec(select(AuditRecord).where(col(AuditRecord.seq) == done.seq)).one()
    assert (last.action, last.actor) == ("audit.reanchor", boss.login)
    assert "迁移主机" in last.summary and "missing" in last.summary
    # A chain that is itself broken is not papered over by a new anchor.
    _sql(sqlite_ws, "UPDATE audit_log SET summary = '{}' WHERE seq = 2")
    with refused(UsageError, "audit.reanchor_broken"):
        reanchor(sqlite_ws, boss, "再试")


def test_the_audit_screen_walks_only_what_is_new(ws: Workspace,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The audit screen verified the whole chain on every first visit (30 s at a province
    year's million records, issue 33): it walks on from where this process last found it
    sound; a resume point whose record no longer matches starts the walk over."""
    from helpdesk import audit
    from helpdesk.questions.actions import add_question
    from helpdesk.services.audit_log import VERIFIED

    actor = resolve_actor(ws)
    for n in range(5):
        add_question(ws, actor, title=f"问题 {n}", category="other")
    calls: list[int] = []
    real = audit._mac

    def counted(key: bytes, *fields: Any) -> str:
        calls.append(1)
        return real(key, *fields)

    monkeypatch.setattr(audit, "_mac", counted)
    first = verify_chain(ws, incremental=True)
    assert first.ok and len(calls) == first.checked
    add_question(ws, actor, title="新的一条", category="other")
    calls.clear()
    again = verify_chain(ws, incremental=True)
    assert again.ok and again.checked > first.checked
    assert len(calls) == again.checked - first.checked  # the new records only
    ws.memo[VERIFIED] = audit.Verified(first.checked, "0" * 64)  # no longer what is stored
    calls.clear()
    assert verify_chain(ws, incremental=True).ok and len(calls) == again.checked
    calls.clear()
    assert verify_chain(ws).ok and len(calls) == again.checked  # doctor's walk: all of it
    # Another console (a new process): it walks on from the point kept beside the key.
    ws.memo.clear()
    add_question(ws, actor, title="再一条", category="other")
    calls.clear()
    third = verify_chain(ws, incremental=True)
    assert third.ok and 0 < len(calls) == third.checked - again.checked
    # A kept point without the key's MAC is not trusted: the walk starts at 1.
    kept = audit.verified_path(ws.db.key_path)
    data = json.loads(kept.read_text(encoding="utf-8"))
    kept.write_text(json.dumps({**data, "seq": 1}), encoding="utf-8")
    ws.memo.clear()
    calls.clear()
    assert verify_chain(ws, incremental=True).ok and len(calls) == third.checked


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.one_of(st.none(), st.text()), st.integers(1, 2**40))
def test_the_walk_signs_what_json_dumps_writes(actor: str, entity_id: str,
                                                summary: str | None, seq: int) -> None:
    """The walk builds each payload by hand (a million json.dumps calls were a third of its
    cost); it must be byte for byte what the records were signed over: quotes, backslashes,
    control characters, any Unicode, a missing summary."""
    from datetime import UTC, datetime

    from helpdesk import audit

    at = datetime(2026, 11, 24, 2, 0, 31, 5, tzinfo=UTC)
    key = b"k" * 32
    fields = [seq, at.isoformat(timespec="microseconds"), actor, "os", "case.urge", "case",
              entity_id, summary, "0" * 64]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    expected = hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()
    assert audit._mac(key, seq, at, actor, "os", "case.urge", "case", entity_id, summary,
                      "0" * 64) == expected
    stored = "2026-11-24 02:00:31.000005"  # SQLite's text of the same instant
    assert audit._mac(key, seq, stored, actor, "os", "case.urge", "case", entity_id, summary,
                      "0" * 64) == expected


def test_a_full_walk_says_how_far_it_got(ws: Workspace) -> None:
    """`audit verify` on a terminal shows the count as the walk goes (batch by batch)."""
    from helpdesk import audit
    from helpdesk.questions.actions import add_question

    actor = resolve_actor(ws)
    for n in range(7):
        add_question(ws, actor, title=f"问题 {n}", category="other")
    heard: list[int] = []
    with ws.db.read() as session:
        key = audit.load_key(ws.db.key_path, create=False)
        report, _reached = audit.verify_from(session, key, batch=3, progress=heard.append)
    assert report.ok and report.checked >= 7
    assert heard == [*range(3, report.checked, 3), report.checked]
