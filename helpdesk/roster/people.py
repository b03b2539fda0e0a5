"""Who a roster form or command means: a login, a name (李晓燕) or its pinyin initials (lxy),
matched like units are (helpdesk/fuzzy.py); only people still working are candidates."""

from __future__ import annotations

from sqlmodel import Session, col, select

from helpdesk.errors import NotFound, UsageError
from helpdesk.fuzzy import match_score, pinyin_initials
from helpdesk.i18n import joined
from helpdesk.storage.models import Staff


def find_person(session: Session, typed: str) -> Staff:
    """The one active person `typed` names; NotFound when none, UsageError naming the
    candidates when several match equally well."""
    text = typed.strip()
    people = session.exec(select(Staff).where(col(Staff.active))).all()
    for person in people:
        if person.login.lower() == text.lower():
            return person
    scored = [(score, person) for person in people
              if (score := match_score(text, person.name, pinyin_initials(person.name)))
              is not None and text]
    if not scored:
        raise NotFound("err.roster.staff_inactive", login=text)
    best = max(score for score, _person in scored)
    top = [person for score, person in scored if score == best]
    if len(top) > 1:
        raise UsageError("err.roster.person_ambiguous", typed=text, candidates=joined(
            f"{person.name}（{person.login}）" for person in sorted(top, key=lambda p: p.login)))
    return top[0]
