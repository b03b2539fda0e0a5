"""The payment position in words, one line an instalment, each a sum one can check by hand:
what it comes to, when its invoice and its payment are due (九), what was paid, and what is
still owed; after an early end, the settlement (十三)."""

from __future__ import annotations

from datetime import date

from helpdesk.contract.payment import Payment
from helpdesk.contract.payment_schedule import Instalment, Settlement
from helpdesk.i18n import t


def money(amount: float) -> str:
    return f"{amount:,.2f}".removesuffix(".00")


def payment_lines(pay: Payment, today: date) -> list[str]:
    first = t("payment.first", amount=money(pay.paid_on_signing), value=money(pay.value),
              share=f"{pay.paid_on_signing / pay.value:.0%}" if pay.value else "0%")
    if pay.withheld:
        final = t("acceptance.payment_withheld", final=money(pay.final_due),
                  penalties=money(pay.penalties))
    else:
        final = t("payment.final", final=money(pay.final_due), penalties=money(pay.penalties),
                  net=money(pay.net_final_payment))
    # a withheld final has no invoice to wait for, unless the bureau paid what it decided
    final_shown = pay.final is not None and (not pay.withheld or pay.final.paid_on is not None)
    lines = [t("payment.line", head=first, state=instalment_text(pay.first, today))
             if pay.first else first,
             t("payment.line", head=final, state=instalment_text(pay.final, today))
             if pay.final and final_shown else final]
    if pay.owed_beyond_final:
        lines.append(t("acceptance.owed_beyond", amount=money(pay.owed_beyond_final)))
    if pay.settlement is not None:
        lines.append(settlement_text(pay.settlement))
    elif pay.first is not None and pay.final is not None:
        lines.append(t("payment.still_owed", amount=money(pay.still_owed),
                       first=money(pay.first.owed), final=money(pay.final.owed)))
    return lines


def instalment_text(part: Instalment, today: date) -> str:
    state = part.state(today)
    basis = t(f"payment.basis_{part.name}")
    return t(f"payment.s_{state}", basis=basis, invoice_due=part.invoice_due,
             invoiced=part.invoiced_on, payment_due=part.payment_due, paid_on=part.paid_on,
             paid=money(part.paid), owed=money(part.owed))


def settlement_text(end: Settlement) -> str:
    text = t("payment.settlement", day=end.terminated_on, served=end.days_served,
             total=end.days_total, performed=money(end.performed), paid=money(end.paid),
             penalties=money(end.penalties),
             balance=money(round(end.performed - end.paid - end.penalties, 2)))
    if end.agreed_refund is not None:
        text += t("payment.agreed_refund", amount=money(end.agreed_refund))
    if end.refund_due:
        text += t("payment.refund_due", amount=money(end.refund_due),
                  refunded=money(end.refunded), left=money(end.refund_outstanding))
    else:
        text += t("payment.owed_after_end", amount=money(end.owed_to_vendor))
    return text
