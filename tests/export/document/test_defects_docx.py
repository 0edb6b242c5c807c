"""Issue 21, the DOCX as a Word document: Word 2013+ compatibility mode, nothing left of python-docx's template
but what the report uses, and Word's page breaks where the PDF has them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from export.document import layout
from export.document.service import export_report
from tests.docx_layout import main_section_blocks, paginate

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture
def docx_path(sample_library, q2_id, tmp_path) -> Path:
    return export_report(sample_library, q2_id, tmp_path / "bc.docx").path


def _xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(part).decode("utf-8")


def test_word_opens_it_as_a_current_document_not_in_compatibility_mode(docx_path) -> None:
    settings = _xml(docx_path, "word/settings.xml")
    assert re.findall(r'w:name="compatibilityMode"[^>]*w:val="(\d+)"', settings) == ["15"]


def test_only_the_styles_the_report_uses_are_defined(docx_path) -> None:
    styles = _xml(docx_path, "word/styles.xml")
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    assert not defined & {"Title", "IntenseQuote", "Quote", "LightShading-Accent1", "TableGrid", "ListParagraph"}
    assert not [s for s in defined if "Accent" in s]
    body = _xml(docx_path, "word/document.xml")
    used = set(re.findall(r'<w:pStyle w:val="([^"]+)"', body))
    assert {"Heading1", "Heading2"} <= used <= defined
    # what remains: the defaults, the headings, the page-number header and the character styles they link to
    assert defined == {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Heading1", "Heading2",
                       "Heading1Char", "Heading2Char", "Header", "HeaderChar"}


def test_no_list_definitions_naming_removed_styles_are_left(docx_path) -> None:
    with zipfile.ZipFile(docx_path) as package:
        names = package.namelist()
        relations = package.read("word/_rels/document.xml.rels").decode()
    assert "word/numbering.xml" not in names and "numbering" not in relations


def test_the_font_table_and_theme_name_only_times_new_roman(docx_path) -> None:
    table = _xml(docx_path, "word/fontTable.xml")
    assert re.findall(r'<w:font w:name="([^"]+)"', table) == ["Times New Roman"]
    theme = _xml(docx_path, "word/theme/theme1.xml")
    assert re.findall(r'<a:latin typeface="([^"]*)"', theme) == ["Times New Roman", "Times New Roman"]
    for name in ("Calibri", "Cambria"):
        assert name not in table + theme


def _normal(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def _pdf_lines(path: Path) -> list[list[str]]:
    with pdfplumber.open(path) as pdf:
        return [[_normal(line) for line in (page.extract_text() or "").splitlines()] for page in pdf.pages]


def _assert_same_pages(docx: Path, pdf: Path) -> int:
    """Each body line Word's layout of the DOCX puts on page n is a line of page n of the PDF, in the same order
    (same line breaks, same page breaks); returns the page count."""
    frame = layout.PAGE_HEIGHT - layout.MARGIN_TOP - layout.MARGIN_BOTTOM
    docx_pages = paginate(main_section_blocks(docx), frame)
    pdf_pages = _pdf_lines(pdf)
    assert len(docx_pages) == len(pdf_pages)
    for number, (lines, pdf_lines) in enumerate(zip(docx_pages, pdf_pages, strict=True), start=1):
        body = [_normal(line) for line in lines if "|" not in line]  # table rows aside (cells side by side)
        body = [line for line in body if line and line not in ("BÁO CÁO",)]
        assert body
        found = [line for line in pdf_lines if line in body]
        assert found == body, (number, [line for line in body if line not in pdf_lines])
    return len(docx_pages)


def test_word_breaks_the_sample_report_into_the_pdfs_pages(sample_library, q2_id, tmp_path) -> None:
    docx = export_report(sample_library, q2_id, tmp_path / "bc.docx").path
    pdf = export_report(sample_library, q2_id, tmp_path / "bc.pdf").path
    assert _assert_same_pages(docx, pdf) == 3


def test_word_breaks_a_longer_report_into_the_pdfs_pages(sample_library, q2_id, tmp_path) -> None:
    """Longer narratives (page breaks inside paragraphs, before headings kept with their text)."""
    values = sample_library.values(q2_id)
    texts = {key: value for key, value in values.items() if isinstance(value, str) and len(value) > 100}
    assert len(texts) >= 6
    sample_library.set_values(q2_id, {key: f"{value}\n{value} {value}" for key, value in texts.items()})
    docx = export_report(sample_library, q2_id, tmp_path / "dai.docx", force=True).path
    pdf = export_report(sample_library, q2_id, tmp_path / "dai.pdf", force=True).path
    assert _assert_same_pages(docx, pdf) >= 4
