"""The window's one application-wide event filter.

- The idle lock: every key press, click, scroll or typed character restarts the lock timer.
- The wheel guard: the mouse wheel never changes a value in a combo box, a spin/date/time box or
  a slider that does not have the keyboard focus — scrolling the vitals grid once turned a saved
  set's oxygen from Air to Blow-by, and one notch in Eligibility › History set "Heart disease" to
  Yes (issue 14). The wheel scrolls the page under it instead. Such widgets also stop taking the
  focus from the wheel (Qt's default `WheelFocus`), or the first notch would focus and change them.

Every event of the application passes through here, so the common case (a paint, a timer, a
layout request) returns after one `isinstance` check: no enum is made for it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QSlider, QWidget

GUARDED = (QComboBox, QAbstractSpinBox, QSlider)
_INPUT = (QKeyEvent, QMouseEvent, QWheelEvent, QInputMethodEvent)


class WindowEvents(QObject):
    """Installed once on the application by the main window (`watch` the lock timer once signed in)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.lock_timer: QTimer | None = None
        self._activity = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                          QEvent.Type.InputMethod}
        self._polish = QEvent.Type.Polish

    def watch(self, lock_timer: QTimer) -> None:
        self.lock_timer = lock_timer

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(event, _INPUT):
            if self.lock_timer is not None and self.lock_timer.isActive() and event.type() in self._activity:
                self.lock_timer.start()
            if isinstance(event, QWheelEvent) and isinstance(obj, GUARDED) and not obj.hasFocus():
                area = _scroll_area_around(obj)
                if area is not None:
                    # the page under the pointer scrolls, as if the value box were not there
                    QApplication.sendEvent(area.viewport(), event)
                event.accept()
                return True
        elif isinstance(obj, GUARDED) and event.type() == self._polish \
                and obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
