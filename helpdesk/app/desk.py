"""Raising it at the desk: what another area hands to the questions desk (an inspection issue
or a scan finding becomes a tracked problem, dormant accounts a configuration request, a
question asked at a training a desk question or a FAQ draft) and what the desk shows from
another area (the terminal a question was about). Each hand-off is one unit of work: the desk
numbers its item and the other area links to it, or neither happens."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.actor import Actor
from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.inspection import actions as inspection
from helpdesk.inspection.actions import ResultView
from helpdesk.monitoring.inventory import TerminalView, terminal_of_question
from helpdesk.monitoring.oplog import dormant_accounts
from helpdesk.questions.actions import add_question, get_question
from helpdesk.questions.config_requests import save_request
from helpdesk.questions.kb import save_article
from helpdesk.questions.trackers import raise_item
from helpdesk.questions.views import QuestionDetail
from helpdesk.security import network
from helpdesk.security.network import FindingView
from helpdesk.services.workspace import Workspace, change
from helpdesk.training import questions as training


def inspection_problem(ws: Workspace, actor: Actor, result_id: int) -> ResultView:
    """An issue found at the monthly inspection becomes a problem of the desk (its register
    numbers it and starts the follow-up clock); the item then links to it. Never twice."""
    with change(ws, actor) as tx:
        title, description = inspection.problem_to_raise(tx, result_id)
        problem = raise_item(ws, actor, "problem", title=title, description=description)
        return inspection.link_problem(ws, tx, result_id, problem.id, problem.number)


def finding_problem(ws: Workspace, actor: Actor, finding_id: int) -> FindingView:
    """A security finding raised as a desk problem (系统问题跟踪). Never twice."""
    with change(ws, actor) as tx:
        title, description = network.problem_to_raise(tx, finding_id)
        problem = raise_item(ws, actor, "problem", title=title, description=description)
        return network.link_problem(tx, finding_id, problem.id, problem.number)


def dormant_request(ws: Workspace, actor: Actor, days: int) -> tuple[str, int]:
    """The dormant accounts as one configuration request (系统配置服务: disable unused
    accounts): a configuration question listing them, with its checklist. Returns the
    question's number and how many accounts it names."""
    dormant = dormant_accounts(ws, actor, days)
    if not dormant:
        raise UsageError("err.oplog.none_dormant", days=days)
    listing = "\n".join(f"{d.account} {d.name} {d.unit} " + (
        t("oplog.idle_days", days=d.idle_days) if d.idle_days is not None
        else t("oplog.never_used")) for d in dormant)
    with change(ws, actor):
        question = add_question(ws, actor, category="configuration", channel="system",
                                title=t("oplog.disable_title", count=len(dormant), days=days),
                                description=listing)
        save_request(ws, actor, question.id, kind="disable_account",
                     requested_by=actor.name or actor.login, approved_by="",
                     change_summary=listing)
    return question.number, len(dormant)


def training_to_desk(ws: Workspace, actor: Actor, raised_id: int) -> int:
    """A question raised at a training opens a desk question (channel "other", received now),
    linked back; returns its id."""
    with change(ws, actor) as tx:
        draft = training.desk_draft(tx, raised_id, "desk")
        created = add_question(
            ws, actor, title=draft.title, category=draft.category, channel="other",
            asker_name=draft.asked_by,
            description=f"培训现场提问（{draft.training_title}）：\n{draft.text}")
        training.link_desk_question(tx, raised_id, created.id, created.number)
        return created.id


def training_to_faq(ws: Workspace, actor: Actor, raised_id: int) -> int:
    """A FAQ draft from a question answered at a training; returns the article id."""
    with change(ws, actor) as tx:
        draft = training.desk_draft(tx, raised_id, "faq")
        article = save_article(ws, actor, None, None, title=draft.title, question=draft.text,
                               answer=draft.answer, category=draft.category,
                               tags=f"培训,{draft.training_kind}")
        assert article.id is not None
        training.link_faq_draft(tx, raised_id, article.id)
        return article.id


@dataclass(frozen=True)
class QuestionPage(QuestionDetail):
    """A question as its page shows it: with the terminal it was about (desktop support)."""

    terminal: TerminalView | None = None


def question_with_terminal(ws: Workspace, actor: Actor, question_id: int) -> QuestionPage:
    detail = get_question(ws, actor, question_id)
    return QuestionPage(**detail.__dict__, terminal=terminal_of_question(ws, actor, question_id))
