"""The questions screens' key bindings (ids, default keys, footer labels), gathered by
helpdesk/keymap.py; config.toml's [keys] remaps them by id."""

from __future__ import annotations

from helpdesk.keyspec import KeySpec

KEYS: tuple[KeySpec, ...] = (
    KeySpec("queue.new", "n", "new", "queue.new"),
    KeySpec("queue.open", "o", "open", "queue.open"),
    KeySpec("queue.search", "slash", "search", "queue.search"),
    KeySpec("queue.sla_filter", "f", "sla_filter", "queue.sla_filter"),
    KeySpec("queue.all", "v", "toggle_all", "queue.all"),
    KeySpec("queue.sort", "d", "toggle_sort", "queue.sort"),
    KeySpec("queue.filters", "F", "filters", "queue.filters"),
    KeySpec("question.config", "g", "config_request", "question.config"),
    KeySpec("kb.edit", "e", "edit", "kb.edit"),
    KeySpec("intake.use_answer", "ctrl+r", "use_answer", "intake.use_answer"),
    KeySpec("question.reply", "ctrl+r", "reply", "question.reply"),
    KeySpec("reply.use_article", "ctrl+r", "use_article", "reply.use_article"),
    KeySpec("question.start", "i", "move('in_progress')", "question.start"),
    KeySpec("question.wait", "w", "move('waiting')", "question.wait"),
    KeySpec("question.escalate", "e", "escalate", "question.escalate"),
    KeySpec("question.close", "c", "move('closed')", "question.close"),
    KeySpec("question.reopen", "o", "reopen", "question.reopen"),
    KeySpec("question.faq", "f", "faq", "question.faq"),
    KeySpec("question.requirement", "R", "raise_item('requirement')", "question.requirement"),
    KeySpec("question.problem", "P", "raise_item('problem')", "question.problem"),
    KeySpec("kb.search", "slash", "search", "queue.search"),
    KeySpec("kb.open", "o", "open", "queue.open"),
    KeySpec("kb.publish", "P", "set_status('published')", "kb.publish"),
    KeySpec("kb.retire", "x", "set_status('retired')", "kb.retire"),
    KeySpec("kb.all", "v", "toggle_all", "kb.all"),
    KeySpec("trackers.next", "plus", "advance(1)", "trackers.next"),
    KeySpec("trackers.back", "minus", "advance(-1)", "trackers.back"),
    KeySpec("trackers.kind", "m", "toggle_kind", "trackers.kind"),
    KeySpec("trackers.late", "l", "toggle_late", "trackers.late"),
    KeySpec("trackers.open", "o,enter", "open", "requirements.open_key"),
    KeySpec("requirement.edit", "e", "edit", "requirements.edit_key"),
    KeySpec("requirement.confirm", "c", "confirm", "requirements.confirm_key"),
    KeySpec("requirement.export", "x", "export", "requirements.export_key"),
    KeySpec("question.terminal", "d", "terminal", "inventory.link_key"),
)
