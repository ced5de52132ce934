"""What every NKDesk paper form shares: the page, the header, "page N of M", the font and styles.

Forms are kept 30 years and read on machines without Japanese fonts, so all text is set in IPAex
Gothic (resources/fonts, embedded as a subset; its licence allows it). Every page carries a header
naming the protocol, the subject's study ID and initials (nothing more identifying), the form's
title and version, and a footer with the app version, when and by whom it was printed, and
"page N of M" (counted in a second pass by `NumberedCanvas`).

A form starts in its header's orientation; a story may turn later pages with
`NextPageTemplate("portrait"|"landscape")` before a `PageBreak` (the AE log is landscape, its
serious-event reports portrait).
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from nkdesk.forms.words import era_suffix, say_inline, say_short
from nkdesk.paths import resources_dir

if TYPE_CHECKING:
    from reportlab.platypus.tables import _TableCommand

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
    orientation: str = "portrait"   # of the first page: "portrait" or "landscape"
    witness: str = ""               # site key fingerprint and audit chain head (issue 15): paper witnesses both


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
    font = pdfmetrics.getFont(FONT)
    if not isinstance(font, TTFont):   # register_font() registers DejaVu Sans as a TrueType font
        raise TypeError(f"{FONT} is not a TrueType font")
    return frozenset(font.face.charToGlyph)


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


def draw_text(c: canvas.Canvas, x: float, y: float, text: str, size: float, align: str = "left",
              font: str = FONT) -> None:
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
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "title": ParagraphStyle("title", parent=base, fontSize=15, leading=19, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4),
        "verdict": ParagraphStyle("verdict", parent=base, fontSize=13, leading=17, spaceBefore=6, spaceAfter=6),
        "warning": ParagraphStyle("warning", parent=base, fontSize=9, leading=12, backColor=colors.HexColor("#fff3cd"),
                                  borderColor=colors.HexColor("#f9a825"), borderWidth=0.7, borderPadding=4,
                                  leftIndent=4, rightIndent=4,   # the border (outside the text) within the frame
                                  spaceBefore=6, spaceAfter=8),
    }


def para(text: str, style: str = "cell") -> Paragraph:
    """A paragraph of free text (names, comments): escaped, with Japanese set in IPAex Gothic."""
    return Paragraph(markup(text), styles()[style])


def table(rows: Sequence[Sequence[str | Flowable]], widths: list[float], header_rows: int = 1, zebra: bool = True,
          row_colours: dict[int, str] | None = None) -> Table:
    """A table across the whole frame (the `widths` are proportions: a form laid out for A4 portrait
    fits Letter and landscape too) that breaks across pages with its header rows repeated."""
    cells = [[c if not isinstance(c, str) else para(c) for c in row] for row in rows]
    total = sum(widths)
    t = Table(cells, colWidths=[f"{100 * w / total:.5f}%" for w in widths], repeatRows=header_rows)
    commands: list[_TableCommand] = [
        ("FONTNAME", (0, 0), (-1, -1), register_font()),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9e9e9e")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e0e0e0")))
    else:  # a label/value table: the labels shaded, the values white
        commands.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eeeeee")))
        zebra = False
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own page-N-of-M recipe; not in the stubs

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _ = page_size(self)
        self.setFont(FONT, 8.5)
        draw_text(self, width - MARGIN, MARGIN - 2 * mm,
                  say_short("Page {n} of {total}", n=self.getPageNumber(), total=total), 8.5, align="right")


def page_size(c: canvas.Canvas) -> tuple[float, float]:
    """The current page's size: a Canvas keeps it only in `_pagesize` (no getter; the stubs omit it)."""
    size: tuple[float, float] = c._pagesize  # type: ignore[attr-defined]  # see the docstring
    return size


def printed_words(at: datetime) -> str:
    """The print time as the footer shows it: local time, zone name and UTC offset (records outlive
    the zone's abbreviations, so the offset is always there)."""
    text = at.strftime("%Y-%m-%d %H:%M")
    if at.tzinfo is None:
        return text + say_short(" (zone unknown)")
    name, offset = at.strftime("%Z"), at.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    if not name or name.startswith("UTC"):
        return f"{text} UTC{offset}"
    return f"{text} {name} (UTC{offset})"


def render(header: FormHeader, story: list[Flowable], out: str | Path | io.BytesIO | None = None) -> bytes:
    """Lay the story out on pages with the header and footer; write to `out` and return the bytes."""
    register_font()
    portrait = PAGE_SIZES.get(header.paper.upper(), A4)
    sizes = {"portrait": portrait, "landscape": landscape(portrait)}
    first = header.orientation if header.orientation in sizes else "portrait"
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=sizes[first], leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=MARGIN + FOOTER_HEIGHT,
        title=f"{header.form_title} — {header.study_id}", author=f"NKDesk {header.app_version}",
        subject=header.protocol_id, creator="NKDesk",
    )

    def decorate(c: canvas.Canvas, _doc: BaseDocTemplate) -> None:
        width, height = page_size(c)
        top = height - MARGIN
        c.saveState()
        draw_text(c, MARGIN, top - 5 * mm, header.form_title, 12, font=FONT_BOLD)
        draw_text(c, MARGIN, top - 10 * mm, say_inline("Protocol {protocol}   ·   form version {version}",
                                                 protocol=header.protocol_id, version=header.form_version), 8.5)
        draw_text(c, width - MARGIN, top - 5 * mm, say_short("Subject {study_id}   Initials {initials}",
                                                       study_id=header.study_id, initials=header.initials), 11,
                  align="right", font=FONT_BOLD)
        c.setStrokeColor(colors.HexColor("#616161"))
        c.line(MARGIN, top - 13 * mm, width - MARGIN, top - 13 * mm)
        printed = printed_words(header.printed_at) + era_suffix(header.printed_at)
        draw_text(c, MARGIN, MARGIN - 2 * mm, say_short("Printed {when} by {who}   ·   NKDesk {version}", when=printed,
                                                         who=header.printed_by, version=header.app_version), 7.5)
        if header.witness:
            draw_text(c, MARGIN, MARGIN - 5.5 * mm, header.witness, 6.5)
        c.restoreState()

    # the first template is the one the document starts with
    for name in (first, *(n for n in sizes if n != first)):
        width, height = sizes[name]
        frame = Frame(MARGIN, MARGIN + FOOTER_HEIGHT, width - 2 * MARGIN,
                      height - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT, id=name,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # aligned with the header rule
        doc.addPageTemplates(PageTemplate(id=name, frames=[frame], onPage=decorate, pagesize=sizes[name]))
    doc.build(story, canvasmaker=NumberedCanvas)
    data = buffer.getvalue()
    if isinstance(out, io.BytesIO):
        out.write(data)
    elif out is not None:
        Path(out).write_bytes(data)
    return data
