"""What a layout test checks on a screen: every shown label and button big enough for its text
(its size hint, or for a wrapped label its height for its width), and siblings that do not overlap.

A label that elides on purpose (ElidedLabel) is allowed to be narrower than its text, as long as the
whole text is in its tooltip.
"""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from nkdesk.ui.elided_label import ElidedLabel

SLACK = 1   # px: rounding of fractional font metrics


def _name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    chain, parent = [], widget
    while parent is not None and len(chain) < 4:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return f"{'/'.join(reversed(chain))} {text[:40]!r}"


def too_small(root: QWidget) -> list[str]:
    """Every shown label or button under `root` whose text does not fit its size, described."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, ElidedLabel):
            if not widget.fits() and widget.toolTip() != widget.text():
                found.append(f"{_name(widget)}: elided without its whole text in the tooltip")
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + SLACK:
                    found.append(f"{_name(widget)}: needs {needed} px of height, has {widget.height()}")
            else:
                hint = widget.sizeHint()
                if hint.width() > widget.width() + SLACK or hint.height() > widget.height() + SLACK:
                    found.append(f"{_name(widget)}: needs {hint.width()}×{hint.height()}, "
                                 f"has {widget.width()}×{widget.height()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.sizeHint()
            if hint.width() > widget.width() + SLACK:
                found.append(f"{_name(widget)}: needs {hint.width()} px, has {widget.width()}")
    return found


def overlapping(parent: QWidget) -> list[str]:
    """Pairs of shown direct children of `parent` whose rectangles intersect."""
    shown = [w for w in parent.findChildren(QWidget) if w.parentWidget() is parent and w.isVisibleTo(parent)
             and w.width() > 0 and not w.isWindow()]
    found = []
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            if a.geometry().intersects(b.geometry()):
                found.append(f"{_name(a)} overlaps {_name(b)}")
    return found


def smaller_than(root: QWidget, points: float) -> list[str]:
    """Every shown widget under `root` with text whose font is smaller than `points`, described —
    except those the window scales relative to its font on purpose (`style.relative_font`: the
    factor is in the `font_factor` property, and then the font must be `points` × that factor)."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        size = widget.font().pointSizeF()
        factor = widget.property("font_factor")
        wanted = points * float(factor) if factor is not None else points
        if size < wanted - 0.01:
            found.append(f"{_name(widget)}: {size:g} pt, below {wanted:g} pt")
    return found
