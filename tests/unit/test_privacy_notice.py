"""The privacy notice: a standard wording in plain words with the club's name and the
years details are kept filled in; changed by the coordinator only, read and printed by
every role; printed with every word of the notice at 16 pt or more."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from clubapp.printing.base import FOOTER_SPACE, HEADER_SPACE, MARGIN, PAGE_SIZE
from clubapp.services import club, privacy_notice
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.privacy_notice import DEFAULT_NOTICE, Block, blocks
from tests.conftest import TODAY
from tests.unit.test_printing_members import all_text, font_names


def test_the_standard_notice_names_the_club_and_the_years_and_covers_the_rights(db, coordinator):
    text = db.run(privacy_notice.notice_text, coordinator)
    assert "[club name]" not in text and "[years]" not in text
    assert text.startswith("Your information and Riverside Club\n")
    assert "for 3 years after you leave" in text
    for must in ("show you everything", "put right", "erase your details", "ICO", "coordinator"):
        assert must in text
    db.run(club.set_int_setting, coordinator, "retention_years", 1)
    db.run(club.rename_club, coordinator, "Hillside Memory Club")
    text = db.run(privacy_notice.notice_text, coordinator)
    assert "for 1 year after you leave" in text
    assert "Hillside Memory Club is a club" in text


def test_the_notice_is_read_as_title_headings_paragraphs_and_items():
    text = (
        "Our notice\n\nWho we are\nA club.\nLine two\n\nWe keep:\n- names\n• photos\nThat is all."
    )
    assert blocks(text) == [
        Block("title", "Our notice"),
        Block("heading", "Who we are"),
        Block("para", "A club.\nLine two"),
        Block("para", "We keep:"),
        Block("item", "names"),
        Block("item", "photos"),
        Block("para", "That is all."),
    ]
    standard = blocks(DEFAULT_NOTICE)
    assert standard[0] == Block("title", "Your information and [club name]")
    headings = [b.text for b in standard if b.kind == "heading"]
    assert headings[:2] == ["Who we are", "What we keep, and why"]
    assert "If you are not happy" in headings


def test_the_coordinator_changes_it_and_a_blank_one_is_refused(db, coordinator):
    assert db.run(privacy_notice.notice_template, coordinator) == DEFAULT_NOTICE
    db.run(privacy_notice.save_notice, coordinator, "About [club name]\n\nWe keep [years].")
    assert (
        db.run(privacy_notice.notice_text, coordinator)
        == "About Riverside Club\n\nWe keep 3 years.\n"
    )
    with pytest.raises(ValidationError) as caught:
        db.run(privacy_notice.save_notice, coordinator, "  \n ")
    assert "empty" in caught.value.first[1]
    with pytest.raises(ValidationError):
        db.run(privacy_notice.save_notice, coordinator, "x" * (privacy_notice.LIMIT + 1))
    with pytest.raises(ValidationError):
        db.run(privacy_notice.save_notice, coordinator, "Hidden \x07 bell")
    assert db.run(privacy_notice.notice_template, coordinator).startswith("About [club name]")


@pytest.mark.parametrize("role", ["treasurer", "committee", "volunteer"])
def test_every_role_reads_and_prints_it_but_only_the_coordinator_changes_it(db, actors, role):
    actor = actors[role]
    assert "Riverside Club" in db.run(privacy_notice.notice_text, actor)
    assert db.run(privacy_notice.notice_pdf, actor, TODAY).startswith(b"%PDF")
    with pytest.raises(NotAllowed):
        db.run(privacy_notice.save_notice, actor, "Ours")
    with pytest.raises(NotAllowed):
        db.run(privacy_notice.notice_template, actor)


def sizes_in_the_story(pdf: bytes) -> list[tuple[str, float]]:
    """(words, size in points) of every piece of text between the page's header and
    footer."""
    top = PAGE_SIZE[1] - MARGIN - HEADER_SPACE
    bottom = MARGIN + FOOTER_SPACE
    found: list[tuple[str, float]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text, cm, tm, font_dict, font_size):
            if not text.strip() or not font_dict:
                return
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if bottom - 1 <= y <= top + 1:
                found.append((text.strip(), font_size * cm[0] * tm[0]))

        page.extract_text(visitor_text=visit)
    return found


def test_the_printout_is_the_notice_in_large_print(db, coordinator):
    pdf = db.run(privacy_notice.notice_pdf, coordinator, TODAY)
    words = " ".join(all_text(pdf).split())
    assert "Your information and Riverside Club" in words
    assert "for 3 years after you leave" in words
    assert "0303 123 1113" in words
    sizes = sizes_in_the_story(pdf)
    assert len(sizes) > 30
    small = [(text, size) for text, size in sizes if size < 16 - 0.01]
    assert not small, small
    assert all(embedded for _name, embedded in font_names(pdf))


def test_the_command_line_prints_it(db_path, tmp_path, capsys):
    """`clubapp print privacy-notice -o FILE.pdf` writes the notice, large print and all."""
    from tests.unit.built_clubs import club_file, text_of
    from tests.unit.test_cli import run

    club_file(db_path)
    out = tmp_path / "notice.pdf"
    code, said, err = run(capsys, "--db", str(db_path), "print", "privacy-notice", "-o", str(out))
    assert code == 0, err
    assert str(out) in said
    words = text_of(out)
    assert "Your information and Riverside Club" in words
    assert "for 3 years after you leave" in words
    assert not [size for _text, size in sizes_in_the_story(out.read_bytes()) if size < 15.99]
