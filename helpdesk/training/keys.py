"""The training screens' key bindings (ids, default keys, footer labels), gathered by
helpdesk/keymap.py; config.toml's [keys] remaps them by id."""

from __future__ import annotations

from helpdesk.keyspec import KeySpec

KEYS: tuple[KeySpec, ...] = (
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
)
