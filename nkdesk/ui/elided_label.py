"""A one-line label that gives way: when its space is short it shows the text elided ("…") and the
whole text in its tooltip, instead of painting over its neighbours (the status bar's user,
database and backup texts overlapped at 1366×768; issue 16).

It is a QLabel (`text()` is the whole text, so the window's checks read it as before); its
minimum width is a few characters, its size hint the whole text. Built before the first paint (the
status bar), it touches no Qt enum until a text must be elided: evaluating Qt's enums is what makes
a first paint slow (main_window.py).
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent=None, elide_middle: bool = False):
        super().__init__(text, parent)
        self.elide_middle = elide_middle

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("MMMMM…"), hint.height())

    def fits(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) <= self.contentsRect().width()

    def shown_text(self) -> str:
        """What is painted: the whole text, or the text elided to the label's width."""
        if self.fits():
            return self.text()
        from PySide6.QtCore import Qt

        mode = Qt.ElideMiddle if self.elide_middle else Qt.ElideRight
        return self.fontMetrics().elidedText(self.text(), mode, self.contentsRect().width())

    def paintEvent(self, event) -> None:
        if self.fits():
            super().paintEvent(event)
            return
        from PySide6.QtCore import Qt

        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(Qt.AlignLeft | Qt.AlignVCenter), self.shown_text())
        painter.end()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.FontChange:   # a larger font may no longer fit
            self._update_tooltip()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        self.setToolTip("" if self.fits() else self.text())
