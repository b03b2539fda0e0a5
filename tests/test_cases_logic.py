"""Pure logic of petition cases: ID numbers (GB 11643) and the assessment-rate formulas."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from helpdesk.cases.idcard import check_character, check_id_number
from helpdesk.cases.rates import (
    on_time_completion,
    participation,
    satisfaction,
    timely_acceptance,
)
from helpdesk.masking import mask_id_number

TODAY = date(2026, 11, 24)


def test_check_character_of_the_standard_example() -> None:
    # GB 11643's worked example: 11010519491231002X.
    assert check_character("11010519491231002") == "X"
    result = check_id_number("11010519491231002x", TODAY)
    assert result.valid and not result.legacy and result.birth_date == date(1949, 12, 31)
    assert mask_id_number("11010519491231002X") == "110***********002X"


def test_wrong_check_character_names_the_right_one() -> None:
    result = check_id_number("110105194912310021", TODAY)
    assert not result.valid and "X" in result.problem


def test_bad_birth_dates_and_shapes() -> None:
    assert not check_id_number("110105" + "20270101" + "0012", TODAY).valid  # future
    assert not check_id_number("110105" + "19490231" + "0012", TODAY).valid  # 31 February
    assert not check_id_number("1101051949123100", TODAY).valid  # 16 characters


def test_legacy_fifteen_digit_numbers_are_accepted_and_flagged() -> None:
    result = check_id_number("110105491231002", TODAY)
    assert result.valid and result.legacy and result.birth_date == date(1949, 12, 31)


@given(region=st.integers(110000, 659999),
       born=st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 12, 31)),
       sequence=st.integers(0, 999))
def test_every_generated_number_validates_and_one_changed_digit_fails(
        region: int, born: date, sequence: int) -> None:
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    number = first17 + check_character(first17)
    assert check_id_number(number, TODAY).valid
    changed = str((int(number[16]) + 1) % 10)
    assert not check_id_number(number[:16] + changed + number[17], TODAY).valid


def test_rates_on_a_hand_computed_fixture() -> None:
    # 40 items due for acceptance: 34 on time, 4 late, 2 still not accepted past the deadline.
    assert timely_acceptance(34, 4, 2).percent() == "85.0%"
    # 30 replies: 25 rated, 5 whose rating window passed unrated.
    assert participation(25, 5).percent() == "83.3%"
    # Of 25 rated: 15 满意, 7 基本满意, 3 不满意.
    assert satisfaction(15, 7, 3).percent() == "88.0%"
    assert on_time_completion(27, 2, 1).percent() == "90.0%"
    assert participation(0, 0).value is None and participation(0, 0).percent() == "—"

