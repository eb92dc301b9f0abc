"""Activity pictures and photos on screen, for large-button voting screens and tiles.

:func:`picture_pixmap` draws a shipped picture (``resources/pictures/<name>.svg``) at
any size, crisp on high-density screens; :func:`photo_pixmap` fits a photo into a
square. :class:`PictureLabel` shows a picture with its words as the accessible name.

A picture is a reminder, never the only way to say something: always show its words
(:func:`clubapp.pictures.picture_words`) next to it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from clubapp.pictures import picture_path, picture_words

__all__ = ["PictureLabel", "clear_picture_cache", "photo_pixmap", "picture_pixmap"]

_renderers: dict[str, QSvgRenderer] = {}
_pixmaps: dict[tuple[str, int, float], QPixmap] = {}
_MAX_CACHED_PIXMAPS = 256  # 23 pictures at a handful of sizes fit many times over


def _screen_ratio() -> float:
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return float(app.devicePixelRatio())
    return 1.0


def _renderer(name: str) -> QSvgRenderer:
    renderer = _renderers.get(name)
    if renderer is None:
        path = picture_path(name)  # KeyError for an unknown name
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            raise ValueError(f"The picture file {path.name} could not be read.")
        _renderers[name] = renderer
    return renderer


def _transparent_image(side: int) -> QImage:
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    return image


def picture_pixmap(name: str, px: int, device_pixel_ratio: float | None = None) -> QPixmap:
    """The picture ``name`` drawn ``px`` logical pixels square.

    It is drawn at ``px × device_pixel_ratio`` real pixels (the screen's ratio when not
    given) so it stays sharp on high-density screens. Pixmaps are cached by name, size
    and ratio. KeyError for an unknown name; ValueError for a size below 1."""
    if px < 1:
        raise ValueError(f"A picture must be at least 1 pixel across, not {px}.")
    ratio = float(device_pixel_ratio or _screen_ratio())
    key = (name, int(px), ratio)
    cached = _pixmaps.get(key)
    if cached is not None:
        return QPixmap(cached)
    renderer = _renderer(name)
    side = max(1, round(px * ratio))
    image = _transparent_image(side)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    if len(_pixmaps) >= _MAX_CACHED_PIXMAPS:
        _pixmaps.clear()
    _pixmaps[key] = pixmap
    return QPixmap(pixmap)


def clear_picture_cache() -> None:
    """Forget every drawn picture (they are drawn again when next asked for)."""
    _pixmaps.clear()
    _renderers.clear()


def photo_pixmap(data: bytes, px: int, device_pixel_ratio: float | None = None) -> QPixmap:
    """A photo (PNG or JPEG bytes) fitted into a transparent square ``px`` logical
    pixels across: scaled smoothly, keeping its shape, and centred.

    ValueError if the bytes are not a picture Qt can read."""
    if px < 1:
        raise ValueError(f"A photo must be at least 1 pixel across, not {px}.")
    photo = QImage.fromData(data)
    if photo.isNull():
        raise ValueError("This photo could not be read; please use a PNG or JPEG picture.")
    ratio = float(device_pixel_ratio or _screen_ratio())
    side = max(1, round(px * ratio))
    scaled = photo.scaled(
        side,
        side,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    image = _transparent_image(side)
    painter = QPainter(image)
    painter.drawImage((side - scaled.width()) // 2, (side - scaled.height()) // 2, scaled)
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class PictureLabel(QLabel):
    """A picture ``px`` logical pixels square, named for screen readers by its words.

    Put its words next to it as well: the picture is a reminder, not a replacement."""

    def __init__(self, name: str, px: int = 96, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._px = int(px)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.set_picture(name, px)

    def picture_name(self) -> str:
        return self._name

    def picture_px(self) -> int:
        return self._px

    def set_picture(self, name: str, px: int | None = None) -> None:
        """Show another picture (and optionally another size)."""
        words = picture_words(name)  # KeyError for an unknown name, before any change
        self._name = name
        if px is not None:
            self._px = int(px)
        self.setFixedSize(QSize(self._px, self._px))
        self.setAccessibleName(words)
        self._draw()

    def _draw(self) -> None:
        self.setPixmap(picture_pixmap(self._name, self._px, self.devicePixelRatioF()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        # Moved to a screen with another pixel density: draw again, to stay sharp.
        dpr_change = getattr(QEvent.Type, "DevicePixelRatioChange", None)
        if dpr_change is not None and event.type() == dpr_change:
            self._draw()


# ---------------------------------------------------------------- photos people choose

PHOTO_MAX_PX = 512  # big enough for a tile at 200 % text, small enough to keep many


def photo_to_jpeg(image: QImage, max_px: int = PHOTO_MAX_PX) -> bytes:
    """The image scaled to fit ``max_px`` square, on white (no transparency), as JPEG bytes."""
    if max(image.width(), image.height()) > max_px:
        image = image.scaled(
            max_px,
            max_px,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    canvas = QImage(image.size(), QImage.Format.Format_RGB32)
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    painter.drawImage(0, 0, image)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as str at run time (bytes raise ValueError); its stubs say bytes.
    canvas.save(buffer, "JPEG", 85)  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def photo_from_file(path: Path) -> bytes | None:
    """A photo file as JPEG bytes at most PHOTO_MAX_PX square, the right way up; None
    if it is not a picture Qt can read."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # phone photos stand the right way up
    image = reader.read()
    return None if image.isNull() else photo_to_jpeg(image)
