"""What an i18n test reads off a screen: every visible interface text (labels, buttons, tabs, group
titles, menus, table headers and cells, list items, choices), and whether a text counts as words
that should be in Japanese.

Not counted (issue 18): texts made only of numbers, dates, study IDs, units, initials, user names
and proper names or abbreviations the ward uses as they are (NEWS2, CTCAE, SpO₂, AST…). What a
user typed is data, not interface: line edits' and text edits' contents are not read.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QWidget,
)

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]")
LETTERS = re.compile(r"[A-Za-z]")
# Names and abbreviations the ward writes as they are, in any language; study IDs; units; user names.
NOT_WORDS = re.compile(r"""
    \b(?:DEMO|NEW|HCC|NK)-\d+\b                      # study IDs
  | \b(?:dr|rn|ph)\.[a-z]+\b | \badmin\b             # user names
  | \b(?:NEWS2|CTCAE|CTC|NCI|JCOG|ACVPU|ECOG|PS|BSA|G-CSF|GCSF|NK|HCC|AFP|PIVKA-II|AST|ALT|ALP|WBC|SpO₂|SpO2|O₂|
       BP|HR|RR|EF|ID|PDF|ODM|REDCap|FHIR|CSV|XML|JSON|MHLW|SAE|AE|CRC|Mosteller|DuBois|Du\ Bois|NKDesk|
       jRCT\w*|ISO|UTC|JST|CDISC|R4|eGFR|INR|PT|APTT|CRP|LDH|ALB|Hb|PLT|Neut|Lym|Cre|T-Bil|Na|K|Ca)\b
  | (?<![A-Za-z])(?:µg|ug|mg|g|kg|cm|mm|m²|m2|mL|ml|L|dL|µL|uL|/µL|/uL|mmHg|bpm|°C|min|h|s|IU|U|mmol|µmol|
       umol|mEq|ng/mL|mAU/mL|U/L|IU/L|g/L|mg/dL|g/dL|µmol/L|mmol/L|mL/min|°F|lb|in|m|
       ×10⁴|×10⁹|x10\^?\d*|10\^\d+|per|l/min|L/min|%)(?![A-Za-z])   # units
  | \b[A-Z]{2,3}\b                                   # initials (HS, TY) and short codes
  | \b[A-Z]\d{3,}\b                                  # hospital IDs (H7301)
  | \b(?:Mosteller|DuBois|Du\ Bois|Boyd|Haycock|Fujimoto|Takahira|Shintani|Gehan\ &\ George|Schlich)\b  # BSA formulas
""", re.VERBOSE)


def _strip_markup(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).replace("&nbsp;", " ").replace("&&", "&")


def counts(text: str) -> bool:
    """Whether the text has words that should be Japanese (letters left once names, IDs and units
    are taken out)."""
    return is_japanese(text) or bool(LETTERS.search(NOT_WORDS.sub(" ", text).replace("&", "")))


def is_japanese(text: str) -> bool:
    return bool(JAPANESE.search(text))


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found = []
    root = QModelIndex()
    rows = model.rowCount(root)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for orientation, count in ((Qt.Orientation.Horizontal, columns), (Qt.Orientation.Vertical, rows)):
        header = getattr(view, "horizontalHeader" if orientation == Qt.Orientation.Horizontal
                         else "verticalHeader", None)
        if header is None or not header().isVisible():
            continue
        for section in range(count):
            value = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if value is not None:
                found.append(str(value))
    for row in range(rows):
        if getattr(view, "isRowHidden", None) is not None and _row_hidden(view, row):
            continue
        for column in range(columns):
            value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if value is not None:
                found.append(str(value))
    return found


def _row_hidden(view: QAbstractItemView, row: int) -> bool:
    try:
        return bool(view.isRowHidden(row))
    except TypeError:   # QTreeView.isRowHidden(row, parent)
        return False


def visible_texts(window: QMainWindow) -> set[str]:
    """Every distinct interface text shown in the window now (menus included), one item per text
    or table cell, markup taken out."""
    return set(visible_texts_where(window))


def where(widget: QWidget) -> str:
    chain, parent = [], widget
    while parent is not None and len(chain) < 4:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return "/".join(reversed(chain))


def visible_texts_where(window: QMainWindow) -> dict[str, str]:
    """The same texts, each with where it was first seen (a widget's last names): for a failure's list."""
    texts: list[tuple[str, str]] = []
    for menu_action in window.menuBar().actions():
        texts.append((menu_action.text(), "menu bar"))
        menu = menu_action.menu()
        if isinstance(menu, QMenu):
            texts.extend((a.text(), "menu") for a in menu.actions() if a.isVisible() and not a.isSeparator())
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        found: list[str] = []
        if isinstance(widget, QLabel) and widget.pixmap().isNull() or isinstance(widget, QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QTabBar):
            found.extend(widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i))
        elif isinstance(widget, QComboBox):
            found.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView):
            found.extend(_model_texts(widget))
        texts.extend((text, where(widget)) for text in found)
    shown: dict[str, str] = {}
    for text, origin in texts:
        text = _strip_markup(text).strip()
        if text:
            shown.setdefault(text, origin)
    return shown
