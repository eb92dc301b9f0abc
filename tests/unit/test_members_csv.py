"""Members CSV import and export (clubapp.services.members_csv) and the kind/status words."""

from __future__ import annotations

import codecs
import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clubapp.services.members_csv import (
    COLUMNS,
    CsvFileError,
    MemberExportRow,
    MemberImportRow,
    ParsedMembersCsv,
    column_for_heading,
    duplicate_key_matches,
    neutralise_cell,
    parse_members_csv,
    phone_key,
    unneutralise_cell,
    write_members_csv,
)
from clubapp.services.vocab import KINDS, STATUSES, kind_from_text, status_from_text

SAVE_AS = "Save the spreadsheet as 'CSV UTF-8' and try again."


def csv_bytes(*lines: str, bom: bool = False, newline: str = "\r\n") -> bytes:
    data = newline.join(lines).encode("utf-8") + newline.encode()
    return codecs.BOM_UTF8 + data if bom else data


def parse_ok(data: bytes) -> ParsedMembersCsv:
    parsed = parse_members_csv(data)
    assert parsed.problems == (), parsed.problems
    return parsed


def only_row(data: bytes) -> MemberImportRow:
    parsed = parse_ok(data)
    assert len(parsed.rows) == 1
    return parsed.rows[0]


# ---------------------------------------------------------------------------------------------
# Vocabulary


def test_kinds_and_statuses_are_in_display_order() -> None:
    """The codes and words are the ones the app shows, in the order it shows them."""
    assert list(KINDS) == [
        "member",
        "carer",
        "family",
        "resident",
        "volunteer",
        "trustee",
        "coordinator",
        "supporter",
    ]
    assert KINDS["member"] == "Member living with dementia"
    assert STATUSES == {"active": "Active", "paused": "Paused", "left": "Left", "died": "Died"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("member", "member"),
        ("Member", "member"),
        ("member living with dementia", "member"),
        ("MEMBERS LIVING WITH DEMENTIA", "member"),
        ("pwd", "member"),
        ("PLWD", "member"),
        ("Carer", "carer"),
        ("Carers", "carer"),
        ("Family", "family"),
        ("Family member", "family"),
        ("family members", "family"),
        ("Residents", "resident"),
        ("Volunteers", "volunteer"),
        ("Trustees", "trustee"),
        ("co-ordinator", "coordinator"),
        ("Coordinators", "coordinator"),
        ("supporters", "supporter"),
        ("  Volunteer  ", "volunteer"),
    ],
)
def test_kind_from_text_understands_codes_words_and_variants(text: str, code: str) -> None:
    """Kinds are read from codes, words and common variants, whatever the case."""
    assert kind_from_text(text) == code


@pytest.mark.parametrize("text", ["", "  ", "helper", "memberz", "s"])
def test_kind_from_text_gives_none_for_unknown_words(text: str) -> None:
    """Blank or unknown kinds give None rather than a guess."""
    assert kind_from_text(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("active", "active"),
        ("Active", "active"),
        ("PAUSED", "paused"),
        ("on hold", "paused"),
        ("Left", "left"),
        ("died", "died"),
        ("Deceased", "died"),
        ("passed away", "died"),
    ],
)
def test_status_from_text(text: str, code: str) -> None:
    """Statuses are read from codes, words and common variants."""
    assert status_from_text(text) == code


def test_status_from_text_unknown_or_blank_is_none() -> None:
    """Blank and unknown statuses give None."""
    assert status_from_text("") is None
    assert status_from_text("gone fishing") is None


# ---------------------------------------------------------------------------------------------
# Headings

