"""The window's application-wide event filters.

- `ActivityWatch` restarts the idle-lock timer on every key press, click or scroll.
- `WheelGuard`: the mouse wheel never changes a value in a combo box, a spin/date/time box or a
  slider that does not have the keyboard focus — scrolling the vitals grid once turned a saved
  set's oxygen from Air to Blow-by, and one notch in Eligibility › History set "Heart disease" to
  Yes (issue 14). The wheel scrolls the page under it instead. Such widgets also stop taking the
  focus from the wheel (Qt's default `WheelFocus`), or the first notch would focus and change them.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QSlider, QWidget

GUARDED = (QComboBox, QAbstractSpinBox, QSlider)


class ActivityWatch(QObject):
    """Restarts the lock timer on every key press, click or scroll anywhere in the application."""

    def __init__(self, timer: QTimer):
        super().__init__()
        self.timer = timer
        self.events = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                       QEvent.Type.InputMethod}

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in self.events and self.timer.isActive():
            self.timer.start()
        return False


class WheelGuard(QObject):
    """One filter for the whole application (installed by the main window)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if isinstance(obj, GUARDED) and not obj.hasFocus():
                area = _scroll_area_around(obj)
                if area is not None:
                    # the page under the pointer scrolls, as if the value box were not there
                    QApplication.sendEvent(area.viewport(), event)
                event.accept()
                return True
        elif kind == QEvent.Type.Polish and isinstance(obj, GUARDED) \
                and obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QComboBox):
            return parent
        parent = parent.parentWidget()
    return None
