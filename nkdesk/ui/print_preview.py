"""Print a form from the window: Qt's print preview of the PDF that `nkdesk form` would write, then
the system printer or a saved PDF file.

The PDF is made once (services.printing.make_pdf); its pages are rasterised with PDFium (pypdfium2)
at the printer's resolution, so what is printed is exactly the PDF, Japanese text included.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QPushButton, QToolBar


def page_images(pdf: bytes, dpi: float):
    """Each page of `pdf` as a QImage at `dpi` (PDFium renders; Qt paints)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)   # RGB byte order, as Qt reads it
            fmt = QImage.Format_RGBX8888 if bitmap.n_channels == 4 else QImage.Format_RGB888
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
            yield image
    finally:
        document.close()


def paint_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Paint every page of `pdf` onto `printer`; returns the number of pages."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    count = 0
    try:
        dpi = min(printer.resolution(), 300)
        for index, image in enumerate(page_images(pdf, dpi)):
            if index:
                printer.newPage()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
            count += 1
    finally:
        painter.end()
    return count


class FormPreview(QPrintPreviewDialog):
    """Qt's print preview of one form's PDF, with a "Save PDF…" button beside Qt's Print."""

    def __init__(self, pdf: bytes, suggested_name: str, paper: str = "A4", parent=None):
        printer = QPrinter(QPrinter.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.Letter if paper.upper() == "LETTER" else QPageSize.A4))
        printer.setPageOrientation(QPageLayout.Portrait)
        printer.setFullPage(True)
        super().__init__(printer, parent)
        self.printer = printer   # the dialog does not own it: without this reference Qt paints on freed memory
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.setObjectName("form_preview")
        self.setWindowTitle(self.tr("Print preview — {0}").format(suggested_name))
        self.paintRequested.connect(lambda p: paint_pdf(p, self.pdf))
        toolbar = self.findChild(QToolBar)
        self.save_button = QPushButton(self.tr("&Save PDF…"), self)
        self.save_button.setObjectName("form_save_pdf")
        self.save_button.clicked.connect(self._on_save)
        if toolbar is not None:
            toolbar.addWidget(self.save_button)
        self.resize(1000, 740)

    def _on_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the form as PDF"), self.suggested_name,
                                              self.tr("PDF files (*.pdf)"))
        if path:
            Path(path).write_bytes(self.pdf)

