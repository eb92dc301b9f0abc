"""Rules the tester found missing: one holder of each officer's post at a time."""

from __future__ import annotations

from datetime import date

import pytest

from clubapp.services import committee
from clubapp.services.committee import TermInput
from clubapp.services.errors import ValidationError


@pytest.fixture
def ruth(db, coordinator, person_factory) -> int:
    pid = person_factory("Ruth Ellis", kinds=("supporter", "trustee"))
    db.run(
        committee.add_term,
        coordinator,
        TermInput(pid, "chair", date(2026, 1, 1), date(2028, 4, 1)),
    )
    return pid


def test_a_second_chair_while_one_serves_is_refused_in_words(db, coordinator, ruth, person_factory):
    alan = person_factory("Alan Price", kinds=("supporter", "trustee"))
    with pytest.raises(ValidationError) as caught:
        db.run(committee.add_term, coordinator, TermInput(alan, "chair", date(2026, 11, 1)))
    assert caught.value.errors["position"] == (
        "Ruth Ellis is chair until 1 April 2028. End that term first, or choose another "
        "position or start date."
    )
    # Once her term has ended, Alan may take the chair from the next day.
    db.run(committee.add_term, coordinator, TermInput(alan, "chair", date(2028, 4, 2)))


def test_many_trustees_serve_at_once(db, coordinator, ruth, person_factory):
    for name in ("Ann Baker", "Bill Cole", "Cath Dunn"):
        pid = person_factory(name, kinds=("member", "trustee"))
        db.run(committee.add_term, coordinator, TermInput(pid, "trustee", date(2026, 2, 1)))
    assert len(db.run(committee.trustee_ids, date(2026, 3, 1))) == 4
