"""Rendering the report data to HTML (the browser's preview and the PDF's source) and to PDF
with WeasyPrint: A4, page numbers, Chinese fonts from the system (fonts-noto-cjk), the title and
author in the PDF's metadata."""

from __future__ import annotations

import logging
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from reports.content import ReportData
from stations.models import Evaluation

STYLESHEET = "reports/report.css"
# Across every page of a report that is not the final one (the preview, a draft PDF, the command
# line's rendering before issue).
DRAFT_MARK = "初稿"


class MissingGlyph(Exception):
    """A character of the report has no glyph in the fonts: it would print as a blank box."""


def is_final(evaluation: Evaluation) -> bool:
    """Whether the evaluation's report is the issued one (and so has no draft mark)."""
    return hasattr(evaluation, "final_report")


def html(data: ReportData, *, final: bool, stylesheet_url: str | None = None) -> str:
    """The report's HTML; every page of a report that is not ``final`` carries the draft mark."""
    with translation.override("zh-hans"):  # a Chinese document, whoever asks for it
        return render_to_string(
            "reports/report.html",
            {
                "r": data,
                "stylesheet_url": stylesheet_url,
                "watermark": "" if final else DRAFT_MARK,
            },
        )


class _GlyphWatch(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if ".notdef" in message:
            self.missing.append(message)


def pdf(source: str) -> bytes:
    """The PDF of the report's HTML. Raises ``MissingGlyph`` rather than print a character the
    fonts lack (WeasyPrint only logs it)."""
    import weasyprint  # noqa: PLC0415 - heavy: imported when a PDF is actually made

    stylesheet = finders.find(STYLESHEET)
    if stylesheet is None:
        raise FileNotFoundError(STYLESHEET)
    watch = _GlyphWatch()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(watch)
    try:
        document = weasyprint.HTML(string=source, base_url=str(Path(stylesheet).parent))
        content = document.write_pdf(stylesheets=[weasyprint.CSS(filename=stylesheet)])
    finally:
        logger.removeHandler(watch)
    if watch.missing:
        raise MissingGlyph("; ".join(watch.missing[:3]))
    return content
