"""The members list model and its filter: correct for Qt, and filtering like the service."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clubapp.services import members
from clubapp.services.members import PersonRow
from clubapp.ui.tablemodels.people import PERSON_ID_ROLE, PeopleFilterProxy, PeopleTableModel

ROWS = [
    PersonRow(1, "Ann Smith", "Annie", ("member",), "active"),
    PersonRow(2, "Bob Jones", "", ("carer", "family"), "active"),
    PersonRow(3, "Zoë O'Brien", "Zoë", ("volunteer",), "paused"),
    PersonRow(4, "Joanne Annan", "", ("carer",), "left"),
]


def _names(proxy: PeopleFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester):
    """The table model keeps Qt's model rules, with and without the status column."""
    qtmodeltester.check(PeopleTableModel(ROWS, show_status=True))
    qtmodeltester.check(PeopleTableModel(ROWS, show_status=False))
    qtmodeltester.check(PeopleTableModel([], show_status=True))


def test_proxy_passes_qt_model_tester(qtmodeltester):
    """The filter proxy keeps Qt's model rules while filtering."""
    model = PeopleTableModel(ROWS, show_status=True)
    proxy = PeopleFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("an")
    qtmodeltester.check(proxy)


def test_columns_show_names_kinds_and_status_in_words():
    """Name is the known-as name (else the full name); kinds and status are words."""
    model = PeopleTableModel(ROWS, show_status=True)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Name",
        "Full name",
        "Kinds",
        "Status",
    ]
    assert model.index(0, 0).data() == "Annie"
    assert model.index(1, 0).data() == "Bob Jones"
    assert model.index(1, 2).data() == "Carer, Family"
    assert model.index(2, 3).data() == "Paused"
    assert model.index(2, 1).data(PERSON_ID_ROLE) == 3


def test_status_column_only_for_roles_that_see_status():
    """Without status.see the model has three columns."""
    assert PeopleTableModel(ROWS, show_status=False).columnCount() == 3


def test_search_filters_like_the_service():
    """Any part of the full name or known-as, ignoring case, as members.matches_search does."""
    model = PeopleTableModel(ROWS, show_status=True)
    proxy = PeopleFilterProxy()
    proxy.setSourceModel(model)
    for text in ("an", "ANN", "zoë", "o'b", "  jones ", "nobody", ""):
        proxy.set_search(text)
        expected = [r.display_name for r in ROWS if members.matches_search(r, text)]
        assert _names(proxy) == expected, text


def test_kind_and_status_filters_combine_with_search():
    """Kind, status and search all narrow the list; None lets everyone through."""
    model = PeopleTableModel(ROWS, show_status=True)
    proxy = PeopleFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_kind("carer")
    assert _names(proxy) == ["Bob Jones", "Joanne Annan"]
    proxy.set_status("left")
    assert _names(proxy) == ["Joanne Annan"]
    proxy.set_search("bob")
    assert _names(proxy) == []
    proxy.set_search("")
    proxy.set_kind(None)
    proxy.set_status(None)
    assert len(_names(proxy)) == 4
    assert not proxy.is_filtering()


def test_new_rows_are_filtered_too():
    """Setting new rows keeps the current search."""
    model = PeopleTableModel(ROWS, show_status=True)
    proxy = PeopleFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("ann")
    model.set_rows([*ROWS, PersonRow(5, "Hannah Lee", "", ("resident",), "active")])
    assert _names(proxy) == ["Annie", "Joanne Annan", "Hannah Lee"]
