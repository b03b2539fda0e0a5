"""Use cases that span services are one unit of work: a failure in a later step leaves nothing
of the earlier ones, and two engineers racing on the same flow leave one record and no gap in
the numbering."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from helpdesk import audit
from helpdesk.app.desk import training_to_desk, training_to_faq
from helpdesk.clock import FrozenClock
from helpdesk.errors import UsageError
from helpdesk.questions import actions as questions
from helpdesk.questions.models import KbArticle, Question
from helpdesk.services.workspace import Workspace, change, resolve_actor
from helpdesk.storage.models import AuditRecord, Counter
from helpdesk.training.actions import plan_session, set_status
from helpdesk.training.models import TrainingQuestion
from helpdesk.training.questions import add_raised
from tests.conftest import local


def _counts(ws: Workspace) -> tuple[int, int, int, int]:
    with ws.db.read() as session:
        counter = session.get(Counter, "question-2026")
        return (session.exec(select(func.count()).select_from(Question)).one(),
                session.exec(select(func.count()).select_from(KbArticle)).one(),
                session.exec(select(func.count()).select_from(AuditRecord)).one(),
                counter.value if counter else 0)


def _fail_on(monkeypatch: pytest.MonkeyPatch, action: str) -> None:
    """The audit record of `action` fails: the step that writes it fails."""
    real = audit.append

    def append(session: Any, key: bytes, **fields: Any) -> Any:
        if fields["action"] == action:
            raise UsageError(f"injected failure at {action}")
        return real(session, key, **fields)

    monkeypatch.setattr(audit, "append", append)


def test_change_joins_the_transaction_open_on_the_thread(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    with change(ws, actor) as outer, change(ws, actor) as inner:
        assert inner.session is outer.session and inner.now == outer.now


def test_logging_a_question_resolved_is_all_or_nothing(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    actor = resolve_actor(ws)
    before = _counts(ws)
    _fail_on(monkeypatch, "question.resolve")
    with pytest.raises(UsageError, match="injected"):
        questions.add_resolved_question(ws, actor, answer="在系统里撤回", title="转错单位怎么办",
                                        category="handling")
    assert _counts(ws) == before  # no question, no audit record, no number used
    monkeypatch.undo()
    row = questions.add_resolved_question(ws, actor, answer="在系统里撤回",
                                          title="转错单位怎么办", category="handling")
    assert row.status == "resolved" and row.number == "Q2026-00001"


def _raised(ws: Workspace, clock: FrozenClock, answer: str = "") -> int:
    actor = resolve_actor(ws)
    session = plan_session(ws, actor, kind="business", day=date(2026, 10, 12),
                           start=time(14, 30), place="三楼会议室").session
    clock.set(local(2026, 10, 12, 17, 0))
    set_status(ws, actor, session.id, session.version, "held")
    return add_raised(ws, actor, session.id, "督办件到期提醒能否推送到手机？", "张伟", answer).id


def test_a_training_question_to_the_desk_leaves_no_orphan(
        ws: Workspace, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch) -> None:
    raised = _raised(ws, clock, answer="可以，在个人设置里打开。")
    actor = resolve_actor(ws)
    before = _counts(ws)
    _fail_on(monkeypatch, "training.question_to_desk")
    with pytest.raises(UsageError, match="injected"):
        training_to_desk(ws, actor, raised)
    _fail_on(monkeypatch, "training.question_to_faq")
    with pytest.raises(UsageError, match="injected"):
        training_to_faq(ws, actor, raised)
    assert _counts(ws) == before
    with ws.db.read() as session:
        row = session.get(TrainingQuestion, raised)
        assert row is not None and row.question_id is None and row.article_id is None


def test_an_inspection_issue_to_a_problem_leaves_no_orphan(
        ws: Workspace, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpdesk.app.desk import inspection_problem
    from helpdesk.inspection.actions import record_result, start_inspection
    from helpdesk.questions.models import TrackerItem

    actor = resolve_actor(ws)
    item = start_inspection(ws, actor, "2026-09").results[0]
    item = record_result(ws, actor, item.id, item.version, "issue", "服务器磁盘使用率 92%")
    _fail_on(monkeypatch, "inspection.problem")
    with pytest.raises(UsageError, match="injected"):
        inspection_problem(ws, actor, item.id)
    with ws.db.read() as session:
        assert session.exec(select(func.count()).select_from(TrackerItem)).one() == 0
        counters = session.exec(select(Counter.name)).all()
    assert not [name for name in counters if name.startswith("problem")]
    monkeypatch.undo()
    assert inspection_problem(ws, actor, item.id).problem_id is not None


@pytest.mark.slow
def test_two_engineers_at_once_make_one_desk_question(
        ws: Workspace, clock: FrozenClock, db_url: str, tmp_path: Path) -> None:
    raised = _raised(ws, clock)
    start_flag = tmp_path / "go"
    workers = [subprocess.Popen(
        [sys.executable, "-m", "tests.unit_of_work_worker", db_url, str(ws.db.key_path),
         str(start_flag), str(raised)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True) for _ in range(2)]
    start_flag.touch()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        results.append(json.loads(out))
    assert sorted(isinstance(r, int) for r in results) == [False, True]
    assert "refused: UsageError" in results
    with ws.db.read() as session:
        numbers = session.exec(select(Question.number).order_by(col(Question.id))).all()
        counter = session.get(Counter, f"question-{numbers[0][1:5]}") if numbers else None
    assert len(numbers) == 1 and counter is not None and counter.value == 1
