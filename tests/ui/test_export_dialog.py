"""File › Export… as a person uses it: choose the format and folder, press Export, watch the progress
bar, the folder is opened when done; the files are the ones `nkdesk export` writes."""
from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QProgressBar, QPushButton

from tests.ui.conftest import sign_in

NURSE = ("rn.ito", "ito-ward-demo")


def _wait_for(qtbot, condition, seconds: float = 30) -> None:
    for _ in range(int(seconds * 10)):
        if condition():
            return
        qtbot.wait(100)
    raise AssertionError("the export did not finish in time")


def test_export_from_the_file_menu(qtbot, window, prompts, tmp_path):
    sign_in(window, prompts, *NURSE)
    window.findChild(type(window.export_action), "export_action").trigger()
    dialog = window.export_dialog
    assert dialog.objectName() == "export_dialog"
    opened = []
    dialog.open_folder = opened.append          # the desktop's file manager, recorded instead of started
    qtbot.wait(200)
    combo = dialog.findChild(QComboBox, "export_format")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Down)           # ODM → REDCap, as a person picks from the list
    assert combo.currentData() == "redcap"
    folder = dialog.findChild(QLineEdit, "export_folder")
    folder.selectAll()
    qtbot.keyClicks(folder, str(tmp_path / "sponsor"))
    qtbot.keyClicks(dialog.findChild(QLineEdit, "export_patients"), "DEMO-003, DEMO-002")
    assert not dialog.findChild(QCheckBox, "export_with_notes").isChecked()
    qtbot.wait(200)
    qtbot.mouseClick(dialog.findChild(QPushButton, "export_start"), Qt.LeftButton)
    _wait_for(qtbot, lambda: opened)
    progress = dialog.findChild(QProgressBar, "export_progress")
    assert progress.value() == progress.maximum() == 2
    assert opened == [tmp_path / "sponsor"]
    with (tmp_path / "sponsor" / "records.csv").open(newline="") as handle:
        records = {row["record_id"] for row in csv.DictReader(handle)}
    assert records == {"DEMO-002", "DEMO-003"}
    assert "2 patient(s)" in dialog.findChild(type(dialog.status), "export_status").text()


def test_an_unknown_study_id_is_said_and_nothing_is_written(qtbot, window, prompts, tmp_path):
    sign_in(window, prompts, *NURSE)
    window.export_action.trigger()
    dialog = window.export_dialog
    dialog.open_folder = lambda folder: None
    folder = dialog.findChild(QLineEdit, "export_folder")
    folder.selectAll()
    qtbot.keyClicks(folder, str(tmp_path / "out"))
    qtbot.keyClicks(dialog.findChild(QLineEdit, "export_patients"), "NOPE-1")
    qtbot.mouseClick(dialog.findChild(QPushButton, "export_start"), Qt.LeftButton)
    _wait_for(qtbot, lambda: "failed" in dialog.status.text())
    assert "NOPE-1" in dialog.status.text()
    assert not (tmp_path / "out" / "nkdesk-odm.xml").exists()
