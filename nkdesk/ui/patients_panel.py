"""The patient list at trial scale: every patient (no cap), found as you type on any part of the study
ID, initials or hospital ID, sortable by any column, filtered by state and by what is due (today,
overdue), with the count shown ("12 of 125"); keyboard-first.

The model is handed every patient once per change (`set_rows`, from `services.patients.roster`)
and filters and sorts in memory: a keystroke never queries the database, so the list keeps up with
typing at 10,000 patients (benchmarks/patient_list_bench.py). What is due is the service's count;
this module only shows it.

Keys: typing filters at once; Down moves into the list; Enter opens the selected patient (or the
only match); Escape clears the search; Ctrl+F comes back to the search box.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from nkdesk.domain import PATIENT_STATES
from nkdesk.ui.due_now import DueNowModel
from nkdesk.ui.words import day_and_month, event_kind, patient_state

STATE_COLOURS = {"mid_infusion": "#fce4ec", "eligible_awaiting_dose": "#e8f5e9", "discontinued": "#eeeeee",
                 "suspended": "#fff3cd", "screen_failed": "#f5f5f5"}
OVERDUE_COLOUR = "#b71c1c"
ROOT_INDEX = QModelIndex()  # the invalid index: a table model's rows and columns hang from it
DUE_FILTERS = ("", "due_today", "overdue")
# Roles as plain ints, read once: `data()` runs for every visible cell and every role at each paint,
# and looking up `Qt.DisplayRole` there costs ~50 µs in PySide6 (measured: 600 ms per keystroke at
# 10,000 patients; benchmarks/patient_list_bench.py).
DISPLAY, TOOLTIP, FONT, BACKGROUND, FOREGROUND, USER = (
    int(r.value) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
                           Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.UserRole))


def _search_key(row) -> str:
    """What the search box matches: the three IDs, lower case, kept apart so no match spans two."""
    return f"{row.study_id}\x00{row.initials}\x00{row.hospital_id or ''}".lower()


_SORT_KEYS = (
    lambda r: r.study_id.lower(),
    lambda r: r.initials.lower(),
    lambda r: PATIENT_STATES.get(r.state, r.state),
    lambda r: (r.next_event_on is None, r.next_event_on.toordinal() if r.next_event_on else 0),
    lambda r: (r.hospital_id or "").lower(),
)


class PatientTableModel(QAbstractTableModel):
    """All patients (`all_rows`), and the ones shown (`rows`) after the search and filters."""

    HEADERS = (QT_TRANSLATE_NOOP("PatientTableModel", "Study ID"), QT_TRANSLATE_NOOP("PatientTableModel", "Initials"),
               QT_TRANSLATE_NOOP("PatientTableModel", "State"), QT_TRANSLATE_NOOP("PatientTableModel", "Next due"),
               QT_TRANSLATE_NOOP("PatientTableModel", "Hospital ID"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.all_rows: list = []
        self._keys: list[str] = []
        self.rows: list = []
        self.text, self.state, self.due = "", "", ""
        self.sort_column, self.sort_order = 0, Qt.AscendingOrder
        self._bold = QFont()
        self._bold.setBold(True)
        self._overdue = QBrush(QColor(OVERDUE_COLOUR))
        self._brushes = {state: QBrush(QColor(colour)) for state, colour in STATE_COLOURS.items()}
        self._roles = {DISPLAY, TOOLTIP, FONT, BACKGROUND, FOREGROUND, USER}

    # -- what is shown
    def set_rows(self, rows) -> None:
        """Every patient (the roster); the search, filters and sort stay as they were."""
        self.all_rows = list(rows)
        self._sort_all()
        self._apply()

    def set_filter(self, text: str | None = None, state: str | None = None, due: str | None = None) -> None:
        self.text = self.text if text is None else text.strip().lower()
        self.state = self.state if state is None else state
        self.due = self.due if due is None else due
        self._apply()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self._sort_all()
        self._apply()

    def _sort_all(self) -> None:
        self.all_rows.sort(key=_SORT_KEYS[self.sort_column], reverse=self.sort_order == Qt.DescendingOrder)
        self._keys = [_search_key(r) for r in self.all_rows]

    def _apply(self) -> None:
        text, state, due = self.text, self.state, self.due
        shown = [row for row, key in zip(self.all_rows, self._keys, strict=True)
                 if (not text or text in key) and (not state or row.state == state)
                 and (not due or getattr(row, due) > 0)]
        self.beginResetModel()
        self.rows = shown
        self.endResetModel()

    def row_of(self, patient_id: int) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.id == patient_id), None)

    # -- Qt's interface
    def rowCount(self, parent=ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return QCoreApplication.translate("PatientTableModel", self.HEADERS[section])
        return None

    def data(self, index, role=DISPLAY):
        role = int(role)
        if role not in self._roles or not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == DISPLAY:
            return self._cell(row, index.column())
        if role == BACKGROUND:
            return self._brushes.get(row.state)
        if role == USER:
            return row.id
        if role == TOOLTIP and index.column() in (2, 3):   # whole, where the column cuts it short
            whole = self._cell(row, index.column())
            if index.column() == 3 and (row.overdue or row.due_today):
                whole += "\n" + self.tr("{0} overdue, {1} due today").format(row.overdue, row.due_today)
            return whole or None
        if index.column() != 3 or not (row.overdue or row.due_today):
            return None
        if row.overdue:
            return self._overdue if role == FOREGROUND else self._bold
        return None

    def _cell(self, row, column: int) -> str:
        if column == 0:
            return row.study_id
        if column == 1:
            return row.initials
        if column == 2:
            return patient_state(row.state)
        if column == 4:
            return row.hospital_id or ""
        if row.next_event_on is None:
            return ""
        text = f"{day_and_month(row.next_event_on)} {event_kind(row.next_event_kind)}"
        return self.tr("overdue: {0}").format(text) if row.overdue else text


class PatientsPanel(QWidget):
    patient_chosen = Signal(int)
    add_requested = Signal()
    search_changed = Signal(str)
    roster_wanted = Signal()    # Enter matched nobody: read the list again (another workstation may have added them)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("patient_search")
        self.search.setAccessibleName(self.tr("Search patients"))
        self.search.setPlaceholderText(self.tr("Study ID, initials or hospital ID"))
        self.search.setToolTip(self.tr("Any part of the study ID, initials or hospital ID, as you type. "
                                       "Down: into the list; Enter: open; Escape: clear"))
        self.search.setClearButtonEnabled(True)
        self.add = QPushButton(self.tr("&New patient…"), self)
        self.add.setObjectName("patient_add")
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("patient_state_filter")
        self.state_filter.setAccessibleName(self.tr("Show patients in this state"))
        self.state_filter.addItem(self.tr("Every state"), "")
        for code in PATIENT_STATES:
            self.state_filter.addItem(patient_state(code), code)
        self.due_filter = QComboBox(self)
        self.due_filter.setObjectName("patient_due_filter")
        self.due_filter.setAccessibleName(self.tr("Show patients with something due"))
        for code, words in zip(DUE_FILTERS, (self.tr("Anything due"), self.tr("Due today"), self.tr("Overdue")),
                               strict=True):
            self.due_filter.addItem(words, code)
        self.count = QLabel(self)
        self.count.setObjectName("patient_count")
        self.count.setAccessibleName(self.tr("Patients shown"))
        self.model = PatientTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("patient_list")
        self.table.setAccessibleName(self.tr("Patients"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        # widths from the contents when the roster arrives (once per save), not at every keystroke:
        # ResizeToContents re-measured ~1,000 rows per key (85 ms at 10,000 patients)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(500)
        self.table.horizontalHeader().setStretchLastSection(True)
        # every column inside the list's width (ward walk at 1366×768: "Next due" cut, a sideways
        # scroll bar): `_fit_columns` shares the width out, long states are cut with "…" and whole
        # in their tooltip
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.viewport().installEventFilter(self)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._measure_columns)
        self._natural: list[int] = []
        self.table.activated.connect(self._on_row_activated)
        self.table.clicked.connect(self._on_row_activated)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_return)
        self.state_filter.currentIndexChanged.connect(
            lambda _i: self._refilter(state=self.state_filter.currentData()))
        self.due_filter.currentIndexChanged.connect(lambda _i: self._refilter(due=self.due_filter.currentData()))
        self.add.clicked.connect(self.add_requested)
        # the round: what is due now across every patient, instead of the list while it is shown
        self.due_now_button = QPushButton(self)
        self.due_now_button.setObjectName("due_now_button")
        self.due_now_button.setCheckable(True)
        self.due_now_button.toggled.connect(self._on_due_now_toggled)
        self.due_model = DueNowModel(self)
        self.due_table = QTableView(self)
        self.due_table.setObjectName("due_now_list")
        self.due_table.setAccessibleName(self.tr("Due now"))
        self.due_table.setModel(self.due_model)
        self.due_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.due_table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.due_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.due_table.verticalHeader().hide()
        self.due_table.horizontalHeader().setStretchLastSection(True)
        self.due_table.activated.connect(self._on_due_activated)
        self.due_table.doubleClicked.connect(self._on_due_activated)
        self.lists = QStackedWidget(self)
        self.lists.addWidget(self.table)
        self.lists.addWidget(self.due_table)
        self.search.installEventFilter(self)
        find = QShortcut(QKeySequence.Find, self)
        find.setContext(Qt.WindowShortcut)
        find.activated.connect(self._focus_search)
        # three rows, so that no text is squeezed at 1.5× text in a 380 px list
        filters = QHBoxLayout()
        filters.addWidget(self.state_filter, 1)
        filters.addWidget(self.due_filter, 1)
        below = QHBoxLayout()
        below.addWidget(self.count, 1)
        below.addWidget(self.due_now_button)
        below.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addLayout(below)
        layout.addWidget(self.lists, 1)
        self._show_count()
        self.set_due(())

    def changeEvent(self, event) -> None:
        """Larger text: rows as tall as the new font, columns as wide as their contents."""
        super().changeEvent(event)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.FontChange:   # the table's own font changes after ours: measure then
            # the table as the call's context: a window already closed (its table deleted) drops it
            QTimer.singleShot(0, self.table, self._fit_rows_to_font)
        elif event.type() == QEvent.LanguageChange:   # other words, other widths
            QTimer.singleShot(0, self.table, self._measure_columns)

    def _fit_rows_to_font(self) -> None:
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        self._measure_columns()

    def set_rows(self, rows) -> None:
        chosen = self.current_id()
        self.model.set_rows(rows)
        self._measure_columns()
        self._after_filter(chosen)

    # -- column widths
    # The columns that give way when the list is narrower than its contents, first to last (cut
    # with "…", whole in the tooltip): what is next due (its date stays in view: "16 Feb G-…"), then
    # the hospital ID, then the state — last, since a cut state ("mid-…") told the ward nothing
    # (issue 16 walk). The study ID and initials are never cut. No column gets narrower than its
    # header's words.
    GIVE_WAY = (3, 4, 2)

    def header_width(self, column: int) -> int:
        """The least width that shows a column's header whole: its words and the style's margins,
        and the sort arrow on the sorted column only (Qt's own size hint keeps room for the arrow on
        every column: ~30 px each, which is what pushed "Next due" and "Hospital ID" out of view)."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        margin = header.style().pixelMetric(QStyle.PM_HeaderMargin, None, header)
        words = str(self.model.headerData(column, Qt.Horizontal, Qt.DisplayRole))
        arrow = metrics.height() + margin if column == header.sortIndicatorSection() else 0
        return metrics.horizontalAdvance(words) + 4 * margin + arrow

    def _measure_columns(self, *_) -> None:
        """Each column's width from its contents and its header (font metrics), measured when the
        roster, the sort, the font or the language changes — not at every keystroke or resize."""
        if not isValid(self.table):    # a language change queued for a window closed since
            return
        self._natural = [max(self.header_width(c), self.table.sizeHintForColumn(c))
                         for c in range(self.model.columnCount())]
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the list's width out: natural widths if they fit, else the GIVE_WAY columns shrink."""
        if not isValid(self.table):
            return
        header = self.table.horizontalHeader()
        available = self.table.viewport().width()
        if not self._natural or available <= 0:
            return
        widths = list(self._natural)
        excess = sum(widths) - available
        for column in self.GIVE_WAY:
            if excess <= 0:
                break
            give = min(excess, max(0, widths[column] - self.header_width(column)))
            widths[column] -= give
            excess -= give
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()].id if index.isValid() and index.row() < len(self.model.rows) else None

    def select(self, patient_id: int) -> None:
        row = self.model.row_of(patient_id)
        if row is not None:
            self.table.selectRow(row)

    # -- the round
    def set_due(self, items) -> None:
        """The round's lines (services.rounds.due_now); the button counts exactly these."""
        self.due_model.set_items(items)
        self.due_table.resizeColumnsToContents()
        self.due_now_button.setText(self.tr("Due now: {0}").format(len(self.due_model.items)))
        self.due_now_button.setAccessibleName(self.due_now_button.text())

    def _on_due_now_toggled(self, shown: bool) -> None:
        self.lists.setCurrentWidget(self.due_table if shown else self.table)
        (self.due_table if shown else self.search).setFocus()

    def _on_due_activated(self, index) -> None:
        if index.isValid():
            self.patient_chosen.emit(self.due_model.items[index.row()].patient_id)

    # -- searching and filtering
    def _on_search_text_changed(self, text: str) -> None:
        self._refilter(text=text)
        self.search_changed.emit(text)

    def _refilter(self, **what) -> None:
        chosen = self.current_id()
        self.model.set_filter(**what)
        self._after_filter(chosen)

    def _after_filter(self, chosen: int | None) -> None:
        if chosen is not None:
            self.select(chosen)
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(self.tr("{0} of {1}").format(len(self.model.rows), len(self.model.all_rows)))

    # -- keyboard
    def eventFilter(self, obj, event) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Resize and isValid(self.table) and obj is self.table.viewport():
            self._fit_columns()
            return False
        if obj is self.search and event.type() == QEvent.KeyPress:
            if event.key() == Qt.Key_Down and self.model.rows:
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                return True
            if event.key() == Qt.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(obj, event)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_row_activated(self, index) -> None:
        if index.isValid():
            self.patient_chosen.emit(self.model.rows[index.row()].id)

    def _on_return(self) -> None:
        if not self.model.rows:
            self.roster_wanted.emit()    # answered at once (a direct connection): the list is re-read
        if len(self.model.rows) == 1:
            self.table.selectRow(0)
            self.patient_chosen.emit(self.model.rows[0].id)
        elif self.table.currentIndex().isValid():
            self.patient_chosen.emit(self.model.rows[self.table.currentIndex().row()].id)
