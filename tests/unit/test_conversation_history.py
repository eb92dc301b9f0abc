""" "What has changed" says each answer once: the same answer given again and again is one
part of the sentence with all its months, not a repeat."""

from __future__ import annotations

from datetime import date

from clubapp.services.conversations import CardHistory


def history(*steps: tuple[date, str]) -> CardHistory:
    return CardHistory("Activities at the club", 1, "Gardening", "garden", False, steps)


def test_a_repeated_answer_is_said_once_with_its_months():
    words = history(
        (date(2026, 5, 12), "like"),
        (date(2026, 10, 6), "not_sure"),
        (date(2026, 11, 3), "not_sure"),
    ).words
    assert (
        words == "Liked Gardening in May 2026, then not sure about it in October and November 2026."
    )
    assert words.count("not sure") == 1


def test_months_in_different_years_each_keep_their_year():
    words = history(
        (date(2026, 11, 3), "dislike"),
        (date(2027, 1, 20), "dislike"),
        (date(2027, 3, 2), "like"),
    ).words
    assert words == (
        "Did not like Gardening in November 2026 and January 2027, then liked it in March 2027."
    )


def test_two_conversations_in_one_month_name_the_month_once():
    words = history(
        (date(2026, 10, 1), "like"),
        (date(2026, 10, 20), "like"),
        (date(2026, 11, 3), "dislike"),
    ).words
    assert words == "Liked Gardening in October 2026, then did not like it in November 2026."


def test_an_answer_that_comes_back_later_is_said_again():
    words = history(
        (date(2026, 5, 1), "like"),
        (date(2026, 6, 1), "not_sure"),
        (date(2026, 7, 1), "like"),
    ).words
    assert words == (
        "Liked Gardening in May 2026, then not sure about it in June 2026, "
        "then liked it in July 2026."
    )


def test_three_months_of_the_same_answer_read_as_a_list():
    words = history(
        (date(2026, 9, 1), "not_sure"),
        (date(2026, 10, 1), "not_sure"),
        (date(2026, 11, 1), "not_sure"),
    ).words
    assert words == "Not sure about Gardening in September, October and November 2026."
