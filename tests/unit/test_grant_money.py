"""A grant's money in the books: instalments matched to receipts (by hand, automatically,
or recorded and matched in one go), and what the grant received, spent by category,
holds and has left, worked out by hand from the entries each test makes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clubapp.services import books, grant_money, grants
from clubapp.services.errors import NotAllowed, NotFound
from clubapp.services.grant_money import GrantMoney, time_left_words
from clubapp.services.grants import InstalmentInput
from tests.conftest import TODAY
from tests.unit.test_grants import (
    add_application,
    add_funder,
    application_in,
    award,
    book_receipt,
    errors_of,
    move,
    view,
)


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def names(db, treasurer) -> dict[str, int]:
    """The seeded books by name: accounts, categories and the general fund."""
    found = {a.name: a.account_id for a in db.run(books.list_accounts, treasurer)}
    found.update({c.name: c.category_id for c in db.run(books.list_categories, treasurer)})
    found.update({f.name: f.fund_id for f in db.run(books.list_funds, treasurer)})
    return found


def pay(db, actor, names, on: date, parts: list[tuple[str, int, int]], payee: str = "") -> int:
    """Money out of the bank: parts are (category, fund id, pence)."""
    return db.run(
        books.record_entry,
        actor,
        books.EntryInput(
            on=on,
            kind="payment",
            amount_pence=sum(p for _, _, p in parts),
            account_id=names["Bank current account"],
            splits=tuple(books.SplitInput(names[c], f, p) for c, f, p in parts),
            payee=payee,
        ),
    )


def move_money(db, actor, on: date, from_fund: int, to_fund: int, pence: int) -> int:
    return db.run(
        books.record_entry,
        actor,
        books.EntryInput(
            on=on,
            kind="fund_transfer",
            amount_pence=pence,
            from_fund_id=from_fund,
            to_fund_id=to_fund,
        ),
    )


def money(db, actor, application_id: int, **kw) -> GrantMoney:
    return db.run(grant_money.grant_money, actor, application_id, TODAY, **kw)


def awarded(
    db,
    actor,
    funder: int,
    title: str,
    *,
    typed: date,
    sent: date,
    decided: date,
    pence: int,
    **kw,
) -> int:
    """An application typed in, sent and awarded on the days given."""
    application_id = add_application(db, actor, funder, title, today=typed)
    move(db, actor, application_id, "submitted", sent)
    award(db, actor, application_id, pence, decided, **kw)
    return application_id


@pytest.fixture
def music(db, treasurer) -> int:
    """£12,000 from The Harmony Trust for April 2026 to March 2027, in a new restricted
    fund, paid in three instalments: £5,000 in March, £5,000 in July, £2,000 in January."""
    funder = add_funder(db, treasurer, "The Harmony Trust")
    return awarded(
        db,
        treasurer,
        funder,
        "Music project",
        typed=date(2026, 1, 10),
        sent=date(2026, 2, 1),
        decided=date(2026, 3, 10),
        pence=1_200_000,
        new_fund_name="Harmony music",
        period_starts=date(2026, 4, 1),
        period_ends=date(2027, 3, 31),
        funder_reference="HT-17",
        instalments=(
            InstalmentInput(date(2026, 3, 20), 500_000),
            InstalmentInput(date(2026, 7, 1), 500_000),
            InstalmentInput(date(2027, 1, 15), 200_000),
        ),
    )


def fund_of(db, actor, application_id: int) -> int:
    fund_id = view(db, actor, application_id).row.fund_id
    assert fund_id is not None
    return fund_id


def instalment_ids(db, actor, application_id: int) -> list[int]:
    return [i.instalment_id for i in view(db, actor, application_id).instalments]


# ---------------------------------------------------------------- matching receipts


def test_auto_match_takes_same_amount_receipts_within_90_days_nearest_first(
    db, treasurer, names, music
):
    """£5,000 due 20 March: of the receipts on 30 March and 10 April the nearer wins.
    £5,000 due 1 July: 20 June (11 days) rather than 10 April. £2,000 due 15 January:
    nothing near (the £2,000 into the general fund does not count)."""
    fund = fund_of(db, treasurer, music)
    march = book_receipt(db, treasurer, fund, date(2026, 3, 30), 500_000)
    april = book_receipt(db, treasurer, fund, date(2026, 4, 10), 500_000)
    june = book_receipt(db, treasurer, fund, date(2026, 6, 20), 500_000)
    book_receipt(db, treasurer, names["General fund"], date(2027, 1, 10), 200_000)

    assert db.run(grant_money.auto_match, treasurer, music) == 2
    got = view(db, treasurer, music).instalments
    assert [(i.entry_id, i.received_on, i.received_pence) for i in got] == [
        (march, date(2026, 3, 30), 500_000),
        (june, date(2026, 6, 20), 500_000),
        (None, None, None),
    ]
    # Nothing more to match: the April receipt is not the right amount for January.
    assert db.run(grant_money.auto_match, treasurer, music) == 0
    third = got[2].instalment_id
    assert [c.entry_id for c in db.run(grant_money.candidates, treasurer, third)] == [april]


def test_auto_match_reaches_90_days_and_no_further(db, treasurer, music):
    """91 days after the due date is too far; 90 days before it is near enough."""
    fund = fund_of(db, treasurer, music)
    due = date(2027, 1, 15)
    book_receipt(db, treasurer, fund, due + timedelta(days=91), 200_000)
    assert db.run(grant_money.auto_match, treasurer, music) == 0
    near = book_receipt(db, treasurer, fund, due - timedelta(days=90), 200_000)
    assert db.run(grant_money.auto_match, treasurer, music) == 1
    assert view(db, treasurer, music).instalments[2].entry_id == near


def test_auto_match_never_uses_one_receipt_twice(db, treasurer, names):
    """Two payments of £1,000 and one receipt: one is matched, the other waits; a receipt
    already matched to another grant is not taken either."""
    funder = add_funder(db, treasurer)
    first = awarded(
        db,
        treasurer,
        funder,
        "First",
        typed=date(2026, 8, 1),
        sent=date(2026, 8, 2),
        decided=date(2026, 8, 20),
        pence=200_000,
        new_fund_name="Shared",
        instalments=(
            InstalmentInput(date(2026, 9, 1), 100_000),
            InstalmentInput(date(2026, 9, 15), 100_000),
        ),
    )
    fund = fund_of(db, treasurer, first)
    receipt = book_receipt(db, treasurer, fund, date(2026, 9, 10), 100_000)
    assert db.run(grant_money.auto_match, treasurer, first) == 1
    assert [i.entry_id for i in view(db, treasurer, first).instalments] == [receipt, None]

    second = awarded(
        db,
        treasurer,
        funder,
        "Second",
        typed=date(2026, 8, 1),
        sent=date(2026, 8, 2),
        decided=date(2026, 8, 20),
        pence=100_000,
        fund_id=fund,
        instalments=(InstalmentInput(date(2026, 9, 10), 100_000),),
    )
    assert db.run(grant_money.auto_match, treasurer, second) == 0
    (waiting,) = instalment_ids(db, treasurer, second)
    assert db.run(grant_money.candidates, treasurer, waiting) == []


def test_candidates_are_the_funds_unmatched_receipts_likeliest_first(db, treasurer, names, music):
    """The same amount first, then the nearest date; never a receipt into another fund."""
    fund = fund_of(db, treasurer, music)
    far_same = book_receipt(db, treasurer, fund, date(2026, 12, 1), 500_000)
    near_same = book_receipt(db, treasurer, fund, date(2026, 7, 20), 500_000, payee="Harmony")
    near_other = book_receipt(db, treasurer, fund, date(2026, 7, 2), 12_345)
    book_receipt(db, treasurer, names["General fund"], date(2026, 7, 1), 500_000)
    july = instalment_ids(db, treasurer, music)[1]
    got = db.run(grant_money.candidates, treasurer, july)
    assert [c.entry_id for c in got] == [near_same, far_same, near_other]
    assert got[0].words == "20 July 2026: £5,000.00 from Harmony"
    assert got[1].words == "1 December 2026: £5,000.00"


def test_match_refuses_a_receipt_outside_the_fund_a_payment_or_one_taken(
    db, treasurer, names, music
):
    """Each refusal names the fix; unmatching (None) frees the receipt again."""
    fund = fund_of(db, treasurer, music)
    march, july, _january = instalment_ids(db, treasurer, music)
    elsewhere = book_receipt(db, treasurer, names["General fund"], date(2026, 3, 21), 500_000)
    spent = pay(db, treasurer, names, date(2026, 3, 21), [("Venue hire", fund, 500_000)])
    ours = book_receipt(db, treasurer, fund, date(2026, 3, 21), 500_000)

    errors = errors_of(db, grant_money.match, treasurer, march, elsewhere)
    assert errors == {"entry": "This receipt is not in the grant's fund. Choose one that is."}
    errors = errors_of(db, grant_money.match, treasurer, march, spent)
    assert errors == {"entry": "Choose a receipt in the books: that one is not there."}
    errors = errors_of(db, grant_money.match, treasurer, march, 9999)
    assert errors == {"entry": "Choose a receipt in the books: that one is not there."}

    db.run(grant_money.match, treasurer, march, ours)
    db.run(grant_money.match, treasurer, march, ours)  # the same match again is no change
    errors = errors_of(db, grant_money.match, treasurer, july, ours)
    assert errors == {"entry": "This receipt is already matched to another payment."}
    assert [i.entry_id for i in view(db, treasurer, music).instalments] == [ours, None, None]

    db.run(grant_money.match, treasurer, march, None)
    db.run(grant_money.match, treasurer, july, ours)
    assert [i.entry_id for i in view(db, treasurer, music).instalments] == [None, ours, None]


def test_receive_records_the_receipt_in_the_books_and_matches_it(db, treasurer, names, music):
    """One action: a receipt into the bank under Grants, in the grant's fund, from the
    funder with its reference, numbered among the payments; then matched. A second time
    is refused."""
    grants_category = db.run(grant_money.grants_category, treasurer)
    assert grants_category == names["Grants"]
    july = instalment_ids(db, treasurer, music)[1]
    entry_id = db.run(
        grant_money.receive,
        treasurer,
        july,
        date(2026, 7, 3),
        names["Bank current account"],
        grants_category,
    )
    entry = db.run(books.get_entry, treasurer, entry_id).data
    assert (entry.on, entry.kind, entry.amount_pence, entry.account_id) == (
        date(2026, 7, 3),
        "receipt",
        500_000,
        names["Bank current account"],
    )
    assert [(s.category_id, s.fund_id, s.amount_pence) for s in entry.splits] == [
        (names["Grants"], fund_of(db, treasurer, music), 500_000)
    ]
    assert (entry.payee, entry.reference, entry.description) == (
        "The Harmony Trust",
        "HT-17",
        "Music project: payment 2 of 3",
    )
    got = view(db, treasurer, music).instalments[1]
    assert (got.entry_id, got.received_on, got.received_pence) == (
        entry_id,
        date(2026, 7, 3),
        500_000,
    )
    errors = errors_of(
        db,
        grant_money.receive,
        treasurer,
        july,
        TODAY,
        names["Bank current account"],
        grants_category,
    )
    assert errors == {"entry": "This payment is already matched to a receipt."}


def test_removing_a_matched_payment_leaves_its_receipt_in_the_books(db, treasurer, music):
    """The receipt stays and can be matched to another payment."""
    fund = fund_of(db, treasurer, music)
    march, july, _ = instalment_ids(db, treasurer, music)
    receipt = book_receipt(db, treasurer, fund, date(2026, 3, 21), 500_000)
    db.run(grant_money.match, treasurer, march, receipt)
    db.run(grants.delete_instalment, treasurer, march)
    assert db.run(books.get_entry, treasurer, receipt).data.amount_pence == 500_000
    db.run(grant_money.match, treasurer, july, receipt)
    assert [i.entry_id for i in view(db, treasurer, music).instalments] == [receipt, None]


def test_receive_asks_for_the_account_and_category(db, treasurer, music):
    """Both missing: both named; nothing is recorded or matched."""
    first = instalment_ids(db, treasurer, music)[0]
    errors = errors_of(db, grant_money.receive, treasurer, first, TODAY, None, None)
    assert errors == {
        "category": "Choose the category the money goes under, such as Grants.",
        "account": "Choose the account the money went into.",
    }
    assert view(db, treasurer, music).instalments[0].entry_id is None


def test_the_committee_sees_a_grants_money_but_does_not_match_or_receive(db, actors, names, music):
    """Matching and recording money are for the treasurer and the coordinator."""
    committee = actors["committee"]
    first = instalment_ids(db, actors["treasurer"], music)[0]
    assert money(db, committee, music).received == []
    for fn, args in [
        (grant_money.match, (first, None)),
        (grant_money.auto_match, (music,)),
        (grant_money.receive, (first, TODAY, names["Bank current account"], names["Grants"])),
    ]:
        with pytest.raises(NotAllowed):
            db.run(fn, committee, *args)
    with pytest.raises(NotAllowed):
        money(db, actors["volunteer"], music)


# ---------------------------------------------------------------- the grant's money


@pytest.fixture
def music_books(db, treasurer, names, music) -> dict[str, int]:
    """A year of the music grant's money, each entry worked into the figures below.

    In: £5,000 on 25 March (before the period, matched), £5,000 on 3 July (matched),
    a £250 donation into the fund on 5 May. Out: £80 of equipment on 1 March (before the
    period: not this grant's), £1,200 venue hire on 1 May, £300 of a £400 activity bill on
    15 June (£100 from the general fund), £450 equipment on 9 September. Moved: £100 in
    from the general fund on 1 August, £40 back on 10 October. And £999 into the general
    fund, which is nothing to do with the grant."""
    fund = fund_of(db, treasurer, music)
    general = names["General fund"]
    march, july, _ = instalment_ids(db, treasurer, music)
    made = {
        "march": book_receipt(db, treasurer, fund, date(2026, 3, 25), 500_000),
        "july": book_receipt(db, treasurer, fund, date(2026, 7, 3), 500_000),
        "donation": book_receipt(
            db, treasurer, fund, date(2026, 5, 5), 25_000, category="Donations", payee="A friend"
        ),
        "early": pay(db, treasurer, names, date(2026, 3, 1), [("Equipment", fund, 8_000)]),
        "venue": pay(
            db, treasurer, names, date(2026, 5, 1), [("Venue hire", fund, 120_000)], "St Mark's"
        ),
        "shared": pay(
            db,
            treasurer,
            names,
            date(2026, 6, 15),
            [("Activity costs", fund, 30_000), ("Activity costs", general, 10_000)],
        ),
        "equipment": pay(db, treasurer, names, date(2026, 9, 9), [("Equipment", fund, 45_000)]),
        "in": move_money(db, treasurer, date(2026, 8, 1), general, fund, 10_000),
        "out": move_money(db, treasurer, date(2026, 10, 10), fund, general, 4_000),
    }
    book_receipt(db, treasurer, general, date(2026, 6, 1), 99_900)
    db.run(grant_money.match, treasurer, march, made["march"])
    db.run(grant_money.match, treasurer, july, made["july"])
    return made


def test_a_grants_money_over_its_period_so_far(db, treasurer, music, music_books):
    """From 1 April to today: received £10,000 (the March payment, matched, though it came
    before the period), £250 other, £100 in and £40 out, spent £1,950 by category with
    dates; balance £10,000 + £250 + £100 − £40 − £1,950 = £8,360; left to spend £12,000 −
    £1,950 = £10,050."""
    got = money(db, treasurer, music)
    assert (got.starts, got.ends) == (date(2026, 4, 1), TODAY)
    assert (got.awarded_pence, got.fund_name) == (1_200_000, "Harmony music")
    assert got.brought_forward_pence == 0
    assert [(line.entry_id, line.on, line.pence) for line in got.received] == [
        (music_books["march"], date(2026, 3, 25), 500_000),
        (music_books["july"], date(2026, 7, 3), 500_000),
    ]
    assert got.received_pence == 1_000_000
    assert [(line.on, line.category, line.payee, line.pence) for line in got.other_in] == [
        (date(2026, 5, 5), "Donations", "A friend", 25_000)
    ]
    assert (got.moved_in_pence, got.moved_out_pence) == (10_000, 4_000)
    assert [(line.on, line.category, line.payee, line.pence) for line in got.spending] == [
        (date(2026, 5, 1), "Venue hire", "St Mark's", 120_000),
        (date(2026, 6, 15), "Activity costs", "", 30_000),
        (date(2026, 9, 9), "Equipment", "", 45_000),
    ]
    assert got.by_category() == [
        ("Venue hire", 120_000),
        ("Equipment", 45_000),
        ("Activity costs", 30_000),
    ]
    assert (got.spent_pence, got.spent_before_pence) == (195_000, 0)
    assert got.balance_pence == 836_000
    assert got.left_to_spend_pence == 1_005_000


def test_a_later_start_brings_the_earlier_months_forward(db, treasurer, music, music_books):
    """From 1 July: brought forward £5,000 + £250 − £1,200 − £300 = £3,750; received the
    July £5,000; spent £450; the balance is the same £8,360 and so is what is left."""
    got = money(db, treasurer, music, starts=date(2026, 7, 1))
    assert (got.starts, got.ends) == (date(2026, 7, 1), TODAY)
    assert got.brought_forward_pence == 375_000
    assert [line.entry_id for line in got.received] == [music_books["july"]]
    assert got.other_in == []
    assert (got.moved_in_pence, got.moved_out_pence) == (10_000, 4_000)
    assert [line.entry_id for line in got.spending] == [music_books["equipment"]]
    assert (got.spent_pence, got.spent_before_pence) == (45_000, 150_000)
    assert got.balance_pence == 836_000
    assert got.left_to_spend_pence == 1_005_000


def test_an_earlier_end_stops_the_figures_there(db, treasurer, music, music_books):
    """To 30 June: received the March £5,000, £250 other, spent £1,500, nothing moved:
    balance £3,750; left to spend £10,500."""
    got = money(db, treasurer, music, ends=date(2026, 6, 30))
    assert (got.starts, got.ends) == (date(2026, 4, 1), date(2026, 6, 30))
    assert got.received_pence == 500_000
    assert got.other_in_pence == 25_000
    assert (got.moved_in_pence, got.moved_out_pence) == (0, 0)
    assert got.spent_pence == 150_000
    assert got.balance_pence == 375_000
    assert got.left_to_spend_pence == 1_050_000


def test_a_statement_stays_within_the_grants_period(db, treasurer, music, music_books):
    """Dates asked for outside the period are brought back to it."""
    got = money(db, treasurer, music, starts=date(2025, 1, 1), ends=date(2027, 12, 31))
    assert (got.starts, got.ends) == (date(2026, 4, 1), date(2027, 3, 31))
    assert got.balance_pence == 836_000


def test_a_fund_shared_by_two_grants_one_after_the_other(db, treasurer, names):
    """The council's transport grant for 2025-26 (£6,000), then for 2026-27 (£7,000), in one
    fund. The second grant's first payment came on 20 March 2026, inside the first grant's
    period: it is the second grant's. The first grant's receipt and spending before
    April 2026 are not the second grant's; a donation in the second period is."""
    council = add_funder(db, treasurer, "County Council", "council")
    first = awarded(
        db,
        treasurer,
        council,
        "Transport 2025-26",
        typed=date(2025, 1, 5),
        sent=date(2025, 2, 1),
        decided=date(2025, 3, 1),
        pence=600_000,
        new_fund_name="Council transport",
        period_starts=date(2025, 4, 1),
        period_ends=date(2026, 3, 31),
        instalments=(InstalmentInput(date(2025, 4, 1), 600_000),),
    )
    fund = fund_of(db, treasurer, first)
    second = awarded(
        db,
        treasurer,
        council,
        "Transport 2026-27",
        typed=date(2026, 1, 5),
        sent=date(2026, 1, 15),
        decided=date(2026, 3, 1),
        pence=700_000,
        fund_id=fund,
        period_starts=date(2026, 4, 1),
        period_ends=date(2027, 3, 31),
        instalments=(InstalmentInput(date(2026, 4, 1), 700_000),),
    )
    first_in = book_receipt(db, treasurer, fund, date(2025, 4, 5), 600_000)
    pay(db, treasurer, names, date(2025, 6, 1), [("Transport", fund, 100_000)])
    pay(db, treasurer, names, date(2026, 2, 1), [("Transport", fund, 50_000)])
    second_in = book_receipt(db, treasurer, fund, date(2026, 3, 20), 700_000)
    pay(db, treasurer, names, date(2026, 5, 1), [("Transport", fund, 80_000)])
    book_receipt(db, treasurer, fund, date(2026, 6, 1), 5_000, category="Donations")
    assert db.run(grant_money.auto_match, treasurer, first) == 1
    assert db.run(grant_money.auto_match, treasurer, second) == 1

    one = money(db, treasurer, first)
    assert (one.starts, one.ends) == (date(2025, 4, 1), date(2026, 3, 31))
    assert [line.entry_id for line in one.received] == [first_in]
    assert one.other_in == []
    assert one.spent_pence == 150_000
    assert one.balance_pence == 600_000 - 150_000
    assert one.left_to_spend_pence == 600_000 - 150_000

    two = money(db, treasurer, second)
    assert (two.starts, two.ends) == (date(2026, 4, 1), TODAY)
    assert two.brought_forward_pence == 0
    assert [line.entry_id for line in two.received] == [second_in]
    assert two.other_in_pence == 5_000
    assert [(line.on, line.pence) for line in two.spending] == [(date(2026, 5, 1), 80_000)]
    assert two.balance_pence == 700_000 + 5_000 - 80_000
    assert two.left_to_spend_pence == 700_000 - 80_000
    # Between them the two grants hold what the books say the fund holds.
    assert one.balance_pence + two.balance_pence == 600_000 + 700_000 + 5_000 - 230_000
    assert db.run(books.fund_balances, TODAY)[fund] == 1_075_000


def test_a_grant_without_a_period_runs_from_its_decision_to_today(db, treasurer):
    """No period typed: from the day the funder decided, up to today."""
    funder = add_funder(db, treasurer)
    application_id = application_in(db, treasurer, funder, "awarded")
    got = money(db, treasurer, application_id)
    assert (got.starts, got.ends) == (date(2026, 10, 1), TODAY)
    assert (got.received, got.spending, got.balance_pence) == ([], [], 0)
    assert got.left_to_spend_pence == 1_200_000


def test_only_an_awarded_grant_has_money(db, treasurer):
    """Before the award there is no fund to read; a missing grant is said plainly."""
    funder = add_funder(db, treasurer)
    sent = application_in(db, treasurer, funder, "submitted")
    errors = errors_of(db, grant_money.grant_money, treasurer, sent, TODAY)
    assert errors == {"status": "This application has not been awarded yet."}
    with pytest.raises(NotFound):
        money(db, treasurer, 9999)


def test_a_closed_grant_still_shows_its_money(db, treasurer, music, music_books):
    """Closing is the end of the reports, not of the record."""
    move(db, treasurer, music, "closed", TODAY)
    assert money(db, treasurer, music).balance_pence == 836_000
    assert grants.STATUS_WORDS[view(db, treasurer, music).row.status] == "Closed"


@pytest.mark.parametrize(
    ("starts", "ends", "words"),
    [
        (
            date(2026, 4, 1),
            date(2027, 3, 31),
            "4 months left: the grant's period ends on 31 March 2027.",
        ),
        (
            date(2026, 4, 1),
            date(2027, 1, 17),
            "8 weeks left: the grant's period ends on 17 January 2027.",
        ),
        (
            date(2026, 4, 1),
            date(2026, 12, 2),
            "2 weeks left: the grant's period ends on 2 December 2026.",
        ),
        (
            date(2026, 4, 1),
            date(2026, 11, 25),
            "7 days left: the grant's period ends on 25 November 2026.",
        ),
        (
            date(2026, 4, 1),
            date(2026, 11, 19),
            "1 day left: the grant's period ends on 19 November 2026.",
        ),
        (date(2026, 4, 1), TODAY, "The last day of the grant's period is today."),
        (date(2026, 4, 1), date(2026, 11, 17), "The grant's period ended on 17 November 2026."),
        (date(2027, 1, 1), date(2027, 12, 31), "The grant's period starts on 1 January 2027."),
        (None, None, "The grant has no end date."),
    ],
)
def test_time_left_in_the_grant_is_said_in_words(starts, ends, words):
    """Months while two or more are left, then weeks from two weeks, then days."""
    assert time_left_words(starts, ends, TODAY) == words


def test_a_last_payment_held_back_until_after_the_period_is_still_received(db, treasurer):
    """A funder keeps back the last £1,000 until the final report: paid on 10 May 2026,
    after the period ended on 31 March. The whole period's figures count it as received;
    a statement that stops before the end of the period does not."""
    funder = add_funder(db, treasurer, "Riverside Foundation")
    grant = awarded(
        db,
        treasurer,
        funder,
        "Crafternoon",
        typed=date(2025, 2, 1),
        sent=date(2025, 2, 10),
        decided=date(2025, 3, 10),
        pence=400_000,
        new_fund_name="Crafternoon grant",
        period_starts=date(2025, 4, 1),
        period_ends=date(2026, 3, 31),
        instalments=(
            InstalmentInput(date(2025, 4, 1), 300_000),
            InstalmentInput(date(2026, 5, 1), 100_000),
        ),
    )
    fund = fund_of(db, treasurer, grant)
    first = book_receipt(db, treasurer, fund, date(2025, 4, 3), 300_000)
    last = book_receipt(db, treasurer, fund, date(2026, 5, 10), 100_000)
    assert db.run(grant_money.auto_match, treasurer, grant) == 2

    whole = money(db, treasurer, grant)
    assert [line.entry_id for line in whole.received] == [first, last]
    assert whole.balance_pence == 400_000
    part = money(db, treasurer, grant, ends=date(2025, 12, 31))
    assert [line.entry_id for line in part.received] == [first]
    assert part.balance_pence == 300_000


def test_an_award_cannot_be_cut_below_what_was_already_received(db, treasurer, names, music):
    """£5,000 of the music grant has come in: changing the award to £4,000 (a slip for
    £14,000) is refused, saying how much was received; £5,000 itself is allowed."""
    fund = fund_of(db, treasurer, music)
    book_receipt(db, treasurer, fund, date(2026, 3, 20), 500_000)
    assert db.run(grant_money.auto_match, treasurer, music) == 1
    current = view(db, treasurer, music)
    change = grants.AwardInput(
        400_000,
        current.row.decided_on,
        current.row.period_starts,
        current.row.period_ends,
        fund_id=fund,
    )
    assert errors_of(db, grants.save_award, treasurer, music, change, TODAY) == {
        "awarded": "The club has already received £5,000.00 of this grant, more than "
        "£4,000.00. Check the amount against the funder's letter."
    }
    same = grants.AwardInput(
        500_000,
        current.row.decided_on,
        current.row.period_starts,
        current.row.period_ends,
        fund_id=fund,
    )
    db.run(grants.save_award, treasurer, music, same, TODAY)
    assert view(db, treasurer, music).row.awarded_pence == 500_000


def test_a_receipt_moved_out_of_the_fund_is_chased_again(db, treasurer, names, music):
    """The treasurer re-files the matched £5,000 under the general fund: the grant no
    longer counts it as received, so the payment is back on the deadlines board; and the
    award's fund cannot be swapped while a payment is matched to it."""
    from clubapp.services import grant_deadlines

    fund = fund_of(db, treasurer, music)
    entry = book_receipt(db, treasurer, fund, date(2026, 3, 20), 500_000)
    assert db.run(grant_money.auto_match, treasurer, music) == 1
    current = view(db, treasurer, music)
    swap = grants.AwardInput(
        current.row.awarded_pence,
        current.row.decided_on,
        current.row.period_starts,
        current.row.period_ends,
        new_fund_name="Another fund",
    )
    assert set(errors_of(db, grants.save_award, treasurer, music, swap, TODAY)) == {"fund"}
    general = names["General fund"]
    db.run(
        books.change_entry,
        treasurer,
        entry,
        books.EntryInput(
            on=date(2026, 3, 20),
            kind="receipt",
            amount_pence=500_000,
            account_id=names["Bank current account"],
            splits=(books.SplitInput(names["Grants"], general, 500_000),),
        ),
    )
    assert money(db, treasurer, music).received == []
    chased = db.run(grant_deadlines.board, treasurer, TODAY, 3660)
    assert date(2026, 3, 20) in [d.due_on for d in chased if d.thing == "instalment"]
