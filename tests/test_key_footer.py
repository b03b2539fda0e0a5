"""The footer line: whole items only, within the width, in the order given, F1 last."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from helpdesk.i18n import t
from screens.widgets.key_footer import GAP, FooterItem, arrange

LABELS = st.text(alphabet="培训交接班问题催办ab登记 ", min_size=1, max_size=8)
ITEMS = st.lists(st.builds(FooterItem, st.sampled_from(["t", "^p", "esc", "F", "]"]), LABELS),
                 max_size=20)


def line_width(items: list[FooterItem]) -> int:
    return cell_len(GAP.join(f"{item.key} {item.label}" for item in items))


@given(ITEMS, st.integers(min_value=20, max_value=200))
def test_whole_items_within_the_width_help_last(items: list[FooterItem], width: int) -> None:
    shown = arrange(items, "f1", width)
    assert line_width(shown) <= width
    *keys, last = shown
    assert last.key == "f1"
    assert keys == items[:len(keys)]  # a prefix: the most used keys are kept
    assert last.label == (t("nav.help") if len(keys) == len(items) else t("nav.more_keys"))


def test_eighty_columns_of_chinese() -> None:
    items = [FooterItem(key, label) for key, label in [
        ("esc", "返回"), ("t", "今日"), ("q", "问题"), ("c", "催办"), ("b", "排班"),
        ("h", "交接班"), ("p", "培训"), ("i", "巡检"), ("e", "报告"), ("l", "履约")]]
    shown = arrange(items, "f1", 79)
    assert [item.key for item in shown] == ["esc", "t", "q", "c", "b", "h", "p", "i", "f1"]
    assert line_width(shown) == 79  # 8 + 6×6 + 8 + 11 for the items, 8 gaps of 2
