"""A picture conversation's printout for the member to keep, and the picture
conversations on the About me page: words and pictures present, large print, and About
me printing only the conversations shared with the member's name."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from clubapp.printing import conversations as printing
from clubapp.services import committee_printouts, conversation_printouts, conversation_topics
from clubapp.services import conversations as conv
from clubapp.services.conversations import ConversationInput, Placement
from clubapp.services.errors import NotFound
from clubapp.services.members import ConsentData
from tests.conftest import TODAY

MAY, OCTOBER = date(2026, 5, 12), date(2026, 10, 6)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _drawn(pdf: bytes) -> tuple[list[float], list[float]]:
    """The sizes in mm of the library pictures and of the photos the pages draw. Library
    pictures are drawn on a 100-unit grid, so each starts with a scaling of (its size in
    points) / 100; a photo is an image scaled to its width just before it is drawn."""
    pictures: list[float] = []
    photos: list[float] = []
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        scale = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Do" and scale is not None:
                pictures.pop()
                photos.append(round(scale * 100 / 72 * 25.4, 1))
            scale = None
            if operator == b"cm":
                a, b, c, d = (float(v) for v in operands[:4])
                if b == c == 0 and a != 1 and a > 0 and d > 0:
                    pictures.append(round(a * 100 / 72 * 25.4, 1))
                    scale = a / 100
    return pictures, photos


def picture_sizes(pdf: bytes) -> list[float]:
    return _drawn(pdf)[0]


def photo_sizes(pdf: bytes) -> list[float]:
    return _drawn(pdf)[1]


def yellow_faces(pdf: bytes) -> int:
    """How many times the pages fill with the faces' yellow (#FFD54F), as the screens'."""
    reader = PdfReader(io.BytesIO(pdf))
    count = 0
    for page in reader.pages:
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"rg" and [round(float(v) * 255) for v in operands] == [255, 213, 79]:
                count += 1
    return count


def font_sizes(pdf: bytes) -> set[float]:
    sizes: set[float] = set()

    def visit(text, cm, tm, font_dict, font_size):  # type: ignore[no-untyped-def]
        if text.strip():
            sizes.add(round(font_size * tm[0] * cm[0], 1))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def topic_named(db, actor, name: str) -> conversation_topics.TopicDetail:
    topic = next(t for t in db.run(conversation_topics.list_topics, actor) if t.name == name)
    return db.run(conversation_topics.get_topic, actor, topic.topic_id)


def hold(db, actor, person: int, topic, places, **kwargs) -> int:
    """Save a conversation where the n-th card went to places[n]; return its number."""
    said = kwargs.pop("said", {})
    placements = tuple(
        Placement(card.card_id, place, said.get(i, ""))
        for i, (card, place) in enumerate(zip(topic.cards_in_use, places, strict=False))
    )
    kwargs.setdefault("on_date", OCTOBER)
    if kwargs.get("visibility") == "committee_named":
        kwargs.setdefault("named_agreed_on", kwargs["on_date"])
    data = ConversationInput(person, topic.topic_id, placements=placements, **kwargs)
    return db.run(conv.save_conversation, actor, data, TODAY).conversation_id


@pytest.fixture
def food(db, coordinator):
    return topic_named(db, coordinator, "Food and drink")


def test_the_printout_names_the_member_the_topic_and_every_sorted_card(
    db, coordinator, person_factory, food
):
    rose = person_factory("Rose Lane", known_as="Rosie")
    jo = person_factory("Jo Hart", kinds=("volunteer",))
    cards = food.cards_in_use
    number = hold(
        db,
        coordinator,
        rose,
        food,
        ["like", "not_sure", "dislike", "skipped", "like"],
        helped_by_id=jo,
        own_words="A proper dinner with friends.",
        said={0: "With plenty of jam"},
    )
    pdf = db.run(conversation_printouts.conversation_pdf, coordinator, number, TODAY)
    words = text_of(pdf)
    assert f"What Rosie told us about {food.name}" in words
    assert "6 October 2026" in words and "Jo Hart" in words
    for heading in ("I like this", "Not sure", "I don't like this"):
        assert heading in words
    for card in (cards[0], cards[1], cards[2], cards[4]):
        assert card.word in words
    assert "“With plenty of jam”" in words
    assert "“A proper dinner with friends.”" in words
    assert f"Rosie chose to leave out: {cards[3].word}." in words
    # Never reached: the cards after the fifth are not printed at all.
    assert all(card.word not in words for card in cards[5:])
    # the four cards' pictures at 25 mm or more, and the three places' faces
    sizes = picture_sizes(pdf)
    assert len([size for size in sizes if size >= 25]) == 4
    assert len(sizes) == 4  # the faces are drawn as the screens draw them, not pictures
    assert yellow_faces(pdf) == 3
    reader = PdfReader(io.BytesIO(pdf))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert width < height and round(width / 72 * 25.4) == 210  # A4 upright
    assert min(font_sizes(pdf) - {14.0}) >= 16  # body at least 16 pt (14: page furniture)
    assert max(font_sizes(pdf)) >= 24  # the title bigger still


def test_a_photo_card_prints_its_photo(db, coordinator, person_factory, food):
    rose = person_factory("Rose Lane")
    card_id = db.run(
        conversation_topics.add_card,
        coordinator,
        food.topic_id,
        conversation_topics.CardInput(
            "Our own scones", photo=PNG, licence="Taken at the club by Jo"
        ),
    )
    topic = db.run(conversation_topics.get_topic, coordinator, food.topic_id)
    assert topic.cards_in_use[-1].card_id == card_id
    places = [None] * (len(topic.cards_in_use) - 1) + ["like"]
    placements = tuple(
        Placement(c.card_id, p) for c, p in zip(topic.cards_in_use, places, strict=True) if p
    )
    number = db.run(
        conv.save_conversation,
        coordinator,
        ConversationInput(rose, food.topic_id, OCTOBER, placements, finished=False),
        TODAY,
    ).conversation_id
    pdf = db.run(conversation_printouts.conversation_pdf, coordinator, number, TODAY)
    assert [size >= 25 for size in photo_sizes(pdf)] == [True]  # the photo, as an image
    assert picture_sizes(pdf) == [] and yellow_faces(pdf) == 3  # the faces, drawn
    words = text_of(pdf)
    assert "Our own scones" in words
    assert "stopped before the last picture" in words


def test_a_printout_the_reader_may_not_see_is_not_there(db, actors, person_factory, food):
    rose = person_factory("Rose Lane")
    private = hold(db, actors["coordinator"], rose, food, ["like"])
    named = hold(db, actors["coordinator"], rose, food, ["dislike"], visibility="committee_named")
    with pytest.raises(NotFound):
        db.run(conversation_printouts.conversation_pdf, actors["volunteer"], private, TODAY)
    with pytest.raises(NotFound):
        db.run(conversation_printouts.conversation_pdf, actors["coordinator"], 999, TODAY)
    words = text_of(
        db.run(conversation_printouts.conversation_pdf, actors["volunteer"], named, TODAY)
    )
    assert food.cards_in_use[0].word in words


def test_a_long_conversation_goes_on_over_pages_with_the_places_again(
    db, coordinator, person_factory, food
):
    rose = person_factory("Rose Lane")
    number = hold(
        db,
        coordinator,
        rose,
        food,
        ["like"] * len(food.cards_in_use),
        said={i: "I like this one very much indeed, every single time." for i in range(12)},
    )
    pdf = db.run(conversation_printouts.conversation_pdf, coordinator, number, TODAY)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 1
    assert all("I don't like this" in page.extract_text() for page in pages)
    assert all(card.word in text_of(pdf) for card in food.cards_in_use)


def test_about_me_prints_only_the_conversations_shared_with_the_name(
    db, coordinator, person_factory
):
    rose = person_factory(
        "Rose Lane", consents=(ConsentData("about_me", "self", date(2026, 1, 1)),)
    )
    food = topic_named(db, coordinator, "Food and drink")
    outings = topic_named(db, coordinator, "Outings")
    activities = topic_named(db, coordinator, "Activities at the club")
    # Food: named. Outings: without the name. Activities: named in May, private since.
    hold(db, coordinator, rose, food, ["like", "dislike"], visibility="committee_named")
    hold(db, coordinator, rose, outings, ["like"], visibility="committee_anonymous")
    hold(db, coordinator, rose, activities, ["like"], visibility="committee_named", on_date=MAY)
    hold(db, coordinator, rose, activities, ["dislike"])
    pdf = db.run(committee_printouts.about_me, coordinator, rose, TODAY)
    words = text_of(pdf)
    assert "What I told you with pictures" in words
    assert food.name in words
    assert food.cards_in_use[0].word in words and food.cards_in_use[1].word in words
    assert outings.name not in words and outings.cards_in_use[0].word not in words
    # The newer private conversation is the latest: the older named one is out of date.
    assert activities.cards_in_use[0].word not in words
    # The pictures, not the notes' words again.
    assert "In a picture conversation" not in words
    # the two food cards' pictures, compact but large enough to see (about 20 mm)
    assert len([size for size in picture_sizes(pdf) if size >= 18]) == 2
    # The profile comes first, whole; the pictures follow it, on the same page if there
    # is room.
    first = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert first.index("Rose") < words.index("What I told you with pictures")


def test_about_me_without_conversations_is_still_one_page(db, coordinator, person_factory, food):
    rose = person_factory(
        "Rose Lane", consents=(ConsentData("about_me", "self", date(2026, 1, 1)),)
    )
    hold(db, coordinator, rose, food, ["like"])  # only the coordinator's
    pdf = db.run(committee_printouts.about_me, coordinator, rose, TODAY)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert "pictures" not in text_of(pdf)


def test_the_printing_function_alone_prints_an_empty_place_plainly():
    card = printing.PrintedCard("Soup", "soup", None, "")
    printed = printing.PrintedConversation(
        conversation_id=3,
        name="Ivy",
        topic="Food and drink",
        on_date=MAY,
        helped_by="",
        finished=True,
        own_words="",
        like=(card,),
        not_sure=(),
        dislike=(),
    )
    words = text_of(printing.conversation_pdf("Riverside Club", printed, TODAY))
    assert "Ivy sorted the pictures on 12 May 2026." in words
    assert words.count("Nothing here") == 2