SPELLINGS = {
    "Full name": ["Name", "Full name", "Fullname", "Full_name", "FULL NAME", " full-name "],
    "Known as": ["Known as", "Preferred name", "Nickname", "known_as"],
    "Kinds": ["Kind", "Kinds", "Type", "Role(s)", "Roles", "Kind(s)"],
    "Phone": ["Phone", "Telephone", "Tel", "Phone number", "Mobile", "phone_number"],
    "Email": ["Email", "E-mail", "Email address", "EMAIL"],
    "Address": ["Address", "address"],
    "Joined": ["Joined", "Date joined", "Join date", "Start date", "date_joined"],
    "Emergency contact": ["Emergency contact", "Emergency contact name", "Next of kin"],
    "Emergency phone": [
        "Emergency phone",
        "Emergency contact phone",
        "Emergency number",
        "Next of kin phone",
    ],
    "Status": ["Status", "STATUS"],
}

SAMPLE_VALUES = {
    "Full name": ("Ada Lovelace", "full_name", "Ada Lovelace"),
    "Known as": ("Ada", "known_as", "Ada"),
    "Kinds": ("Carer; Volunteer", "kinds", ("carer", "volunteer")),
    "Phone": ("07700 900123", "phone", "07700 900123"),
    "Email": ("ada@example.org", "email", "ada@example.org"),
    "Address": ("1 High Street", "address", "1 High Street"),
    "Joined": ("03/04/2025", "joined_on", date(2025, 4, 3)),
    "Emergency contact": ("Byron", "emergency_name", "Byron"),
    "Emergency phone": ("01632 960001", "emergency_phone", "01632 960001"),
    "Status": ("Paused", "status", "paused"),
}


@pytest.mark.parametrize(
    ("column", "spelling"),
    [(column, spelling) for column, spellings in SPELLINGS.items() for spelling in spellings],
)
def test_every_accepted_spelling_of_every_heading(column: str, spelling: str) -> None:
    """Each common spelling of a heading is read as its column, and its value lands there."""
    assert column_for_heading(spelling) == column
    cell, field, expected = SAMPLE_VALUES[column]
    if column == "Full name":
        data = csv_bytes(f'"{spelling}"', cell)
    else:
        data = csv_bytes(f'Full name,"{spelling}"', f'Someone,"{cell}"')
    parsed = parse_ok(data)
    assert column in parsed.columns_used
    assert getattr(parsed.rows[0], field) == expected


def test_columns_in_any_order() -> None:
    """Columns are found by heading, not by position."""
    data = csv_bytes(
        "Status,Email,Joined,Full name,Phone,Kinds,Known as,Address,Emergency phone,"
        "Emergency contact",
        "Left,ada@example.org,03/04/2025,Ada Lovelace,07700 900123,Trustee,Ada,1 High St,"
        "01632 960001,Byron",
    )
    parsed = parse_ok(data)
    assert parsed.columns_used == (
        "Status",
        "Email",
        "Joined",
        "Full name",
        "Phone",
        "Kinds",
        "Known as",
        "Address",
        "Emergency phone",
        "Emergency contact",
    )
    assert parsed.rows[0] == MemberImportRow(
        line=2,
        full_name="Ada Lovelace",
        known_as="Ada",
        kinds=("trustee",),
        phone="07700 900123",
        email="ada@example.org",
        address="1 High St",
        joined_on=date(2025, 4, 3),
        emergency_name="Byron",
        emergency_phone="01632 960001",
        status="left",
    )


def test_only_full_name_is_needed_and_blanks_default() -> None:
    """A file with just a Full name column works; status defaults to active, no kinds."""
    row = only_row(csv_bytes("Full name", "Ada Lovelace"))
    assert row.full_name == "Ada Lovelace"
    assert row.kinds == ()
    assert row.status == "active"
    assert row.joined_on is None
    assert row.phone == row.email == row.address == ""


def test_unknown_headings_are_ignored_and_reported() -> None:
    """A heading we do not know is listed as ignored, not an error."""
    parsed = parse_ok(csv_bytes("Full name,Shoe size,Notes", "Ada,5,likes tea"))
    assert parsed.ignored_columns == ("Shoe size", "Notes")
    assert parsed.columns_used == ("Full name",)
    assert parsed.rows[0].full_name == "Ada"


def test_heading_that_appears_twice_is_a_file_error() -> None:
    """The same heading twice is refused, naming it."""
    with pytest.raises(CsvFileError, match="'Phone' appears twice"):
        parse_members_csv(csv_bytes("Full name,Phone,Phone", "Ada,0123456,0123457"))


