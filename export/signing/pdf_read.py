"""Reading a PDF with pyHanko, as signing and verifying both do: a damaged or foreign file is a clerk's error."""

from __future__ import annotations

from typing import Any

from export.signing.certificates import SigningError
from export.signing.pdf_bounds import check_pdf_bounds


def read_pdf(data: bytes, name: str) -> Any:
    """A pyHanko reader on ``data``; :class:`SigningError` for a file that is not a readable PDF or exceeds what
    we read (:mod:`export.signing.pdf_bounds`)."""
    from io import BytesIO

    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not data.lstrip()[:5] == b"%PDF-":
        raise SigningError(f"Tệp “{name}” không phải tệp PDF.")
    check_pdf_bounds(data, name)
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        reader.root["/Pages"]  # (a damaged file fails here rather than half-way through signing)
    except (PdfError, KeyError, ValueError, TypeError, IndexError, AttributeError):
        raise SigningError(f"Tệp PDF “{name}” bị hỏng, không đọc được.") from None
    return reader
