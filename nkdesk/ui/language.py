"""The window's language: Japanese or English, from the workstation's locale until a user chooses.

`apply(app, language)` installs NKDesk's own translation (resources/i18n/nkdesk_<lang>.qm, compiled
by scripts/i18n.py in the set-up and the package build) and Qt's (qtbase_<lang>.qm: OK, Cancel, the
file and print dialogs) shipped with PySide6, replacing the previous ones; Qt then sends every
widget a LanguageChange event. English is the source language: no file is installed for it.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from nkdesk.paths import resources_dir

LANGUAGES = {"ja": "日本語", "en": "English"}
_installed: list[QTranslator] = []


def system_language() -> str:
    """The workstation's language if NKDesk speaks it (the sign-in screen follows it), else English."""
    return "ja" if QLocale.system().language() == QLocale.Language.Japanese else "en"


def translation_file(language: str) -> Path:
    return resources_dir() / "i18n" / f"nkdesk_{language}.qm"


class PseudoTranslator(QTranslator):
    """Every text 40 % longer (issue 18's pseudo-localised run): what a longer language would need.
    Placeholders, accelerators and HTML stay as they are; the padding goes at the end of the text."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        if not source:
            return source
        visible = len(source.replace("&", ""))
        return source + "·" * max(1, round(visible * 0.4))

    def isEmpty(self) -> bool:  # noqa: N802 — Qt's name; Qt skips an "empty" translator
        return False


def _english_locale() -> QLocale:
    """The workstation's own locale when it is an English (or the C) one, else US English."""
    system = QLocale.system()
    if system.language() in (QLocale.Language.English, QLocale.Language.C):
        return system
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def current() -> str:
    return _current[0]


_current = ["en"]


def apply(language: str, app: QCoreApplication | None = None) -> bool:
    """Show the window in `language` from now on; False if its translation file is missing (the
    window then stays in English and says nothing is wrong with the data)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language '{language}'")
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("no QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current[0] = language
    # dates, month and weekday names of Qt's own widgets (the calendar's month view) in the language too;
    # widgets made afterwards take it (the window rebuilds its screens on a switch)
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan) if language == "ja"
                       else _english_locale())
    if language == "en":
        return True
    ours = QTranslator(app)
    found = ours.load(str(translation_file(language)))
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return found