def test_two_spellings_of_one_column_is_a_file_error() -> None:
    """ "Name" and "Full name" together are refused, naming both."""
    with pytest.raises(CsvFileError) as caught:
        parse_members_csv(csv_bytes("Name,Full name", "Ada,Ada Lovelace"))
    assert "'Name'" in str(caught.value)
    assert "'Full name'" in str(caught.value)


def test_missing_full_name_column_is_a_file_error() -> None:
    """Without a Full name column the whole file is refused, saying what to add."""
    with pytest.raises(CsvFileError, match="no 'Full name' column"):
        parse_members_csv(csv_bytes("Phone,Email", "07700 900123,ada@example.org"))


def test_data_without_a_heading_row_is_a_file_error() -> None:
    """A file that starts with a person instead of headings is refused, asking for headings."""
    with pytest.raises(CsvFileError, match="column headings"):
        parse_members_csv(csv_bytes("Ada Lovelace,07700 900123", "Bob,07700 900124"))


# ---------------------------------------------------------------------------------------------
# Encodings and delimiters


@pytest.mark.parametrize("bom", [True, False])
def test_utf8_with_and_without_bom(bom: bool) -> None:
    """UTF-8 is read the same with or without a byte-order mark."""
    parsed = parse_ok(csv_bytes("Full name,Phone", "Zoë O'Brien,07700 900123", bom=bom))
    assert parsed.columns_used == ("Full name", "Phone")
    assert parsed.rows[0].full_name == "Zoë O'Brien"


def test_utf16_with_bom_from_excel_unicode_text_is_read() -> None:
    """Excel's "Unicode text" (UTF-16 with BOM, tab-separated) is read too."""
    data = "Full name\tPhone\r\n李小龍\t07700 900123\r\n".encode("utf-16")
    assert only_row(data).full_name == "李小龍"


def test_semicolon_delimited_file() -> None:
    """A semicolon-separated file (European Excel) is read, commas stay inside cells."""
    data = csv_bytes(
        "Full name;Address;Kinds;Joined",
        "Ada Lovelace;1 High St, Oxford;Carer, Volunteer;03/04/2025",
    )
    row = only_row(data)
    assert row.address == "1 High St, Oxford"
    assert row.kinds == ("carer", "volunteer")
    assert row.joined_on == date(2025, 4, 3)


def test_tab_delimited_file() -> None:
    """A tab-separated file is read."""
    row = only_row(csv_bytes("Full name\tPhone", "Ada, Countess\t07700 900123"))
    assert row.full_name == "Ada, Countess"
    assert row.phone == "07700 900123"


def test_lf_and_cr_line_endings() -> None:
    """Files with Unix or old Mac line endings are read with the right line numbers."""
    for newline in ("\n", "\r"):
        parsed = parse_members_csv(csv_bytes("Full name,Joined", "Ada,", "Bob,xx", newline=newline))
        assert [p.line for p in parsed.problems] == [3]


def test_latin1_bytes_ask_for_csv_utf8() -> None:
    """A file saved as Latin-1 (Windows "CSV") is refused with the CSV UTF-8 advice."""
    data = "Full name\r\nZoë O'Brien\r\n".encode("latin-1")
    with pytest.raises(CsvFileError) as caught:
        parse_members_csv(data)
    assert SAVE_AS in str(caught.value)
    assert "line 2" in str(caught.value)


def test_xlsx_workbook_asks_for_csv_utf8() -> None:
    """An Excel workbook given by mistake is refused with the CSV UTF-8 advice."""
    with pytest.raises(CsvFileError, match="CSV UTF-8"):
        parse_members_csv(b"PK\x03\x04\x14\x00\x06\x00rest-of-zip")


