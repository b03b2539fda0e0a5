"""The polite urging message for a unit and step (pasted into the chat group or read out)."""

from __future__ import annotations

from datetime import date

from helpdesk.i18n import t


def urging_message(*, bureau: str, unit: str, case_number: str, step: str, due: date | None,
                   workdays_left: int | None) -> str:
    step_name = t(f"urging.step_{step}")
    if due is None:
        timing = t("urging.msg_no_due")
    elif workdays_left is not None and workdays_left < 0:
        timing = t("urging.msg_overdue", due=f"{due:%Y-%m-%d}", days=-workdays_left)
    else:
        timing = t("urging.msg_due", due=f"{due:%Y-%m-%d}", days=workdays_left or 0)
    return t("urging.message", unit=unit or "", number=case_number, step=step_name,
             timing=timing, bureau=bureau)
