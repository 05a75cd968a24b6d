"""HTML page → PDF with WeasyPrint (docs/ld-pack.md says why WeasyPrint).

WeasyPrint writes no dates and no random file identifier unless asked, so the same HTML and
fonts give the same bytes; `pdf_identifier` is still set from the content, so that a future
default cannot make builds differ. Imported only when the ld-pack target builds.
"""

from __future__ import annotations

import hashlib
import logging

import weasyprint
from weasyprint.text.fonts import FontConfiguration

# WeasyPrint logs every CSS property it ignores (for example `resize`, which only matters on screen).
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class Printer:
    """One font configuration for every page of a build: fonts are looked up once."""

    def __init__(self) -> None:
        self.fonts = FontConfiguration()

    def render(self, html: str, form: bool) -> weasyprint.Document:
        """The laid-out pages; `form`: HTML inputs become fillable AcroForm fields (decided at layout)."""
        return weasyprint.HTML(string=html).render(font_config=self.fonts, pdf_forms=form)

    @staticmethod
    def pdf(document: weasyprint.Document, key: str) -> bytes:
        """The PDF, tagged (headings, lists, tables and reading order for screen readers and reflow,
        for about 6% more bytes); `key` names its content, for the file identifier."""
        identifier = hashlib.sha256(key.encode()).hexdigest()[:32].encode()
        return document.write_pdf(pdf_identifier=identifier, pdf_tags=True)