def test_binary_file_asks_for_csv_utf8() -> None:
    """Bytes with NULs are not text and are refused."""
    with pytest.raises(CsvFileError, match="CSV UTF-8"):
        parse_members_csv(b"Full name\x00\x00\x01\r\n")


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n"])
def test_empty_file_is_a_file_error(data: bytes) -> None:
    """An empty file is refused with a plain message."""
    with pytest.raises(CsvFileError, match="empty"):
        parse_members_csv(data)


def test_enormous_cell_is_a_file_error_naming_the_line() -> None:
    """A cell too big for the CSV reader is refused as a whole-file problem naming the line."""
    with pytest.raises(CsvFileError, match="Line 3"):
        parse_members_csv(csv_bytes("Full name,Address", "Ada,x", "Bob," + "x" * 200_000))


def test_headings_only_gives_no_rows_and_no_problems() -> None:
    """A file with headings and nobody in it has nothing to import and nothing wrong."""
    parsed = parse_members_csv(csv_bytes("Full name,Phone"))
    assert parsed.rows == ()
    assert parsed.problems == ()


# ---------------------------------------------------------------------------------------------
# Rows and line numbers


def test_blank_lines_are_skipped_and_line_numbers_follow_the_file() -> None:
    """Blank lines are skipped; each row keeps the line number it has in the file."""
    parsed = parse_ok(csv_bytes("Full name", "", "Ada", ",", "  ", "Bob"))
    assert [(r.line, r.full_name) for r in parsed.rows] == [(3, "Ada"), (6, "Bob")]


def test_quoted_newline_keeps_later_line_numbers_right() -> None:
    """A quoted address over two lines makes later rows' line numbers follow the file."""
    data = csv_bytes(
        "Full name,Address,Joined",
        'Ada,"1 High Street\r\nOxford",03/04/2025',
        "Bob,2 Low Road,31/02/2025",
    )
    parsed = parse_members_csv(data)
    assert parsed.rows[0].line == 2
    assert parsed.rows[0].address == "1 High Street\r\nOxford"
    assert [(p.line, p.column) for p in parsed.problems] == [(4, "Joined")]


def test_cells_are_trimmed() -> None:
    """Spaces round cells are removed."""
    row = only_row(csv_bytes("Full name , Phone ", "  Ada Lovelace  ,  07700 900123 "))
    assert row.full_name == "Ada Lovelace"
    assert row.phone == "07700 900123"


def test_row_with_more_cells_than_headings_is_a_problem() -> None:
    """Extra filled cells beyond the headings are a problem for that row only."""
    parsed = parse_members_csv(csv_bytes("Full name,Phone", "Ada,07700 900123,extra", "Bob"))
    assert [(p.line, p.column) for p in parsed.problems] == [(2, "")]
    assert "more cells" in parsed.problems[0].message
    assert [r.full_name for r in parsed.rows] == ["Bob"]


def test_trailing_empty_cells_are_harmless() -> None:
    """Trailing commas (as spreadsheets often write) are not a problem."""
    parsed = parse_ok(csv_bytes("Full name,Phone,,", "Ada,07700 900123,,,,", "Bob"))
    assert [r.full_name for r in parsed.rows] == ["Ada", "Bob"]


def test_fewer_cells_than_headings_means_blanks() -> None:
    """A short row just leaves the missing cells blank."""
    row = only_row(csv_bytes("Full name,Phone,Email", "Ada"))
    assert row.phone == row.email == ""


def test_unclosed_quote_is_reported_on_its_line() -> None:
    """A quote mark that never closes is named by line instead of swallowing later rows."""
    data = csv_bytes("Full name,Address", "Ada,1 High St", 'Bob,"2 Low Road', "Cy,3 Mid Way")
    parsed = parse_members_csv(data)
    assert [(p.line, p.column) for p in parsed.problems] == [(3, "")]
    assert "quote" in parsed.problems[0].message


def test_name_over_two_lines_is_a_problem() -> None:
    """A full name with a line break in it is refused (usually a stray quote mark)."""
    parsed = parse_members_csv(csv_bytes("Full name,Phone", '"Ada\nLovelace",07700 900123'))
    assert [(p.line, p.column) for p in parsed.problems] == [(2, "Full name")]


