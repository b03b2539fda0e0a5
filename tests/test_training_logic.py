"""Pure training logic: the obligation periods of a contract year, evaluation statistics on a
hand-computed fixture, score parsing, and the curriculum file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpdesk import resources
from helpdesk.errors import UsageError
from helpdesk.training.curriculum import KINDS, load_curriculum
from helpdesk.training.evaluation import check_score, summarise
from helpdesk.training.obligation import (
    HeldOrPlanned,
    add_months,
    contract_year,
    obligation,
)
from tests.expect import refused

START, END = date(2025, 12, 9), date(2026, 12, 8)


def test_the_service_year_is_the_contracts_twelve_months() -> None:
    assert contract_year(START, END, date(2026, 10, 10)) == (START, END)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_two_a_year_means_any_two_sessions_in_the_service_year() -> None:
    """Issue 32's repro: both sessions in the second half meet 2次/年; no half-year is owed."""
    late_pair = [HeldOrPlanned(1, date(2026, 8, 3), "held"),
                 HeldOrPlanned(2, date(2026, 9, 14), "held")]
    result = obligation(START, END, 2, late_pair, date(2026, 10, 10), remind_days=42)
    assert [(p.start, p.end, p.state) for p in result.periods] == [(START, END, "met")]
    assert (result.held, result.shortfall, result.next_due) == (2, 0, None)


def test_the_second_training_not_planned_six_weeks_before_the_year_ends() -> None:
    held = [HeldOrPlanned(1, date(2026, 5, 20), "held")]
    early = obligation(START, END, 2, held, date(2026, 10, 10), remind_days=42)
    assert (early.held, early.required, early.shortfall) == (1, 2, 1)
    assert [p.state for p in early.periods] == ["due"]
    assert early.next_due == date(2026, 12, 8)
    late = obligation(START, END, 2, held, date(2026, 10, 28), remind_days=42)
    assert late.periods[0].state == "at_risk"  # 41 days left, one session short
    planned = obligation(START, END, 2, [*held, HeldOrPlanned(2, date(2026, 11, 19),
                                                              "planned")],
                         date(2026, 10, 28), remind_days=42)
    assert planned.periods[0].state == "planned"
    assert planned.periods[0].planned_on == date(2026, 11, 19)


def test_a_year_that_ends_short_is_missed() -> None:
    result = obligation(START, END, 2, [HeldOrPlanned(1, date(2026, 5, 20), "held")],
                        date(2026, 12, 9), remind_days=42)
    assert [p.state for p in result.periods] == ["missed"]
    assert result.held == 1 and result.shortfall == 1
    done = obligation(START, END, 2, [HeldOrPlanned(1, date(2026, 1, 5), "held"),
                                      HeldOrPlanned(2, date(2026, 9, 1), "held")],
                      date(2026, 10, 1), remind_days=42)
    assert done.next_due is None and done.shortfall == 0


def test_evaluation_summary_on_a_hand_computed_fixture() -> None:
    forms: list[dict[str, int | None]] = [
        {"content": 5, "trainer": 4, "usefulness": 3, "overall": 5},
        {"content": 4, "trainer": 4, "usefulness": None, "overall": 4},
        {"content": 5, "trainer": 2, "usefulness": 5, "overall": None},
        {"content": 3, "trainer": 5, "usefulness": 4, "overall": 4},
    ]
    stats = summarise(forms, signed_in=5)
    assert stats.responses == 4 and stats.response_rate == pytest.approx(0.8)
    by = {q.question: q for q in stats.questions}
    assert by["content"].mean == pytest.approx(17 / 4)
    assert by["content"].distribution == {1: 0, 2: 0, 3: 1, 4: 1, 5: 2}
    assert by["trainer"].mean == pytest.approx(15 / 4)
    assert by["usefulness"].answered == 3 and by["usefulness"].mean == pytest.approx(4.0)
    assert by["overall"].answered == 3 and by["overall"].mean == pytest.approx(13 / 3)
    assert summarise([], signed_in=0).response_rate is None


@given(st.one_of(st.text(max_size=6), st.integers(-10, 10), st.floats(allow_nan=False)))
def test_a_score_is_blank_or_one_to_five(value: object) -> None:
    try:
        score = check_score(value)
    except UsageError:
        return
    assert score is None or 1 <= score <= 5


def test_curriculum_ships_three_kinds_ending_in_qa_and_evaluation(tmp_path: Path) -> None:
    courses = load_curriculum(resources.path("curriculum.toml"))
    assert tuple(courses) == KINDS
    for course in courses.values():
        assert course.contents[-2:] == ("答疑", "培训效果评价")
    broken = tmp_path / "curriculum.toml"
    broken.write_text('[business]\ncontents = ["a"]\n', encoding="utf-8")
    with refused(UsageError, "curriculum.kind_missing"):
        load_curriculum(broken)
