"""The window in Japanese (issue 18): the Qt Linguist catalogue is complete, compiles and loads,
and every tr() can be extracted (lupdate cannot see a computed argument)."""
from __future__ import annotations

import ast
import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "nkdesk_ja.ts"


def _i18n_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", msg.findtext("source") or "", msg.find("translation"))
            for ctx in root.iter("context") for msg in ctx.iter("message")]


def _tr_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            if name == "tr":
                yield node, node.args[:1]
            elif (name == "translate" and isinstance(node.func, ast.Attribute)
                  and isinstance(node.func.value, ast.Name) and node.func.value.id == "QCoreApplication"):
                yield node, node.args[:1]   # the context; the text may come from a QT_TRANSLATE_NOOP table


def test_every_tr_call_has_literal_text():
    """A tr() of a variable is invisible to lupdate and shows English forever (issue 18)."""
    computed = []
    for path in [*sorted((ROOT / "nkdesk" / "ui").rglob("*.py")), ROOT / "nkdesk" / "app.py"]:
        for node, args in _tr_calls(ast.parse(path.read_text(encoding="utf-8"))):
            if not args or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                computed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert computed == []


def test_the_japanese_catalogue_is_complete_for_the_code_as_it_is(tmp_path):
    """Re-extract the code's strings into a copy of the catalogue: every source text the code has
    must carry a finished, non-empty Japanese translation (none 'unfinished')."""
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    _i18n_script().update(target=copy)
    messages = _messages(copy)
    assert len(messages) > 400
    unfinished = [f"[{ctx}] {src!r}" for ctx, src, tr in messages
                  if tr is None or not (tr.text or "").strip() or tr.get("type") in {"unfinished", "vanished"}]
    assert unfinished == []


def test_translations_keep_the_placeholders_and_accelerators():
    """{0}-style placeholders and the &-accelerator survive translation (a lost {0} would drop a
    dose or a name from a message)."""
    import re

    wrong = []
    for ctx, src, tr in _messages(TS):
        text = tr.text or ""
        if sorted(re.findall(r"\{[^}]*\}", src)) != sorted(re.findall(r"\{[^}]*\}", text)):
            wrong.append(f"[{ctx}] {src!r} → {text!r}")
        if re.search(r"&\w", src.replace("&&", "")) and not re.search(r"&\w", text.replace("&&", "")):
            wrong.append(f"[{ctx}] {src!r} lost its accelerator → {text!r}")
    assert wrong == []


def test_the_compiled_catalogue_loads_and_translates(qapp, tmp_path):
    from PySide6.QtCore import QCoreApplication, QTranslator

    script = _i18n_script()
    qm = tmp_path / "nkdesk_ja.qm"
    import subprocess

    subprocess.run([script.tool("lrelease"), "-silent", str(TS), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("PatientView", "&Overview") == "概要(&O)"
        assert QCoreApplication.translate("PatientView", "&Adverse events") == "有害事象(&A)"
    finally:
        QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize("language, expected", [("ja", "概要(&O)"), ("en", "&Overview")])
def test_apply_switches_the_language_at_once(qapp, language, expected):
    from PySide6.QtCore import QCoreApplication

    from nkdesk.ui import language as window_language

    try:
        assert window_language.apply(language, qapp)
        assert QCoreApplication.translate("PatientView", "&Overview") == expected
    finally:
        window_language.apply("en", qapp)
