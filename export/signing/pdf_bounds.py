"""What a received PDF may cost us, judged from its bytes before pyHanko parses it, and what lies beyond what its
signatures cover.

pyHanko reads every revision of a file and compares each with the next (its difference analysis), and decodes a
signature's whole ``/Contents``: a PDF of 10.000 incremental updates gave no answer in two minutes, a signature
with a 60 MB ``/Contents`` took two minutes and 5,5 GB before it was refused. Our reports have three revisions
(the export, the signer's, the organisation's) and signatures of some ten kilobytes; the bounds below are far
above both. A file beyond them is refused unread, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from export.signing.certificates import SigningError

MAX_PDF_REVISIONS = 30
"""Incremental updates (``%%EOF`` markers, ``startxref`` pointers) a PDF may hold; cross-reference sections may be
twice as many (a hybrid file gives each revision a table and a stream)."""
MAX_SIGNATURE_BYTES = 256 * 1024
"""The size of a signature's data (``/Contents``, written in hex: two characters a byte); ours is some 10 KB."""

_HEX_CONTENTS = re.compile(rb"/Contents\s*<([0-9A-Fa-f\s]*)")
_XREF_TABLE = re.compile(rb"(?<!start)xref\s")
_XREF_STREAM = re.compile(rb"/Type\s*/XRef\b")
_STARTXREF = re.compile(rb"startxref\s+(\d{1,15})\s")
_PDF_WHITESPACE = b"\x00\t\n\x0c\r "


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def check_pdf_bounds(data: bytes, name: str) -> None:
    """Refuse (:class:`SigningError`) a PDF whose revisions or signature data exceed our bounds; linear in the
    file's size."""
    revisions = max(data.count(b"%%EOF"), data.count(b"startxref"))
    sections = len(_XREF_TABLE.findall(data)) + len(_XREF_STREAM.findall(data))
    if revisions > MAX_PDF_REVISIONS or sections > 2 * MAX_PDF_REVISIONS:
        count = _thousands(max(revisions, sections))
        raise SigningError(f"Tệp PDF “{name}” có {count} lần cập nhật nối tiếp, quá giới hạn {MAX_PDF_REVISIONS} "
                           "của một văn bản (văn bản ký số thường chỉ có 2–3 lần); tệp bất thường nên không "
                           "kiểm tra.")
    for match in _HEX_CONTENTS.finditer(data):
        start, end = match.span(1)
        blanks = sum(data.count(bytes([blank]), start, end) for blank in _PDF_WHITESPACE)  # no copy of the data
        size = (end - start - blanks) // 2
        if size > MAX_SIGNATURE_BYTES:
            raise SigningError(f"Tệp PDF “{name}” có một chữ ký số dài {_thousands(size // 1024)} KB, quá giới hạn "
                               f"{MAX_SIGNATURE_BYTES // 1024} KB của một chữ ký; tệp bất thường nên không kiểm "
                               "tra.")


def bytes_after_signatures(data: bytes, signatures: Iterable[Any]) -> int:
    """How many bytes the file holds beyond the end of the last signature's ``/ByteRange`` that are no later
    revision: content added after the last signature, covered by no signature and outside what pyHanko's analysis
    of later revisions sees (text after ``%%EOF``, or a tail whose cross-reference pointer points back into the
    signed part).
    Whole incremental updates there (another program adding validation data) are left to that analysis, and PDF
    whitespace at the very end is no content."""
    ends = []
    for sig in signatures:
        byte_range = getattr(sig, "byte_range", None)  # a damaged one is no array: that signature is unreadable
        if isinstance(byte_range, list) and len(byte_range) == 4 and all(isinstance(n, int) for n in byte_range):
            ends.append(byte_range[2] + byte_range[3])
    if not ends:
        return 0
    tail = data[max(ends):]
    if not tail.strip(_PDF_WHITESPACE):
        return 0
    pointers = _STARTXREF.findall(tail)
    last_eof = tail.rfind(b"%%EOF")
    revision = (bool(pointers) and int(pointers[-1]) >= max(ends) and last_eof >= 0
                and not tail[last_eof + 5:].strip(_PDF_WHITESPACE))
    return 0 if revision else len(tail)
