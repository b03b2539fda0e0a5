"""What a person types into a number, day or time field is read the way they meant it
(helpdesk/typed.py): a Chinese input method's full-width forms, the day forms imports accept,
a day that does not exist named as such; anything else is a clear message, never a crash."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk.errors import UsageError
from helpdesk.i18n import set_locale
from helpdesk.services.sheets import parse_day
from helpdesk.typed import typed_day, typed_percent, typed_time, typed_whole

FULL_WIDTH = str.maketrans("0123456789:%-/. ", "０１２３４５６７８９：％－／．　")


def _ways_to_write(day: date) -> list[str]:
    plain = [f"{day:%Y-%m-%d}", f"{day.year}/{day.month}/{day.day}", f"{day:%Y.%m.%d}",
             f"{day.year}年{day.month}月{day.day}日", f"{day:%Y%m%d}", f" {day:%Y-%m-%d} "]
    return plain + [text.translate(FULL_WIDTH) for text in plain]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_every_way_of_writing_a_day_reads_as_that_day(day: date) -> None:
    for text in _ways_to_write(day):
        assert typed_day(text, "日期") == day, text
        assert parse_day(text) == day, text  # what an import accepts, the same


def test_a_day_that_does_not_exist_is_named_so() -> None:
    set_locale("zh_CN")
    for text in ("2026-02-30", "2026年2月29日", "２０２６－１３－０１"):
        with pytest.raises(UsageError, match=r"没有「.*」这一天"):
            typed_day(text, "日期")
    with pytest.raises(UsageError, match="不是日期"):
        typed_day("下周一", "日期")


@given(st.text(max_size=30))
@settings(max_examples=300)
def test_any_text_is_a_value_or_a_message(text: str) -> None:
    for read in (lambda: typed_day(text, "f"), lambda: typed_time(text, "f"),
                 lambda: typed_whole(text, "f"), lambda: typed_percent(text, "f")):
        try:
            read()
        except UsageError as err:
            assert str(err)  # a sentence, not a traceback


@given(st.integers(min_value=0, max_value=10**12))
def test_full_width_digits_are_the_number(number: int) -> None:
    assert typed_whole(str(number).translate(FULL_WIDTH), "天数") == number
    assert typed_whole(f"{number:,}", "天数") == number


def test_times_and_percentages_from_an_input_method() -> None:
    assert typed_time("10：00", "t") == time(10, 0)
    assert typed_time("９:３０", "t") == time(9, 30)
    assert typed_time("10点30", "t") == time(10, 30)
    assert typed_percent("95.2％", "p") == 95.2
    assert typed_percent("９５．２", "p") == 95.2
    set_locale("zh_CN")
    with pytest.raises(UsageError, match="0–100"):
        typed_percent("120%", "满意率")
    with pytest.raises(UsageError, match="这一时刻"):
        typed_time("24:00", "开始")
