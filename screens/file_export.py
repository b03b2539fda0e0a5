"""Asking where to write a file holding the bureau's information, and for an optional password
(the contract wants such files password-protected): path first, then the password twice, or
nothing for a plain file. Calls back with (path, password or None)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App

from helpdesk.i18n import t

from .prompt import PromptScreen

Chosen = Callable[[Path, str | None], object]


def ask_export(app: App[object], title: str, default: str, chosen: Chosen,
               *, encryptable: bool = True) -> None:
    def with_path(value: str | None) -> None:
        if not value:
            return
        path = Path(value).expanduser()
        if not encryptable or path.suffix.lower() != ".xlsx":
            chosen(path, None)
            return

        def with_password(password: str | None) -> None:
            if password is None:
                return
            if not password:
                chosen(path, None)
                return

            def confirmed(again: str | None) -> None:
                if again is None:
                    return
                if again != password:
                    app.notify(t("export.passwords_differ"), severity="error")
                    return
                chosen(path, password)

            app.push_screen(PromptScreen(t("export.password_again"), password=True,
                                         allow_empty=True), confirmed)

        app.push_screen(PromptScreen(t("export.password"), placeholder=t("export.no_password"),
                                     password=True, allow_empty=True), with_password)

    app.push_screen(PromptScreen(title, value=default), with_path)
