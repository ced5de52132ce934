"""Reading a form PDF back the way an auditor would: its text page by page, its fonts, its pages."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def flat(text: str) -> str:
    """The text without whitespace: narrow table cells wrap words across lines."""
    return re.sub(r"\s+", "", text)


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Each font the pages use (but reportlab's unused Helvetica) and whether its file is embedded."""
    found = {}
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type1":   # listed by reportlab's canvas; no text is set in it
                continue
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            found[str(font["/BaseFont"])] = "/FontFile2" in descriptor.get_object()
    return found


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of every page in points."""
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader(pdf).pages]


def assert_numbered(texts: list[str], *must: str) -> None:
    """Every page says "Page N of M" with the right N and M, and carries the header texts `must`."""
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text, text[-200:]
        for item in must:
            assert item in text, (number, item)
