"""Every key binding of the console, as data: id -> default key and help-text key.

The UI builds its Bindings from this table and config.toml's [keys] section remaps by id, so a
user can change a key without touching code, and config validation can name an unknown id.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.areas import AREAS


@dataclass(frozen=True)
class KeySpec:
    id: str
    key: str
    action: str
    label: str  # i18n key of the footer/help description
    show: bool = True


APP_KEYS: tuple[KeySpec, ...] = (
    *(KeySpec(area.binding_id, area.key, f"goto('{area.name}')", area.label) for area in AREAS),
    KeySpec("app.help", "f1,question_mark", "help", "nav.help"),
    KeySpec("app.palette", "ctrl+p", "command_palette", "nav.palette", show=False),
    KeySpec("app.quit", "ctrl+q", "quit", "nav.quit"),
)

SCREEN_KEYS: tuple[KeySpec, ...] = (
    KeySpec("screen.back", "escape", "back", "nav.back"),
    # Not in the footer (F1 help lists them): at 80 columns the footer keeps room for the
    # screen's own actions; "] 下一页" and the page line below a list say paging exists.
    KeySpec("screen.refresh", "f5,ctrl+r", "refresh", "nav.refresh", show=False),
    KeySpec("list.next_page", "right_square_bracket", "next_page", "list.next_page"),
    KeySpec("list.prev_page", "left_square_bracket", "prev_page", "list.prev_page", show=False),
    KeySpec("units.edit", "e,enter", "edit", "units.edit"),
    KeySpec("units.add", "plus,insert", "add", "units.add"),
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
    KeySpec("worklist.urge", "y", "urge", "worklist.urge"),
    KeySpec("worklist.copy", "x", "copy", "worklist.copy"),
    KeySpec("worklist.open", "o", "open", "queue.open"),
    KeySpec("worklist.list", "l", "case_list", "cases.list"),
    KeySpec("worklist.rates", "R", "rates", "cases.rates"),
    KeySpec("worklist.import", "i", "import_file", "import.title"),
    KeySpec("worklist.nothing_due", "d", "nothing_due", "worklist.nothing_due"),
    KeySpec("import.run", "ctrl+s", "run", "import.run"),
    KeySpec("import.skip_invalid", "k", "skip_invalid", "import.skip_invalid"),
    KeySpec("case.stage", "a", "stage", "cases.advance"),
    KeySpec("case.extend", "e", "extend", "cases.extend"),
    KeySpec("case.unmask", "m", "unmask", "cases.unmask"),
    KeySpec("roster.toggle", "v", "toggle_view", "roster.toggle"),
    KeySpec("roster.prev", "left_square_bracket", "shift_period(-1)", "roster.prev"),
    KeySpec("roster.next", "right_square_bracket", "shift_period(1)", "roster.next"),
    KeySpec("roster.generate", "g", "generate", "roster.generate"),
    KeySpec("roster.leave", "l", "leave", "roster.leave"),
    KeySpec("roster.swap", "x", "swap", "roster.swap"),
    KeySpec("roster.export", "e", "export", "roster.export"),
    KeySpec("roster.approve", "p", "approve_leave", "roster.approve"),
    KeySpec("handover.new", "n", "new", "handover.new"),
    KeySpec("handover.open", "o", "open", "queue.open"),
    KeySpec("handover.week", "w", "toggle_week", "handover.week"),
    KeySpec("handover.mine", "m", "toggle_mine", "handover.mine"),
    KeySpec("handover.search", "slash", "search", "handover.search"),
    KeySpec("handover.sign", "ctrl+s", "sign", "handover.sign"),
    KeySpec("review.taken", "t", "review('taken')", "handover.review_taken"),
    KeySpec("review.not_mine", "n", "review('not_mine')", "handover.review_not_mine"),
    KeySpec("review.done", "d", "review('done')", "handover.review_done"),
    KeySpec("review.all", "A", "review_all", "handover.review_all"),
    KeySpec("review.acknowledge", "ctrl+s", "acknowledge", "handover.acknowledge"),
    KeySpec("review.copy", "x", "copy", "handover.export"),
    KeySpec("training.new", "n", "new", "training.new"),
    KeySpec("training.open", "o", "open", "queue.open"),
    KeySpec("training.edit", "e", "edit", "training.edit"),
    KeySpec("training.add_attendee", "a", "add_attendee", "training.add_attendee"),
    KeySpec("training.sign", "space", "sign", "training.sign"),
    KeySpec("training.evaluate", "v", "evaluate", "training.evaluate"),
    KeySpec("training.summary", "r", "summary", "training.summary_key"),
    KeySpec("training.held", "d", "set_status('held')", "training.mark_held"),
    KeySpec("training.cancel", "x", "set_status('cancelled')", "training.mark_cancelled"),
    KeySpec("training.replan", "z", "set_status('planned')", "training.mark_planned",
            show=False),
    KeySpec("training.anonymous", "V", "anonymous", "training.anonymous_key", show=False),
    KeySpec("training.import_attendees", "i", "import('attendees')",
            "training.import_attendees"),
    KeySpec("training.import_evaluations", "I", "import('evaluations')",
            "training.import_evaluations"),
    KeySpec("training.export", "p", "export", "training.export"),
    KeySpec("training.remove", "delete", "remove", "training.remove", show=False),
    KeySpec("training.raise", "w", "raise", "training.raise"),
    KeySpec("training.to_desk", "d", "follow_up('desk')", "training.to_desk"),
    KeySpec("training.to_faq", "f", "follow_up('faq')", "training.to_faq"),
    KeySpec("training.export_summary", "p", "export", "training.export"),
    KeySpec("inspection.ok", "o", "mark('ok')", "inspection.key_ok"),
    KeySpec("inspection.issue", "x", "mark('issue')", "inspection.key_issue"),
    KeySpec("inspection.na", "n", "mark('na')", "inspection.key_na"),
    KeySpec("inspection.usage", "u", "usage", "inspection.key_usage"),
    KeySpec("inspection.import", "i", "import", "inspection.key_import"),
    KeySpec("inspection.finish", "f", "finish", "inspection.key_finish"),
    KeySpec("inspection.problem", "w", "problem", "inspection.key_problem"),
    KeySpec("inspection.start", "s", "start", "inspection.key_start"),
    KeySpec("inspection.prev", "left_square_bracket", "prev", "inspection.key_prev"),
    KeySpec("inspection.next", "right_square_bracket", "next", "inspection.key_next"),
    KeySpec("inspection.reopen", "z", "reopen", "inspection.key_reopen", show=False),
    KeySpec("ledger.acceptance", "a", "toggle_acceptance", "ledger.key_acceptance"),
    KeySpec("ledger.pack", "p", "pack", "ledger.key_pack"),
    KeySpec("reports.monthly", "m", "kind('monthly')", "reports.key_monthly"),
    KeySpec("reports.quarterly", "j", "kind('quarterly')", "reports.key_quarterly"),
    KeySpec("reports.annual", "y", "kind('annual')", "reports.key_annual"),
    KeySpec("reports.prev", "left_square_bracket", "prev", "reports.key_prev"),
    KeySpec("reports.next", "right_square_bracket", "next", "reports.key_next"),
    KeySpec("reports.export", "p", "export", "reports.key_export"),
    KeySpec("security.exam", "n", "exam", "security.exam_key"),
    KeySpec("security.pledge", "w", "pledge", "security.pledge_key"),
    KeySpec("security.registers", "g", "registers", "registers.title"),
    KeySpec("security.network", "f", "network", "network.title"),
    KeySpec("security.holdings", "h", "holdings", "security.holdings_key"),
    KeySpec("security.export", "e", "export", "security.export_key"),
    KeySpec("network.scan", "n", "scan", "network.key_scan"),
    KeySpec("network.finding", "a", "finding", "network.key_finding"),
    KeySpec("network.fix", "x", "fix", "network.key_fix"),
    KeySpec("network.verify", "v", "verify", "network.key_verify"),
    KeySpec("network.problem", "w", "problem", "network.key_problem"),
    KeySpec("registers.prev", "left_square_bracket", "prev", "registers.prev"),
    KeySpec("registers.next", "right_square_bracket", "next", "registers.next"),
    KeySpec("registers.new", "n", "new", "registers.new_key"),
    KeySpec("registers.close", "c", "close", "registers.close_key"),
    KeySpec("registers.report", "r", "report", "registers.report_key"),
    KeySpec("data.new", "n", "new", "data.key_new"),
    KeySpec("data.edit", "e,enter", "edit", "data.key_edit"),
    KeySpec("data.fulfil", "f", "fulfil", "data.key_fulfil"),
    KeySpec("data.deliver", "d", "deliver", "data.key_deliver"),
    KeySpec("data.cancel", "x", "cancel_request", "data.key_cancel"),
    KeySpec("form.save", "ctrl+s", "save", "form.save"),
    KeySpec("form.cancel", "escape", "cancel", "form.cancel"),
    # Only y goes ahead: an Enter typed ahead must not confirm something irreversible.
    KeySpec("confirm.yes", "y", "yes", "confirm.yes"),
    KeySpec("confirm.no", "n,escape", "no", "confirm.no"),
    KeySpec("dialog.close", "escape,enter", "close", "dialog.close"),
    KeySpec("help.close", "escape,f1,question_mark,q", "dismiss_help", "help.close"),
    KeySpec("lock.unlock", "enter", "unlock", "lock.unlock"),
)

ALL_KEYS: dict[str, KeySpec] = {spec.id: spec for spec in APP_KEYS + SCREEN_KEYS}
# Binding ids renamed since a release: a config.toml written for the old name keeps working.
RENAMED_BINDINGS: dict[str, str] = {"app.queue": "app.questions"}
