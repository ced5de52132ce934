"""Every protocol text a person reads has its Japanese beside it (issue 18: "the protocol files
carry Japanese for every label, page, criterion …, open point, calendar event, stop rule and
endpoint"), and the loader hands the window the language it asks for."""
from __future__ import annotations

import re
import tomllib

import pytest

from nkdesk.rules import protocol

FILES = sorted(protocol.PROTOCOL_DIR.glob("*.toml"))
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")   # kana or kanji


def _tables(node, where=""):
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _tables(value, f"{where}.{key}" if where else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _tables(value, f"{where}[{i}]")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_english_text_has_its_japanese(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    missing, not_japanese = [], []
    for where, table in _tables(data):
        for key in protocol.TRANSLATED_KEYS:
            english = table.get(key)
            if not isinstance(english, str):
                continue
            ja = table.get(f"{key}_ja")
            if not isinstance(ja, str) or not ja.strip():
                missing.append(f"{where}.{key}")
            elif re.search(r"[a-z]{4,}", english) and not JAPANESE.search(ja):
                # abbreviations (Hb, AFP, PIVKA-II, ECOG PS) read the same in Japanese; words do not
                not_japanese.append(f"{where}.{key}_ja = {ja!r}")
    assert missing == [] and not_japanese == []


def test_the_loader_gives_the_language_asked_and_keeps_the_source_wording():
    p = protocol.load("jRCTb060200020")
    i2 = next(c for c in p.criteria if c.id == "I2")
    assert protocol.text_in(i2, "text", "en") == "Aged between 20 and 79 years."   # the source's wording
    assert protocol.text_in(i2, "text", "ja") == "年齢が20歳以上79歳以下の者。"
    assert protocol.text_in(p.fields["heart_disease"], "label", "ja") == "心疾患"
    assert protocol.text_in(p.fields["heart_disease"], "label", "en") == "Heart disease"
    schedule = p.section("schedule")
    assert protocol.text_in(schedule, "anchor_label", "ja") != schedule["anchor_label"]


def test_a_missing_translation_falls_back_to_the_english():
    spec = protocol.FieldSpec(path="x", type="boolean", label="Something new")
    assert protocol.text_in(spec, "label", "ja") == "Something new"