# ---------------------------------------------------------------------------------------------
# Values


def test_day_first_dates_and_two_digit_years() -> None:
    """03/04/2025 is 3 April 2025; 03/04/25 is 2025 and 03/04/85 is 1985."""
    parsed = parse_ok(
        csv_bytes("Full name,Joined", "A,03/04/2025", "B,03/04/25", "C,3/4/85", "D,2025-04-03")
    )
    assert [r.joined_on for r in parsed.rows] == [
        date(2025, 4, 3),
        date(2025, 4, 3),
        date(1985, 4, 3),
        date(2025, 4, 3),
    ]


def test_impossible_date_named_with_line_and_column() -> None:
    """31/02/2025 is reported on its line, under the heading as written in the file."""
    parsed = parse_members_csv(
        csv_bytes("Full name,Date joined", "Ada,01/01/2025", "Bob,31/02/2025")
    )
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert (problem.line, problem.column) == (3, "Date joined")
    assert problem.message == "There is no 31 February 2025. Check the day and month."


def test_unreadable_date_says_how_to_write_it() -> None:
    """A date that cannot be read tells the person to write day/month/year."""
    parsed = parse_members_csv(csv_bytes("Full name,Joined", "Ada,last spring"))
    assert "day/month/year, for example 03/04/2025" in parsed.problems[0].message


def test_several_bad_rows_are_all_reported() -> None:
    """Every bad cell in every bad row is reported, not just the first; good rows are kept."""
    data = csv_bytes(
        "Full name,Phone,Email,Kinds,Joined,Status",
        "Ada,07700 900123,ada@example.org,Carer,03/04/2025,Active",
        ",07700 900124,,,,",
        "Bob,12,bob@nowhere,Helper,31/02/2025,Gone",
        "Cy,call me,cy at home,,13/13/2025,",
    )
    parsed = parse_members_csv(data)
    assert [(p.line, p.column) for p in parsed.problems] == [
        (3, "Full name"),
        (4, "Phone"),
        (4, "Email"),
        (4, "Kinds"),
        (4, "Joined"),
        (4, "Status"),
        (5, "Phone"),
        (5, "Email"),
        (5, "Joined"),
    ]
    assert [r.full_name for r in parsed.rows] == ["Ada"]
    messages = {(p.line, p.column): p.message for p in parsed.problems}
    assert "Member living with dementia" in messages[(4, "Kinds")]
    assert "Active, Paused, Left or Died" in messages[(4, "Status")]
    assert "at least 6" in messages[(4, "Phone")]
    assert "name@example.org" in messages[(4, "Email")]


def test_ten_thousand_character_name_refused_with_the_limit() -> None:
    """A 10,000-character name is refused, saying how long it is and the limit."""
    parsed = parse_members_csv(csv_bytes("Full name", "x" * 10_000))
    assert len(parsed.problems) == 1
    message = parsed.problems[0].message
    assert "10,000 characters" in message
    assert "limit is 200" in message
    assert parsed.rows == ()


def test_name_of_exactly_200_characters_is_fine() -> None:
    """200 characters is within the name limit."""
    assert only_row(csv_bytes("Full name", "y" * 200)).full_name == "y" * 200


def test_long_address_refused_with_the_limit() -> None:
    """Other text is limited to 2,000 characters, and the message says so."""
    parsed = parse_members_csv(csv_bytes("Full name,Address", "Ada," + "a" * 2001))
    assert (parsed.problems[0].line, parsed.problems[0].column) == (2, "Address")
    assert "2,001 characters" in parsed.problems[0].message
    assert "limit is 2,000" in parsed.problems[0].message


def test_sql_looking_text_is_kept_literally() -> None:
    """Text that looks like SQL is just a name and is kept exactly."""
    row = only_row(
        csv_bytes("Full name,Address", "\"Robert'); DROP TABLE people;--\",1' OR '1'='1")
    )
    assert row.full_name == "Robert'); DROP TABLE people;--"
    assert row.address == "1' OR '1'='1"


