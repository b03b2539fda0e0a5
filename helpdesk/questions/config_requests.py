"""Configuration requests (系统配置服务): the checklist of each kind, who asked, who at the
bureau approved, what was changed, who did it and when. A password is never stored."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from sqlmodel import col, select

from helpdesk import resources
from helpdesk.actor import Actor
from helpdesk.errors import NotFound, UsageError
from helpdesk.questions.models import ConfigRequest, Question
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
from helpdesk.text import clean
from helpdesk.vocab import CONFIG_REQUEST_KINDS

CHECKLISTS_FILE = resources.path("configuration_checklists.toml")
# Something that looks like a credential typed into a free-text field.
_SECRET = re.compile(r"(口令|密码|password|passwd|pwd)\s*[:：=是为]\s*\S+", re.IGNORECASE)


@cache
def checklists(path: Path = CHECKLISTS_FILE) -> dict[str, tuple[str, ...]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {kind: tuple(str(item) for item in data.get(kind, ())) for kind in CONFIG_REQUEST_KINDS}


@dataclass(frozen=True)
class ConfigRequestView:
    question_id: int
    kind: str
    requested_by: str
    approved_by: str
    change_summary: str
    checklist: dict[str, bool]
    done_by: str
    done_at: datetime | None
    version: int


def _view(request: ConfigRequest) -> ConfigRequestView:
    ticks = json.loads(request.checklist or "{}")
    items = checklists()[request.kind]
    return ConfigRequestView(request.question_id, request.kind, request.requested_by,
                             request.approved_by, request.change_summary,
                             {item: bool(ticks.get(item)) for item in items}, request.done_by,
                             request.done_at, request.version)


def _no_secrets(text: str) -> str:
    if _SECRET.search(text):
        raise UsageError("err.config_requests.password_in_text")
    return text


def save_request(ws: Workspace, actor: Actor, question_id: int, *, kind: str,
                 requested_by: str, approved_by: str, change_summary: str = "",
                 ticked: tuple[str, ...] = (), done: bool = False) -> ConfigRequestView:
    if kind not in CONFIG_REQUEST_KINDS:
        raise UsageError("err.config_requests.kind",
                         kind=kind, config_request_kinds=', '.join(CONFIG_REQUEST_KINDS))
    summary = _no_secrets(clean(change_summary, max_length=2000).strip())
    items = checklists()[kind]
    unknown = [item for item in ticked if item not in items]
    if unknown:
        raise UsageError("err.config_requests.not_on_checklist",
                         kind=kind, unknown=', '.join(unknown))
    if done and (not approved_by.strip() or len(ticked) < len(items)):
        raise UsageError("err.config_requests.incomplete")
    with change(ws, actor) as tx:
        question = tx.session.get(Question, question_id)
        if question is None:
            raise NotFound("err.common.question_not_found", question_id=question_id)
        if question.category != "configuration":
            raise UsageError("err.config_requests.not_configuration", number=question.number)
        request = tx.session.exec(select(ConfigRequest).where(
            col(ConfigRequest.question_id) == question_id)).first()
        if request is None:
            request = ConfigRequest(question_id=question_id, kind=kind)
            tx.session.add(request)
        else:
            request.version += 1
        request.kind = kind
        request.requested_by = clean(requested_by, single_line=True, max_length=64).strip()
        request.approved_by = clean(approved_by, single_line=True, max_length=64).strip()
        request.change_summary = summary
        request.checklist = json.dumps({item: item in ticked for item in items},
                                       ensure_ascii=False)
        if done and request.done_at is None:
            request.done_by, request.done_at = actor.login, tx.now
        tx.session.flush()
        tx.record("config_request.save", "question", question_id,
                  after={"kind": kind, "approved_by": request.approved_by,
                         "ticked": len(ticked), "done": done})
        return _view(request)


def get_request(ws: Workspace, actor: Actor, question_id: int) -> ConfigRequestView | None:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        request = session.exec(select(ConfigRequest).where(
            col(ConfigRequest.question_id) == question_id)).first()
        return _view(request) if request else None
