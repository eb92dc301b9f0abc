"""The members printouts: built from plain rows and read back with pypdf."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from clubapp.printing.base import FONT, FONT_BOLD, PAGE_SIZE, format_long_date, markup
from clubapp.printing.members import (
    CONFIDENTIAL,
    EmergencyLine,
    MemberListLine,
    SignInLine,
    emergency_contacts_pdf,
    member_list_pdf,
    sign_in_sheet_pdf,
)

CLUB = "Wednesday Club"
PRINTED_ON = date(2026, 11, 22)
UNICODE_NAME = "Zoë O'Brien"
MARKUP_NAME = "<b>Bob</b> & co"


# --- helpers ---------------------------------------------------------------


def page_texts(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text() for page in reader.pages]


def all_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def font_names(pdf: bytes) -> list[tuple[str, bool]]:
    """(base font name, embedded?) for every font any page uses."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for key in fonts:
            font = fonts[key].get_object()
            descriptor = font.get("/FontDescriptor", {})
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
    return found


def text_runs_outside_page(pdf: bytes) -> list[str]:
    """Pieces of text that start or end beyond the page's printable width."""
    width = float(PAGE_SIZE[0])
    bad: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text, cm, tm, font_dict, font_size):
            piece = text.strip("\n")
            if not piece.strip() or not font_dict:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            size = font_size * cm[0] * tm[0]
            base = str(font_dict.get("/BaseFont", ""))
            font = FONT_BOLD if "Bold" in base else FONT
            run = pdfmetrics.stringWidth(piece, font, size) if "Atkinson" in base else 0.0
            if x < 0 or x + run > width + 0.5:
                bad.append(piece[:40])

        page.extract_text(visitor_text=visit)
    return bad


def member(name: str, phone: str | None = "07700 900123", **kw) -> MemberListLine:
    fields = {"known_as": "", "kinds": ("Member",), "status": "Active"} | kw
    return MemberListLine(full_name=name, phone=phone, **fields)


def members(count: int, phone: bool = True) -> list[MemberListLine]:
    return [
        member(
            f"Person {i:03d}",
            f"07700 900{i:03d}" if phone else None,
            known_as=f"P{i}",
            kinds=("Member", "Carer") if i % 2 else ("Volunteer",),
            status="Active" if i % 3 else "Paused",
        )
        for i in range(count)
    ]


# --- dates and markup ------------------------------------------------------


def test_format_long_date_is_uk_style_in_words():
    """Dates print as weekday, day, month name and year, UK order."""
    assert format_long_date(date(2025, 12, 3)) == "Wednesday 3 December 2025"
    assert format_long_date(date(2026, 11, 22), weekday=False) == "22 November 2026"


