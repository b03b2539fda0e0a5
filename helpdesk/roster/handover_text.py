"""A signed handover as Markdown, to paste in the team's chat group or print from the CLI.
Labels are copied verbatim (they are data, not markup); personal data never enters a handover."""

from __future__ import annotations

from datetime import datetime, tzinfo

from helpdesk.i18n import t
from helpdesk.roster.handover import HandoverDetail
from helpdesk.roster.handover_draft import SECTIONS
from helpdesk.text import markdown_text

REVIEW_MARK = {"": "[ ]", "taken": "[x]", "done": "[x]", "not_mine": "[-]"}


def _known(key: str, fallback: str) -> str:
    text = t(key)
    return fallback if text == key else text


def item_detail(section: str, detail: str) -> str:
    """The detail frozen at signing holds codes (status, SLA state, step); show them in words."""
    words = detail.split(" ")
    first, rest = words[0], " ".join(words[1:])
    if section == "opened":
        return _known(f"status.{first}", detail)
    if section in ("open", "at_risk") and rest:
        key = "sla.overdue" if rest.startswith("-") else "sla.remaining"
        return f"{_known(f'sla.{first}', first)} {t(key, time=rest.lstrip('-'))}"
    if section in ("urged", "urging_due"):
        step = _known(f"urging.step_{first}", first)
        if section == "urged" and words[1:]:
            return " ".join([step, _known(f"urging.method_{words[1]}", words[1]), *words[2:]])
        return f"{step} {rest}".strip()
    if section == "config":
        return _known(f"config.kind_{first}", detail)
    if section == "problem":
        return _known(f"trackers.state_{first}", detail)
    return detail


def _local(instant: datetime | None, zone: tzinfo, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return instant.astimezone(zone).strftime(fmt) if instant else "—"


def handover_markdown(detail: HandoverDetail, zone: tzinfo) -> str:
    row = detail.row
    window = f"{_local(row.window_start, zone)}–{_local(row.window_end, zone, '%H:%M')}"
    lines = [f"# {t('handover.md_title')} #{row.id}", "",
             f"- {t('handover.outgoing')}：{row.outgoing_name}（{row.outgoing}）",
             f"- {t('handover.window')}：{window}",
             f"- {t('handover.signed_at')}：{_local(row.signed_at, zone)}",
             f"- {t('handover.next_shift')}：{_local(row.next_shift_start, zone)}"]
    if row.acknowledged_at is not None:
        lines.append(f"- {t('handover.incoming')}：{row.incoming_name}（{row.incoming}），"
                     f"{t('handover.acknowledged')} {_local(row.acknowledged_at, zone)}")
    else:
        lines.append(f"- {t('handover.state')}：{t('handover.pending')}")
    if detail.notes:
        lines += ["", f"## {t('handover.notes')}", "",
                  *(markdown_text(line, inline=False) for line in detail.notes.splitlines())]
    for section in SECTIONS:
        items = [item for item in detail.items if item.section == section]
        if not items:
            continue
        lines += ["", f"## {t(f'handover.section_{section}')}（{len(items)}）", ""]
        for item in items:
            mark = f"{REVIEW_MARK[item.review]} " if item.carried else ""
            extra = f" — {markdown_text(item_detail(item.section, item.detail))}" \
                if item.detail else ""
            review = f"（{t(f'handover.review_{item.review}')}）" if item.review else ""
            repeat = f" ×{item.carry_count}" if item.carry_count > 1 else ""
            lines.append(f"- {mark}{markdown_text(item.label)}{extra}{repeat}{review}")
    return "\n".join(lines) + "\n"