@pytest.mark.parametrize("name", ["Zoë O'Brien", "李小龍", "Siân Llŷr", "Mary-Jane Smith 🌻"])
def test_unicode_names_are_fine(name: str) -> None:
    """Accented, Chinese and emoji names are read unchanged."""
    assert only_row(csv_bytes("Full name", name)).full_name == name


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("Member", ("member",)),
        ("pwd; Carers", ("member", "carer")),
        ("Family member;Volunteers;Trustees", ("family", "volunteer", "trustee")),
        ("Carer and Volunteer", ("carer", "volunteer")),
        ("carer; Carer", ("carer",)),
        ("Member living with dementia; Supporter", ("member", "supporter")),
    ],
)
def test_kinds_cell_reads_several_kinds(cell: str, codes: tuple[str, ...]) -> None:
    """The Kinds cell holds one or more kinds in any common wording, without repeats."""
    assert only_row(csv_bytes("Full name,Kinds", f'Ada,"{cell}"')).kinds == codes


def test_unknown_kinds_are_all_named() -> None:
    """Every kind we do not know is named, with the allowed words."""
    parsed = parse_members_csv(csv_bytes("Full name,Kinds", "Ada,Helper; Carer; Boss"))
    message = parsed.problems[0].message
    assert "'Helper' or 'Boss' are not kinds we know" in message
    assert "Coordinator" in message


@pytest.mark.parametrize(
    "phone", ["07700 900123", "+44 (0)7700 900123", "01632-960001", "+1 555 010 0199"]
)
def test_good_phones(phone: str) -> None:
    """Phone numbers with digits, spaces, + ( ) - are accepted as written."""
    assert only_row(csv_bytes("Full name,Phone", f"Ada,{phone}")).phone == phone


@pytest.mark.parametrize("phone", ["12345", "07700 900123 ext 4", "07700.900.123", "n/a"])
def test_bad_phones(phone: str) -> None:
    """Phones with other characters or fewer than 6 digits are problems."""
    parsed = parse_members_csv(csv_bytes("Full name,Emergency phone", f"Ada,{phone}"))
    assert [(p.line, p.column) for p in parsed.problems] == [(2, "Emergency phone")]


@pytest.mark.parametrize("email", ["a@b.co", "first.last+club@example.org.uk", "李@例子.中国"])
def test_good_emails(email: str) -> None:
    """Emails with one @, text both sides and a dot in the domain are accepted."""
    assert only_row(csv_bytes("Full name,Email", f"Ada,{email}")).email == email


@pytest.mark.parametrize(
    "email", ["ada", "ada@", "@example.org", "ada@example", "a@b@example.org", "ada @x.org"]
)
def test_bad_emails(email: str) -> None:
    """Emails without one @, text both sides and a dotted domain are problems."""
    parsed = parse_members_csv(csv_bytes("Full name,Email", f"Ada,{email}"))
    assert [(p.line, p.column) for p in parsed.problems] == [(2, "Email")]


def test_blank_status_means_active() -> None:
    """An empty Status cell means active; words are read as codes."""
    parsed = parse_ok(csv_bytes("Full name,Status", "A,", "B,Died", "C,paused"))
    assert [r.status for r in parsed.rows] == ["active", "died", "paused"]


# ---------------------------------------------------------------------------------------------
# Duplicates


