"""The key line at the bottom of every screen: the screen's own keys first, then going back, the
areas and quitting, as many as fit the width in whole characters, and F1 for the rest.

Textual's Footer lays keys out as widgets in a scrolling row: at 80 columns the row overflows
and the cut falls inside a double-width character. Here the line is one Text built for the
width it has, so an item is shown whole or not at all."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.app import RenderResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from helpdesk.i18n import t

GAP = "  "
HELP_ACTION = "help"
BACK_ACTION = "back"
# Keys every list or every console has: shown after the screen's own, quitting last of all.
GENERIC_ACTIONS = ("next_page", BACK_ACTION)
QUIT_ACTION = "quit"


@dataclass(frozen=True)
class FooterItem:
    key: str
    label: str


def arrange(wanted: list[FooterItem], help_key: str | None, width: int) -> list[FooterItem]:
    """The items that fit `width` cells, in the order given, ending with the help key: labelled
    "more" when something was left out (F1 lists every key), "help" otherwise."""
    if help_key is None:
        return _fit(wanted, width, [])
    complete = [*wanted, FooterItem(help_key, t("nav.help"))]
    if _width(complete) <= width:
        return complete
    more = FooterItem(help_key, t("nav.more_keys"))
    return [*_fit(wanted, width - cell_len(GAP) - _item_width(more), []), more]


def _fit(items: list[FooterItem], width: int, taken: list[FooterItem]) -> list[FooterItem]:
    for item in items:
        if _width([*taken, item]) > width:
            break
        taken.append(item)
    return taken


def _item_width(item: FooterItem) -> int:
    return cell_len(item.key) + 1 + cell_len(item.label)


def _width(items: list[FooterItem]) -> int:
    if not items:
        return 0
    return sum(_item_width(item) for item in items) + cell_len(GAP) * (len(items) - 1)


class KeyFooter(Widget, can_focus=False):
    """Replaces textual's Footer on every screen."""

    COMPONENT_CLASSES = {"key-footer--key", "key-footer--label"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-description-foreground;
        .key-footer--key { color: $footer-key-foreground; text-style: bold; }
        .key-footer--label { color: $footer-description-foreground; }
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def items(self, width: int) -> list[FooterItem]:
        """Offered keys only: an action the record's state refuses is not shown at all."""
        ranked: list[tuple[int, int, FooterItem]] = []
        help_key: str | None = None
        seen: set[str] = set()
        for index, (namespace, binding, enabled, _tooltip) in enumerate(
                self.screen.active_bindings.values()):
            if binding.action in seen or not binding.show:
                continue
            seen.add(binding.action)
            if binding.action == HELP_ACTION:
                help_key = self._key(binding)
            elif enabled:
                ranked.append((self._rank(namespace is self.app, binding.action), index,
                               FooterItem(self._key(binding), binding.description)))
        return arrange([item for _rank, _index, item in sorted(ranked, key=lambda r: r[:2])],
                       help_key, width)

    @staticmethod
    def _rank(app_wide: bool, action: str) -> int:
        if action == QUIT_ACTION:
            return 4
        if action in GENERIC_ACTIONS:
            return 1 + GENERIC_ACTIONS.index(action)
        return 3 if app_wide else 0

    def _key(self, binding: Binding) -> str:
        return self.app.get_key_display(binding)

    def render(self) -> RenderResult:
        key_style = self.get_component_rich_style("key-footer--key")
        label_style = self.get_component_rich_style("key-footer--label")
        line = Text(" ", no_wrap=True, overflow="crop", end="")
        for index, item in enumerate(self.items(self.size.width - 1)):
            if index:
                line.append(GAP)
            line.append(item.key, key_style)
            line.append(" " + item.label, label_style)
        return line
