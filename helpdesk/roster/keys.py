"""The roster screens' key bindings (ids, default keys, footer labels), gathered by
helpdesk/keymap.py; config.toml's [keys] remaps them by id."""

from __future__ import annotations

from helpdesk.keyspec import KeySpec

KEYS: tuple[KeySpec, ...] = (
    KeySpec("roster.toggle", "v", "toggle_view", "roster.toggle"),
    KeySpec("roster.prev", "left_square_bracket", "shift_period(-1)", "roster.prev"),
    KeySpec("roster.next", "right_square_bracket", "shift_period(1)", "roster.next"),
    KeySpec("roster.generate", "g", "generate", "roster.generate"),
    KeySpec("roster.leave", "l", "leave", "roster.leave"),
    KeySpec("roster.swap", "x", "swap", "roster.swap"),
    KeySpec("roster.export", "e", "export", "roster.export"),
    # "A": p is 培训 everywhere else, and an approval is no single lowercase letter
    KeySpec("roster.approve", "A", "approve_leave", "roster.approve"),
    # the month view's day cursor (the week view's rows move with the table's own keys)
    KeySpec("roster.day_prev", "left", "move_day(-1)", "roster.day_prev", show=False),
    KeySpec("roster.day_next", "right", "move_day(1)", "roster.day_next", show=False),
    KeySpec("roster.week_prev", "up", "move_day(-7)", "roster.week_prev", show=False),
    KeySpec("roster.week_next", "down", "move_day(7)", "roster.week_next", show=False),
    # the leave waiting for a decision: each decision asks y/n, naming the request
    KeySpec("leave.approve", "y,enter", "decide(True)", "roster.leave_approve_key"),
    KeySpec("leave.reject", "d", "decide(False)", "roster.leave_reject_key"),
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
)
