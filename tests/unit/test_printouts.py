"""How the printouts' services word what people typed."""

from clubapp.services.printouts import _sentences


def test_notes_are_joined_as_sentences_without_doubled_stops():
    """Needs typed with and without full stops read as plain sentences."""
    assert _sentences("Walks with a stick.", "", "Vegetarian: no meat") == (
        "Walks with a stick. Vegetarian: no meat."
    )
    assert _sentences("", "  ") == ""