def test_duplicate_inside_a_file_names_the_earlier_line() -> None:
    """The same name with the same phone (written differently) is a problem on the later line."""
    data = csv_bytes(
        "Full name,Phone,Email",
        "Ada Lovelace,+44 7700 900123,",
        "Bob,07700 900999,bob@example.org",
        "  ada   LOVELACE ,07700 900123,",
        "BOB,,Bob@Example.org",
        "Ada Lovelace,07700 900555,other@example.org",
    )
    parsed = parse_members_csv(data)
    assert [(p.line, p.column) for p in parsed.problems] == [(4, "Full name"), (5, "Full name")]
    assert "line 2" in parsed.problems[0].message
    assert "phone" in parsed.problems[0].message
    assert "line 3" in parsed.problems[1].message
    assert "email" in parsed.problems[1].message


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("Ada Lovelace", "+44 7700 900123", ""), ("ada  lovelace", "07700 900123", ""), True),
        (("Ada", "+44 (0)7700 900123", ""), ("Ada", "07700900123", ""), True),
        (("Ada", "0044 7700 900123", ""), ("Ada", "07700 900123", ""), True),
        (("Ada", "", "Ada@Example.org"), ("ADA", "", " ada@example.org "), True),
        (("Ada", "07700 900123", "a@x.org"), ("Ada", "07700 900124", "a@x.org"), True),
        (("Ada", "07700 900123", ""), ("Ada", "07700 900124", ""), False),
        (("Ada", "", ""), ("Ada", "", ""), False),
        (("Ada", "07700 900123", ""), ("Bob", "07700 900123", ""), False),
        (("", "07700 900123", ""), ("", "07700 900123", ""), False),
        (("Ada", "", "a@x.org"), ("Ada", "", "b@x.org"), False),
    ],
)
def test_duplicate_key_matches(
    a: tuple[str, str, str], b: tuple[str, str, str], same: bool
) -> None:
    """Same person means same name and same phone digits (44/0 alike) or same email."""
    assert duplicate_key_matches(*a, *b) is same
    assert duplicate_key_matches(*b, *a) is same


def test_phone_key_treats_44_as_leading_zero() -> None:
    """+44, 0044 and +44 (0) all reduce to the UK trunk form."""
    assert phone_key("+44 7700 900123") == "07700900123"
    assert phone_key("+44 (0) 7700 900123") == "07700900123"
    assert phone_key("0044 7700 900123") == "07700900123"
    assert phone_key("07700 900123") == "07700900123"


def test_many_rows_parse_quickly_enough() -> None:
    """Ten thousand rows parse without the duplicate check going quadratic."""
    lines = ["Full name,Phone"] + [f"Person {i},07700 {i:06d}" for i in range(10_000)]
    parsed = parse_ok(csv_bytes(*lines))
    assert len(parsed.rows) == 10_000
    assert parsed.rows[-1].line == 10_001


# ---------------------------------------------------------------------------------------------
# Export


def test_export_has_bom_canonical_header_and_crlf() -> None:
    """The export starts with a UTF-8 BOM and the canonical headings, lines end CRLF."""
    data = write_members_csv([MemberExportRow(full_name="Ada")])
    assert data.startswith(codecs.BOM_UTF8)
    text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
    assert text.split("\r\n")[0] == ",".join(COLUMNS)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_export_writes_words_and_day_first_dates() -> None:
    """Kinds and status are written as words, dates day first."""
    row = MemberExportRow(
        full_name="Ada Lovelace",
        kinds=("member", "trustee"),
        joined_on=date(2025, 4, 3),
        status="paused",
    )
    text = write_members_csv([row]).decode("utf-8-sig")
    assert text.split("\r\n")[1] == (
        "Ada Lovelace,,Member living with dementia; Trustee,,,,03/04/2025,,,Paused"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK(""http://evil"")'),
        ("+44 7700 900123", "'+44 7700 900123"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("'=already", "''=already"),
        ("O'Brien", "O'Brien"),
        ("a=b", "a=b"),
    ],
)
def test_formula_cells_are_neutralised(value: str, written: str) -> None:
    """Cells a spreadsheet would run as a formula get a leading apostrophe."""
    assert neutralise_cell(value) == written.replace('""', '"')
    assert unneutralise_cell(neutralise_cell(value)) == value
    text = write_members_csv([MemberExportRow(full_name="Ada", address=value)]).decode("utf-8-sig")
    assert written in text


def test_exported_phone_reads_back_without_the_apostrophe() -> None:
    """ "+44 7700 900123" is written with an apostrophe and read back exactly."""
    data = write_members_csv([MemberExportRow(full_name="Ada", phone="+44 7700 900123")])
    assert b"'+44 7700 900123" in data
    assert only_row(data).phone == "+44 7700 900123"


def test_import_keeps_an_apostrophe_that_is_not_an_escape() -> None:
    """An apostrophe before ordinary text (or a phone's leading zero) is kept."""
    row = only_row(csv_bytes("Full name,Known as", "'Tis Me,'07700"))
    assert row.full_name == "'Tis Me"
    assert row.known_as == "'07700"


@given(st.text())
def test_neutralise_then_unneutralise_is_exact(value: str) -> None:
    """Unneutralising a neutralised cell always gives back the original text."""
    safe = neutralise_cell(value)
    assert unneutralise_cell(safe) == value
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))


