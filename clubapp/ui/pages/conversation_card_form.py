"""Add a picture card to a conversation topic, or change one: its word, its picture (from
the library, or a photo from a file) and where the picture came from.

The picture list is the one the activity and vote forms use (``PictureCombo``); a photo
is read with ``photo_from_file`` (turned the right way up, made a small JPEG). The line
saying where the picture came from fills itself in for a library picture ("Drawn for
clubapp (MIT licence)") until the person types in it; a photo needs it said (the
service asks for it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import conversation_topics
from clubapp.services.conversation_topics import LIBRARY_LICENCE, CardInput
from clubapp.services.errors import NotFound
from clubapp.ui.context import NOTES, AppContext
from clubapp.ui.pages.ballot_form import PictureCombo
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.pictures import photo_from_file, photo_pixmap, picture_pixmap

#: The least a card's picture is drawn on the coordinator's screens; it grows with the text.
CARD_PICTURE_PX = 96
#: The picture list's first choice for a new card: none yet.
CHOOSE_PICTURE = "Choose a picture"
#: The picture list's choice that keeps the card's own photo.
ITS_PHOTO = "Its own photo"
NOT_A_PHOTO = "This file is not a photo clubapp can read. Choose a JPEG or PNG photo."
PHOTO_FILES = "Photos (*.jpg *.jpeg *.png *.webp *.bmp)"


def card_picture_px(widget: QWidget) -> int:
    """96 px at 100 % text, growing with the text so the picture stays beside its word."""
    return max(CARD_PICTURE_PX, round(QFontMetrics(widget.font()).height() * 4))


class CardPicture(QLabel):
    """A card's picture from the library, or its photo, in a square at least 96 px wide
    (an empty square when there is neither). Its accessible name says what it shows."""

    def __init__(
        self,
        word: str = "",
        picture: str | None = None,
        photo: bytes | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._px = 0
        self.show_card(word, picture, photo)

    def show_card(self, word: str, picture: str | None, photo: bytes | None) -> None:
        self._word, self._picture, self._photo = word, picture, photo
        self._px = 0
        self._fit()

    def picture_name(self) -> str | None:
        return self._picture

    def shows_photo(self) -> bool:
        return self._picture is None and self._photo is not None

    def picture_px(self) -> int:
        return self._px

    def _fit(self) -> None:
        px = card_picture_px(self)
        if px == self._px:
            return
        self._px = px
        self.setFixedSize(QSize(px, px))
        self.clear()
        ratio = self.devicePixelRatioF()
        if self._picture:
            with contextlib.suppress(KeyError, ValueError):  # a picture no longer shipped
                self.setPixmap(picture_pixmap(self._picture, px, ratio))
        elif self._photo:
            with contextlib.suppress(ValueError):  # not a photo Qt can read: an empty square
                self.setPixmap(photo_pixmap(self._photo, px, ratio))
        kind = "Photo" if self.shows_photo() else "Picture"
        self.setAccessibleName(f"{kind}: {self._word}" if self._word else kind)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()


class PictureChooser(QWidget):
    """A picture from the library, or a photo from a file, with the chosen one shown.

    ``photo`` is a new photo from a file (sent when saving); ``kept_photo`` is the card's
    own photo, kept unless another picture or photo is chosen. ``changed`` is called
    when the source changes (a library picture, a photo, or back to the list)."""

    def __init__(
        self,
        kept_photo: bytes | None,
        changed: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kept_photo = kept_photo
        self.photo: bytes | None = None
        self._changed = changed
        self.combo = PictureCombo(self)
        if kept_photo is None:
            self.combo.insertItem(0, CHOOSE_PICTURE, None)
        else:
            icon = QIcon()
            with contextlib.suppress(ValueError):
                icon = QIcon(photo_pixmap(kept_photo, 40))
            self.combo.insertItem(0, icon, ITS_PHOTO, None)
        self.combo.setCurrentIndex(0)
        self.combo.setAccessibleName("Its picture: choose one from the list")
        self.preview = CardPicture(parent=self)
        self.photo_button = BigButton("Use a photo from a file", self, variant="secondary")
        self.list_button = BigButton("Use a picture from the list", self, variant="secondary")
        self.photo_note = QLabel(self)
        self.photo_note.setWordWrap(True)
        self.photo_note.setTextFormat(Qt.TextFormat.PlainText)
        self.photo_note.hide()

        column = QVBoxLayout()
        column.setSpacing(8)
        column.addWidget(self.combo)
        column.addWidget(self.photo_note)
        column.addWidget(flow_row(self.photo_button, self.list_button))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)

        self.combo.currentIndexChanged.connect(self._show)
        self.combo.activated.connect(lambda _index: self._changed())
        # The form connects photo_button (after its field row, which clears the field's
        # message on a click), so a problem with the file chosen stays in view.
        self.list_button.clicked.connect(self.use_list)
        self._show()

    def picture(self) -> str | None:
        """The library picture chosen (None with a photo, or nothing chosen yet)."""
        return None if self.photo is not None else self.combo.value()

    def source(self) -> str:
        """ "photo" (a new photo), "kept" (the card's own photo), "picture" or "" (none)."""
        if self.photo is not None:
            return "photo"
        if self.combo.value() is not None:
            return "picture"
        return "kept" if self.kept_photo is not None else ""

    def set_photo_from_file(self, path: Path) -> str:
        """Use the photo in ``path``; the problem in words if it cannot be read, else ""."""
        data = photo_from_file(path)
        if data is None:
            return NOT_A_PHOTO
        self.photo = data
        self.photo_note.setText(f"The photo {path.name} is used for this card.")
        self._show()
        self._changed()
        return ""

    def use_list(self) -> None:
        self.photo = None
        self._show()
        self._changed()
        self.combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(self, *_args: object) -> None:
        source = self.source()
        self.combo.setEnabled(self.photo is None)
        self.photo_note.setVisible(self.photo is not None)
        self.list_button.setVisible(self.photo is not None)
        self.photo_button.setText(
            "Use another photo" if source in ("photo", "kept") else "Use a photo from a file"
        )
        photo = self.photo if source == "photo" else self.kept_photo
        shown = self.combo.value() if source == "picture" else None
        self.preview.setVisible(source != "")
        self.preview.show_card(
            self.combo.currentText() if source == "picture" else "the photo chosen",
            shown,
            photo if source in ("photo", "kept") else None,
        )


class CardFormPage(FormPage):
    """Add a card to a topic (``card_id=None``) or change one. ``saved`` is told what
    happened ("Tea and cake is added."). Public: ``word``, ``chooser`` (its ``combo``,
    ``photo_button``, ``list_button``, ``preview``), ``licence``, ``new_id``."""

    help_text = (
        "Type the word the member sees under the picture: one or a few plain words. "
        "Choose a picture from the list, or press Use a photo from a file to use a photo "
        "instead. Say where the picture came from: pictures from the list are drawn for "
        "clubapp and say so by themselves; for a photo, say who took it and that the club "
        "may use it."
    )
    domains = (NOTES,)

    def __init__(
        self,
        ctx: AppContext,
        topic_id: int,
        card_id: int | None = None,
        *,
        saved: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        topic = ctx.read(conversation_topics.get_topic, topic_id)
        existing = next((c for c in topic.cards if c.card_id == card_id), None)
        if card_id is not None and existing is None:
            raise NotFound("This picture card is not in the club's records any more.")
        super().__init__(
            ctx, parent, save_text="Save the changes" if existing else "Save this card"
        )
        self.title = "Change a card" if existing else f"Add a card to {topic.name}"
        self.topic_id = topic_id
        self.card_id = card_id
        self._saved = saved
        self.new_id: int | None = None
        self._licence_typed = False  # until the person types where the picture came from
        kept = None
        if existing is not None and existing.has_photo:
            kept = ctx.read(conversation_topics.card_photo, existing.card_id)
        self._kept_licence = existing.licence if existing is not None else ""

        self.word = QLineEdit()
        self.word.setMaxLength(conversation_topics.CARD_WORD_MAX + 20)  # room to be told
        self.form.add_field(
            "word",
            "The word on the card",
            self.word,
            "One or a few plain words, shown under the picture and read out.",
        )
        self.chooser = PictureChooser(kept, self._source_changed)
        self.form.add_field(
            "picture",
            "Its picture",
            self.chooser,
            "Choose a picture from the list, or use a photo from a file.",
        )
        self.chooser.photo_button.clicked.connect(self.choose_photo)
        self.licence = QLineEdit()
        self.licence.setMaxLength(220)
        self.form.add_field(
            "licence",
            "Where the picture came from",
            self.licence,
            "For a photo, say who took it and that the club may use it.",
        )
        self.licence.textEdited.connect(self._typed_licence)

        if existing is not None:
            self.word.setText(existing.word)
            if existing.picture is not None:
                self.chooser.combo.choose(existing.picture)
            self.licence.setText(existing.licence)
        self.mark_unchanged()

    # ------------------------------------------------------------ filling in

    def _typed_licence(self, *_args: object) -> None:
        self._licence_typed = True

    def _source_changed(self) -> None:
        source = self.chooser.source()
        if source == "picture" and not self.word.text().strip():
            # Choosing a picture fills in an empty word with the picture's own words.
            self.word.setText(self.chooser.combo.currentText())
        typed = self.licence.text().strip()
        # What the person typed stays, unless it cannot be right: the library's words for
        # a photo, or nothing for a library picture.
        if self._licence_typed and not (
            (source == "photo" and typed == LIBRARY_LICENCE) or (source == "picture" and not typed)
        ):
            return
        self._licence_typed = False
        self.licence.setText(
            {"picture": LIBRARY_LICENCE, "kept": self._kept_licence}.get(source, "")
        )

    def choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose a photo for the card", str(Path.home()), PHOTO_FILES
        )
        if path:
            self.use_photo_file(Path(path))

    def use_photo_file(self, path: Path) -> bool:
        """Use a photo file for the card (as the file dialog does); False, with the
        problem shown by the picture, when it is not a photo."""
        problem = self.chooser.set_photo_from_file(path)
        if problem:
            self.form.field("picture").show_error(problem)
        return not problem

    def values(self) -> tuple[str, str | None, bytes | None, str]:
        return (self.word.text(), self.chooser.picture(), self.chooser.photo, self.licence.text())

    # ------------------------------------------------------------ saving

    def show_errors(self, errors: dict[str, str]) -> None:
        # The photo has no box of its own: its problems show by the picture.
        if "photo" in errors:
            photo = errors.pop("photo")
            errors["picture"] = f"{errors['picture']} {photo}" if "picture" in errors else photo
        super().show_errors(errors)

    def submit(self) -> None:
        word, picture, photo, licence = self.values()
        data = CardInput(word, picture, photo, licence)
        if self.card_id is None:
            self.new_id = self.ctx.run(
                conversation_topics.add_card, self.topic_id, data, changed=NOTES
            )
        else:
            self.ctx.run(conversation_topics.update_card, self.card_id, data, changed=NOTES)

    def after_save(self) -> None:
        if self._saved is not None:
            word = " ".join(self.word.text().split())
            self._saved(f"{word} is saved." if self.card_id else f"{word} is added.")
