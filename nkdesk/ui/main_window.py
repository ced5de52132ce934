"""The main window: the frame every screen lives in, with the status bar the ward relies on.

It paints first and loads afterwards (`load_rest`, called from the event loop once the first paint
is done), so NKDesk appears at once; `ready` says everything is loaded.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget

from nkdesk.ui.style import BASE_POINT_SIZE, set_font_scale


class MainWindow(QMainWindow):
    first_painted = Signal()
    ready = Signal()

    def __init__(self, db_path: Path, sign_in: bool = True, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.wants_sign_in = sign_in
        self._painted = False
        self.setWindowTitle(self.tr("NKDesk"))
        self.resize(1366, 768)
        self.stack = QStackedWidget(self)
        self.welcome = QLabel(self.tr("NKDesk is starting…"), self)
        self.welcome.setObjectName("welcome")
        self.welcome.setStyleSheet("font-size: 18pt; color: #455a64; padding: 40px;")
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self.user_label = QLabel(self.tr("Not signed in"), self)
        self.user_label.setObjectName("status_user")
        self.db_label = QLabel(self.tr("Database: {0}").format(self.db_path), self)
        self.db_label.setObjectName("status_database")
        self.backup_label = QLabel(self.tr("Last backup: none"), self)
        self.backup_label.setObjectName("status_backup")
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.backup_label)
        self._build_menus()

    def _build_menus(self) -> None:
        view = self.menuBar().addMenu(self.tr("&View"))
        self._font_scale = 1.0
        for text, keys, step in ((self.tr("Larger text"), QKeySequence.ZoomIn, 0.1),
                                 (self.tr("Smaller text"), QKeySequence.ZoomOut, -0.1)):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(lambda _=False, s=step: self.change_font_scale(s))
            view.addAction(action)

    def change_font_scale(self, step: float) -> None:
        self._font_scale = round(max(0.8, min(2.0, self._font_scale + step)), 2)
        set_font_scale(QApplication.instance(), self._font_scale)

    @property
    def font_point_size(self) -> float:
        return BASE_POINT_SIZE * self._font_scale

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def load_rest(self) -> None:
        """What the first screen does not need: unit registry, protocols, database."""
        from nkdesk.rules import eligibility, protocol, units
        from nkdesk.rules.assessment import Assessment

        units.registry()
        jrct = protocol.load()
        eligibility.evaluate(jrct, Assessment({}))
        self.welcome.setText(self.tr("NKDesk — sign in to begin"))
        self.ready.emit()

    def shut_down(self) -> None:
        """Called once the event loop has ended."""
