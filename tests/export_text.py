"""Reading exported files back as a user's tools would: python-docx for DOCX, poppler for PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

SAMPLE_REPORT = Path(__file__).parent / "data" / "sample-report-36a-kien-giang-2018-q2.md"

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


def normalise(text: str) -> str:
    """One space for any run of whitespace (line wraps, NBSP); none before ``%``.

    The sample report prints one rate as ``70 %`` and the other as ``43%``; the app writes every percentage
    the Vietnamese way without a space (``model.vietnamese.vnformat.format_percent``), so the comparison ignores a space
    before ``%`` rather than copying the sample's inconsistency.
    """
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    return re.sub(r" %", "%", text)


def sample_lines() -> list[str]:
    """Every non-empty line of the reference sample report with its Markdown markup removed."""
    lines = []
    for raw in SAMPLE_REPORT.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^#+\s*", "", raw).replace("**", "").strip()
        if line:
            lines.append(normalise(line))
    return lines


def docx_paragraphs(path: Path) -> list[str]:
    """The text of every body paragraph, table cells included (nested in document order)."""
    from docx import Document

    doc = Document(str(path))
    texts: list[str] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                texts.append(block.text)

    walk(doc)
    return texts


def docx_text(path: Path) -> str:
    return normalise(" \n ".join(docx_paragraphs(path)))


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (``pdftotext``), in reading order."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True).stdout
    pages = out.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_body_text(path: Path) -> str:
    """All pages' text without the page number printed at the top of pages 2 and later."""
    parts = []
    for number, page in enumerate(pdf_pages(path), start=1):
        lines = page.strip("\n").split("\n")
        if number > 1 and lines and lines[0].strip() == str(number):
            lines = lines[1:]
        parts.append("\n".join(lines))
    return normalise("\n".join(parts))


def pdf_layout_text(path: Path) -> str:
    """The text with its physical layout (``pdftotext -layout``): columns side by side, gaps as spaces."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8").replace("\u00a0", " ")