def test_markup_escapes_paragraph_markup():
    """Text that looks like ReportLab markup is escaped, not interpreted."""
    assert markup("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"


# --- member list -----------------------------------------------------------


def test_member_list_prints_every_name_literally():
    """Unicode and markup-looking names appear exactly as typed, in the given order."""
    lines = [member(UNICODE_NAME), member(MARKUP_NAME, known_as="<script>"), *members(5)]
    text = all_text(member_list_pdf(CLUB, lines, PRINTED_ON))
    positions = [text.index(line.full_name) for line in lines]
    assert positions == sorted(positions)
    assert "<script>" in text


@pytest.mark.parametrize("count", [0, 1, 42])
def test_member_list_count_line_matches_the_rows(count):
    """The count line at the top says how many people are listed."""
    text = page_texts(member_list_pdf(CLUB, members(count), PRINTED_ON))[0]
    expected = "1 person" if count == 1 else f"{count} people"
    assert expected in text


def test_member_list_phone_column_only_when_phones_are_given():
    """With phones the column and numbers print; with None there is no phone column."""
    with_phones = members(6)
    text = all_text(member_list_pdf(CLUB, with_phones, PRINTED_ON))
    assert "Phone" in text
    assert all(line.phone in text for line in with_phones)

    hidden = members(6, phone=False)
    text = all_text(member_list_pdf(CLUB, hidden, PRINTED_ON))
    assert "Phone" not in text
    assert all(line.phone is None for line in hidden)
    assert "07700" not in text


def test_member_list_shows_kinds_and_status():
    """Each person's kinds and status are printed as display words."""
    lines = members(4)
    text = all_text(member_list_pdf(CLUB, lines, PRINTED_ON))
    for line in lines:
        assert ", ".join(line.kinds) in text
        assert line.status in text


def test_member_list_very_long_field_wraps_across_pages():
    """A 10,000-character name neither crashes nor runs off the page: it wraps."""
    long_name = "q" * 10_000
    short = member_list_pdf(CLUB, [member("Ann")], PRINTED_ON)
    pdf = member_list_pdf(CLUB, [member(long_name), member("Ann")], PRINTED_ON)
    assert len(page_texts(pdf)) > len(page_texts(short))
    assert all_text(pdf).count("q") - all_text(short).count("q") == len(long_name)
    assert text_runs_outside_page(pdf) == []


def test_member_list_long_words_wrap_inside_the_page():
    """Long wordy cells in every column wrap inside the page width."""
    wordy = " ".join(["Featherstonehaugh-Wentworth"] * 40)
    lines = [member(wordy, phone="0" * 300, known_as=wordy, kinds=(wordy,), status=wordy)]
    assert text_runs_outside_page(member_list_pdf(CLUB, lines, PRINTED_ON)) == []


# --- header, footer, fonts -------------------------------------------------


def test_every_page_has_header_and_page_n_of_total_footer():
    """Each page names the club and says "Printed on <date> · Page i of N"."""
    pages = page_texts(member_list_pdf(CLUB, members(120), PRINTED_ON))
    total = len(pages)
    assert total > 1
    printed = f"Printed on {format_long_date(PRINTED_ON, weekday=False)}"
    for number, text in enumerate(pages, start=1):
        assert CLUB in text
        assert f"{printed} · Page {number} of {total}" in text


@pytest.mark.parametrize(
    "build",
    [
        lambda: member_list_pdf(CLUB, members(3), PRINTED_ON),
        lambda: sign_in_sheet_pdf(
            CLUB, "Music", date(2025, 12, 3), [SignInLine("A", "A")], PRINTED_ON
        ),
        lambda: emergency_contacts_pdf(
            CLUB, [EmergencyLine("A", "B", "", "01632 960000", "")], PRINTED_ON
        ),
    ],
    ids=["member list", "sign-in sheet", "emergency contacts"],
)
def test_fonts_are_atkinson_and_embedded(build):
    """Every font the PDF names is embedded, and the text is in Atkinson Hyperlegible."""
    fonts = font_names(build())
    assert any("AtkinsonHyperlegible-Regular" in name for name, _ in fonts)
    assert any("AtkinsonHyperlegible-Bold" in name for name, _ in fonts)
    assert all(embedded for _, embedded in fonts), fonts


def test_names_outside_the_font_do_not_crash():
    """A name in a script the font lacks still builds, and the rest of the row prints."""
    lines = [member("李小龍 Lee", known_as="Σοφία"), member(UNICODE_NAME)]
    text = all_text(member_list_pdf(CLUB, lines, PRINTED_ON))
    assert "Lee" in text
    assert UNICODE_NAME in text


def test_control_characters_do_not_crash():
    """Stray control characters and line breaks in a field are harmless."""
    pdf = member_list_pdf(CLUB, [member("Ann\x00\x07\r\nSmith\tJones")], PRINTED_ON)
    text = all_text(pdf)
    assert "Ann" in text and "Smith" in text and "Jones" in text


# --- sign-in sheet ---------------------------------------------------------


def sign_in_lines(count: int) -> list[SignInLine]:
    return [SignInLine(f"Guest {i:03d}", f"Guest {i:03d} Surname{i:03d}") for i in range(count)]


def test_sign_in_sheet_for_200_people_counts_its_pages():
    """200 people: every page footer says "Page i of N" with N the real page count."""
    lines = sign_in_lines(200)
    pages = page_texts(sign_in_sheet_pdf(CLUB, "Music", date(2025, 12, 3), lines, PRINTED_ON))
    total = len(pages)
    assert total > 1
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text


def test_sign_in_sheet_rows_never_split_across_pages():
    """Each person's name and full name print together on exactly one page."""
    lines = sign_in_lines(200)
    pages = page_texts(sign_in_sheet_pdf(CLUB, "Music", date(2025, 12, 3), lines, PRINTED_ON))
    for line in lines:
        holding = [text for text in pages if line.name in text]
        assert len(holding) == 1, line.name
        assert line.full_name in holding[0]


def test_sign_in_sheet_heading_gives_title_and_date_in_words():
    """The top of the sheet names the session and its date in words."""
    title, when = "Wednesday Club", date(2025, 12, 3)
    first = page_texts(sign_in_sheet_pdf(CLUB, title, when, sign_in_lines(3), PRINTED_ON))[0]
    compact = " ".join(first.split())
    assert f"{title} — {format_long_date(when)}" in compact


def test_sign_in_sheet_prints_names_literally():
    """Unicode and markup-looking names print as typed on the sign-in sheet."""
    lines = [SignInLine("Zoë", UNICODE_NAME), SignInLine(MARKUP_NAME, MARKUP_NAME)]
    text = all_text(sign_in_sheet_pdf(CLUB, "Music", date(2025, 12, 3), lines, PRINTED_ON))
    assert UNICODE_NAME in text
    assert text.count(MARKUP_NAME) == 1  # the same name and full name print once


def test_sign_in_sheet_with_a_huge_name_still_builds():
    """A 10,000-character name is cut short on the sheet instead of breaking the layout."""
    lines = [SignInLine("q" * 10_000, "q" * 10_000), SignInLine("Ann", "Ann Smith")]
    pdf = sign_in_sheet_pdf(CLUB, "Music", date(2025, 12, 3), lines, PRINTED_ON)
    assert "Ann Smith" in all_text(pdf)
    assert text_runs_outside_page(pdf) == []


# --- emergency contacts ----------------------------------------------------


def emergency_lines() -> list[EmergencyLine]:
    return [
        EmergencyLine(UNICODE_NAME, "Ann O'Brien", "Daughter", "07700 900001", "Deaf left ear"),
        EmergencyLine(UNICODE_NAME, "Tom O'Brien", "Son", "07700 900002", "Deaf left ear"),
        EmergencyLine(MARKUP_NAME, "<i>Sam</i>", "", "01632 960003", ""),
    ]


def test_emergency_contacts_marked_confidential_at_the_top():
    """The confidential warning comes before any person on the first page."""
    lines = emergency_lines()
    first = page_texts(emergency_contacts_pdf(CLUB, lines, PRINTED_ON))[0]
    assert CONFIDENTIAL == "Confidential — keep safe, shred when replaced"
    assert first.index(CONFIDENTIAL) < first.index(lines[0].person_name)


def test_emergency_contacts_grouped_under_each_person():
    """A person with several contacts is named once, with all their contacts and phones."""
    lines = emergency_lines()
    text = all_text(emergency_contacts_pdf(CLUB, lines, PRINTED_ON))
    people = list(dict.fromkeys(line.person_name for line in lines))
    for person in people:
        assert text.count(person) == 1
    for line in lines:
        assert line.contact_name in text
        assert line.phone in text
        if line.relationship:
            assert line.relationship in text
    assert text.count("Deaf left ear") == 1  # the same notes print once per person
    assert f"{len(people)} people" in text


def test_emergency_contacts_long_notes_wrap():
    """10,000 characters of notes build, flow over pages, and stay inside the page."""
    notes = "Needs help with stairs. " * 420
    lines = [EmergencyLine("Ann", "Bob", "Husband", "07700 900001", notes)]
    pdf = emergency_contacts_pdf(CLUB, lines, PRINTED_ON)
    assert len(page_texts(pdf)) > 1
    assert all_text(pdf).count("stairs") == notes.count("stairs")
    assert text_runs_outside_page(pdf) == []


def test_emergency_contacts_empty_list_builds():
    """No lines still gives a one-page document that says so."""
    pages = page_texts(emergency_contacts_pdf(CLUB, [], PRINTED_ON))
    assert len(pages) == 1
    assert "0 people" in pages[0]
