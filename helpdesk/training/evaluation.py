"""培训效果评价 statistics: per question the number answered, the mean and the distribution of
scores 1-5; the response rate against attendees who signed in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from helpdesk.errors import UsageError

QUESTIONS = ("content", "trainer", "usefulness", "overall")
SCORES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class QuestionStats:
    question: str
    answered: int
    mean: float | None
    distribution: dict[int, int]  # score -> forms giving it


@dataclass(frozen=True)
class EvaluationStats:
    responses: int
    signed_in: int
    response_rate: float | None  # None when nobody signed in
    questions: tuple[QuestionStats, ...]


def question_stats(question: str, scores: Sequence[int | None]) -> QuestionStats:
    given = [score for score in scores if score is not None]
    distribution = {score: given.count(score) for score in SCORES}
    mean = sum(given) / len(given) if given else None
    return QuestionStats(question, len(given), mean, distribution)


def summarise(forms: Sequence[dict[str, int | None]], signed_in: int) -> EvaluationStats:
    """`forms` holds one dict per returned form, question -> score (None: left blank)."""
    rate = len(forms) / signed_in if signed_in else None
    return EvaluationStats(len(forms), signed_in, rate, tuple(
        question_stats(question, [form.get(question) for form in forms])
        for question in QUESTIONS))


def check_score(value: object) -> int | None:
    """A score as typed or imported: blank -> None, 1-5 -> int, anything else ValueError."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text:
        return None
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 5:
        return int(text)
    raise UsageError("err.training.bad_score", text=text)
