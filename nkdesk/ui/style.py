"""Look and legibility: a larger base font (read at arm's length), the site's font scale, the
bundled IPAex Gothic for Japanese text, and the application style sheet from resources/."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from nkdesk.paths import resources_dir

BASE_POINT_SIZE = 11.0
FONT_FACTOR = "font_factor"   # the widget property that says its font is the window's × this factor


def apply_style(app: QApplication, font_scale: float = 1.0) -> None:
    """The base font size and the style sheet (before the first paint; fonts come after it)."""
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * font_scale)
    app.setFont(font)
    sheet = resources_dir() / "style.qss"
    if sheet.exists():
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))


def load_fonts(app: QApplication) -> None:
    """Add the bundled IPAex Gothic as the fallback for Japanese (patients' names, comments). Done
    after the first paint: reading the 6 MB font file is the slowest part of styling."""
    font_file = resources_dir() / "fonts" / "ipaexg.ttf"
    if not font_file.exists():
        return
    font_id = QFontDatabase.addApplicationFont(str(font_file))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(app.font())
        font.setFamilies([font.family(), *families])
        app.setFont(font)


def set_font_scale(app: QApplication, font_scale: float) -> None:
    """The base font times `font_scale`, on every open screen at once (issue 16).

    `QApplication.setFont` alone reached only widgets made afterwards: with an application style
    sheet, every polished widget holds the font the sheet resolved when it was polished. Setting the
    same sheet again re-polishes them all with the new font, and their layouts follow.
    """
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * max(0.8, min(font_scale, 2.0)))
    app.setFont(font)
    app.setStyleSheet(app.styleSheet())
    # and every layout measures again: a re-polished widget's size hint changes without always
    # telling its layout (a button kept its old width until something else moved)
    for widget in app.allWidgets():
        if widget.property(FONT_FACTOR) is not None:
            _apply_relative(widget, font.pointSizeF())
        widget.updateGeometry()
        if widget.layout() is not None:
            widget.layout().invalidate()


def relative_font(widget: QWidget, factor: float) -> None:
    """Give `widget` the window's font size × `factor` (a title larger, an "exact values" line
    smaller), now and after every "Larger text" (`set_font_scale`). A point size in a style sheet
    ("font-size: 13pt") stayed 13 pt at 1.5× while the text around it grew to 16.5 pt: a widget
    whose size differs from the window's says so here, never in its style sheet."""
    widget.setProperty(FONT_FACTOR, factor)
    _apply_relative(widget, QApplication.font().pointSizeF())


def _apply_relative(widget: QWidget, base_points: float) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(base_points * float(widget.property(FONT_FACTOR)))
    widget.setFont(font)
