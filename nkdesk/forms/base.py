"""What every NKDesk paper form shares: the page, the header, "page N of M", the font and styles.

Forms are kept 30 years and read on machines without Japanese fonts, so all text is set in IPAex
Gothic (resources/fonts, embedded as a subset; its licence allows it). Every page carries a header
naming the protocol, the subject's study ID and initials (nothing more identifying), the form's
title and version, and a footer with the app version, when and by whom it was printed, and
"page N of M" (counted in a second pass by `NumberedCanvas`).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from nkdesk.paths import resources_dir

FONT = "DejaVuSans"          # Latin, Greek, symbols, superscripts
FONT_BOLD = "DejaVuSans-Bold"
FONT_CJK = "IPAexG"           # Japanese; used for each character DejaVu Sans lacks
PAGE_SIZES = {"A4": A4, "LETTER": LETTER}
MARGIN = 15 * mm
HEADER_HEIGHT = 20 * mm
FOOTER_HEIGHT = 12 * mm


@dataclass(frozen=True)
class FormHeader:
    protocol_id: str
    study_id: str
    initials: str
    form_title: str
    form_version: str
    printed_by: str
    printed_at: datetime       # local time of the workstation, with tzinfo
    app_version: str
    paper: str = "A4"
    protocol_title: str = ""


@lru_cache(maxsize=1)
def register_font() -> str:
    """Register the bundled fonts once (both are embedded as subsets in every PDF)."""
    fonts = Path(resources_dir()) / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_CJK, str(fonts / "ipaexg.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return FONT


@lru_cache(maxsize=1)
def _primary_glyphs() -> frozenset[int]:
    register_font()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def font_runs(text: str) -> list[tuple[str, str]]:
    """Split text into (font, run) pairs: DejaVu Sans where it has the glyph, IPAex Gothic elsewhere.

    reportlab has no font fallback of its own; without this, 患者 or ×10⁴/µL would print as boxes.
    """
    glyphs = _primary_glyphs()
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = FONT if (ord(ch) in glyphs or ch in "\n\t ") else FONT_CJK
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def markup(text: str) -> str:
    """Text escaped for a Paragraph, with <font> tags around the runs set in the CJK font."""
    from xml.sax.saxutils import escape

    return "".join(escape(run) if font == FONT else f'<font name="{font}">{escape(run)}</font>'
                   for font, run in font_runs(str(text))).replace("\n", "<br/>")


def draw_text(c, x: float, y: float, text: str, size: float, align: str = "left", font: str = FONT) -> None:
    """drawString with the same fallback, for headers and footers."""
    runs = [(font if f == FONT else f, r) for f, r in font_runs(text)]
    width = sum(pdfmetrics.stringWidth(r, f, size) for f, r in runs)
    if align == "right":
        x -= width
    for f, run in runs:
        c.setFont(f, size)
        c.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, f, size)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    font = register_font()
    base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "title": ParagraphStyle("title", parent=base, fontSize=15, leading=19, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4),
        "verdict": ParagraphStyle("verdict", parent=base, fontSize=13, leading=17, spaceBefore=6, spaceAfter=6),
        "warning": ParagraphStyle("warning", parent=base, fontSize=9, leading=12, backColor=colors.HexColor("#fff3cd"),
                                  borderColor=colors.HexColor("#f9a825"), borderWidth=0.7, borderPadding=4,
                                  spaceBefore=6, spaceAfter=8),
    }


def para(text: str, style: str = "cell") -> Paragraph:
    """A paragraph of free text (names, comments): escaped, with Japanese set in IPAex Gothic."""
    return Paragraph(markup(text), styles()[style])


def table(rows: list[list], widths: list[float], header_rows: int = 1, zebra: bool = True,
          row_colours: dict[int, str] | None = None) -> Table:
    """A table that breaks across pages with its header rows repeated."""
    cells = [[c if not isinstance(c, str) else para(c) for c in row] for row in rows]
    t = Table(cells, colWidths=widths, repeatRows=header_rows)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), register_font()),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9e9e9e")),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e0e0e0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        for r in range(header_rows, len(rows)):
            if (r - header_rows) % 2:
                commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f7f7f7")))
    for r, colour in (row_colours or {}).items():
        commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor(colour)))
    t.setStyle(TableStyle(commands))
    return t


class NumberedCanvas(canvas.Canvas):
    """Holds pages back until the end so each can say "page N of M"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _ = self._pagesize
        self.setFont(FONT, 8.5)
        self.drawRightString(width - MARGIN, MARGIN - 2 * mm, f"Page {self._pageNumber} of {total}")


def render(header: FormHeader, story: list, out: str | Path | io.BytesIO | None = None) -> bytes:
    """Lay the story out on pages with the header and footer; write to `out` and return the bytes."""
    register_font()
    page_size = PAGE_SIZES.get(header.paper.upper(), A4)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=page_size, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=MARGIN + FOOTER_HEIGHT,
        title=f"{header.form_title} — {header.study_id}", author=f"NKDesk {header.app_version}",
        subject=header.protocol_id, creator="NKDesk",
    )

    def decorate(c: canvas.Canvas, _doc) -> None:
        width, height = page_size
        top = height - MARGIN
        c.saveState()
        draw_text(c, MARGIN, top - 5 * mm, header.form_title, 12, font=FONT_BOLD)
        draw_text(c, MARGIN, top - 10 * mm, f"Protocol {header.protocol_id}   ·   form version {header.form_version}", 8.5)
        draw_text(c, width - MARGIN, top - 5 * mm, f"Subject {header.study_id}   Initials {header.initials}", 11,
                  align="right", font=FONT_BOLD)
        c.setStrokeColor(colors.HexColor("#616161"))
        c.line(MARGIN, top - 13 * mm, width - MARGIN, top - 13 * mm)
        printed = header.printed_at.strftime("%Y-%m-%d %H:%M %Z").strip()
        draw_text(c, MARGIN, MARGIN - 2 * mm,
                  f"Printed {printed} by {header.printed_by}   ·   NKDesk {header.app_version}", 7.5)
        c.restoreState()

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=NumberedCanvas)
    data = buffer.getvalue()
    if isinstance(out, io.BytesIO):
        out.write(data)
    elif out is not None:
        Path(out).write_bytes(data)
    return data