TRICKY = "\"',;=+-@\t 😀🌻é李"
_letters = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x00"
) | st.sampled_from(list(TRICKY))


def _one_line(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return (
        st.text(_letters, min_size=min_size, max_size=max_size)
        .map(str.strip)
        .filter(lambda s: len(s) >= min_size)
    )


_names = _one_line(1, 60)
_known_as = _one_line(0, 30)
_address = (
    st.lists(st.text(_letters, max_size=12) | st.sampled_from(["\n", "\r\n", "\r", ", "]))
    .map("".join)
    .map(str.strip)
)
_phones = st.from_regex(r"[+\-(]?[0-9][0-9 ()\-]{5,18}[0-9]", fullmatch=True).filter(
    lambda s: sum(c.isdigit() for c in s) >= 6
)
_emails = st.one_of(
    st.just(""),
    st.builds(
        "{}@{}.{}".format,
        st.from_regex(r"[=+\-@A-Za-z0-9._']{0,10}[A-Za-z0-9]", fullmatch=True).filter(
            lambda s: "@" not in s
        ),
        st.from_regex(r"[a-z0-9][a-z0-9\-]{0,10}", fullmatch=True),
        st.sampled_from(["org", "co.uk", "com"]),
    ),
)
_export_rows = st.builds(
    MemberExportRow,
    full_name=_names,
    known_as=_known_as,
    kinds=st.lists(st.sampled_from(list(KINDS)), unique=True).map(tuple),
    phone=st.one_of(st.just(""), _phones),
    email=_emails,
    address=_address,
    joined_on=st.one_of(st.none(), st.dates()),
    emergency_name=_known_as,
    emergency_phone=st.one_of(st.just(""), _phones),
    status=st.sampled_from(list(STATUSES)),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_export_rows, max_size=8, unique_by=lambda r: " ".join(r.full_name.casefold().split()))
)
def test_export_then_import_round_trips_exactly(rows: list[MemberExportRow]) -> None:
    """Whatever the app exports, importing that file gives back exactly the same people."""
    data = write_members_csv(rows)
    parsed = parse_members_csv(data)
    assert parsed.problems == ()
    assert parsed.columns_used == COLUMNS
    assert [r.to_export() for r in parsed.rows] == rows


def test_round_trip_example_with_everything_awkward() -> None:
    """A hand-picked awkward person survives export and import unchanged."""
    row = MemberExportRow(
        full_name='=cmd|" /C calc"!A0, "Zoë"; O\'Brien 🌻',
        known_as="@zoe",
        kinds=tuple(KINDS),
        phone="+44 (0)7700 900123",
        email="-zoe@example.org",
        address='Flat 1, "The Mill"\r\n2 Lane; Town\nAB1 2CD',
        joined_on=date(1999, 12, 31),
        emergency_name="-Sam-",
        emergency_phone="-01632 960001",
        status="died",
    )
    assert parse_ok(write_members_csv([row])).rows[0].to_export() == row


def test_printable_ascii_name_round_trips() -> None:
    """Every printable ASCII character in a name survives the round trip."""
    name = string.printable.strip().replace("\n", "").replace("\r", "").replace("\t", " ")
    name = name.replace("\x0b", "").replace("\x0c", "")
    row = MemberExportRow(full_name=name[:200])
    assert parse_ok(write_members_csv([row])).rows[0].full_name == name[:200]
