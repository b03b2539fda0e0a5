"""Bindings built from helpdesk.keymap, with descriptions in the current locale."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from helpdesk.i18n import t
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
