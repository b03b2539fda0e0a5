"""Bindings built from helpdesk.keymap, with descriptions in the current locale."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from helpdesk.i18n import catalog, current_locale, t
from helpdesk.keymap import ALL_KEYS


def bindings(*ids: str, priority: bool = False) -> list[BindingType]:
    result: list[BindingType] = []
    for binding_id in ids:
        spec = ALL_KEYS[binding_id]
        result.append(Binding(spec.key, spec.action, spec.label, show=spec.show, id=spec.id,
                              priority=priority))
    return result


def localize(node: DOMNode) -> None:
    """Replace each binding's description (an i18n key) with its text in the current locale.

    Textual merges BINDINGS once per class; the locale is chosen at run time, so the
    translation happens per instance. Uses DOMNode._bindings (textual is pinned exactly)."""
    table = node._bindings.key_to_bindings
    for key, entries in table.items():
        table[key] = [
            replace(binding, description=t(ALL_KEYS[binding.id].label))
            if binding.id in ALL_KEYS else binding
            for binding in entries
        ]


_TEXTUAL_ENGLISH: dict[type[DOMNode], list[tuple[str, int, str]]] = {}


def localize_textual_footers() -> None:
    """Footer labels of Textual's own widgets (the open select menu's "Dismiss menu") in the
    current locale, from the [textual] table. Textual merges a class's bindings once, at
    import, and each widget copies them: the class copies are rewritten from the English
    originals whenever an app starts (tests start apps in both languages)."""
    words = catalog(current_locale())
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        merged = cls.__dict__.get("_merged_bindings")
        if merged is None or not cls.__module__.startswith("textual."):
            continue
        english = _TEXTUAL_ENGLISH.setdefault(cls, [
            (key, index, binding.description)
            for key, entries in merged.key_to_bindings.items()
            for index, binding in enumerate(entries) if binding.show and binding.description])
        for key, index, description in english:
            entries = merged.key_to_bindings[key]
            entries[index] = replace(entries[index], description=words.get(
                f"textual.{description}", description))
