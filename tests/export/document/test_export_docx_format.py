"""The DOCX follows nd30-format.md in its XML: page, margins, fonts, language, tables, rules, page numbers."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

from export.document import fonts, layout
from export.document.service import export_report

pytestmark = pytest.mark.both_engines

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture
def docx_parts(sample_library, q2_id, tmp_path) -> dict[str, etree._Element]:
    path = export_report(sample_library, q2_id, tmp_path / "bc.docx").path
    with zipfile.ZipFile(path) as package:
        return {name: etree.fromstring(package.read(name)) for name in package.namelist()
                if name.startswith("word/") and name.endswith(".xml")}


def test_every_section_is_a4_portrait_with_nd30_margins(docx_parts):
    sections = docx_parts["word/document.xml"].findall(".//w:sectPr", NS)
    assert sections
    for sect in sections:
        size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
        assert (size.get(_w("w")), size.get(_w("h"))) == ("11906", "16838")
        assert size.get(_w("orient")) in (None, "portrait")
        top, bottom = int(margins.get(_w("top"))), int(margins.get(_w("bottom")))
        left, right = int(margins.get(_w("left"))), int(margins.get(_w("right")))
        assert 1134 <= top <= 1417 and 1134 <= bottom <= 1417  # 20-25 mm
        assert 1701 <= left <= 1984 and 850 <= right <= 1134  # 30-35 mm, 15-20 mm


def test_times_new_roman_in_all_four_slots_and_no_theme_fonts(docx_parts):
    styles = docx_parts["word/styles.xml"]
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert all(defaults.get(_w(slot)) == "Times New Roman" for slot in FONT_SLOTS)
    for part in ("word/styles.xml", "word/document.xml"):
        for rfonts in docx_parts[part].iter(_w("rFonts")):
            assert not any(attr.endswith("Theme") or attr.endswith("theme") for attr in rfonts.attrib), part
            assert all(rfonts.get(_w(slot)) == "Times New Roman" for slot in FONT_SLOTS), part
    runs = docx_parts["word/document.xml"].findall(".//w:r", NS)
    assert runs and all(r.find("w:rPr/w:rFonts", NS) is not None for r in runs if r.find("w:t", NS) is not None)


def test_language_is_vietnamese(docx_parts):
    lang = docx_parts["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(_w("val")) == "vi-VN"


def test_body_paragraphs_are_justified_14pt_with_first_line_indent(docx_parts):
    normal = next(s for s in docx_parts["word/styles.xml"].findall("w:style", NS) if s.get(_w("styleId")) == "Normal")
    assert normal.find("w:pPr/w:jc", NS).get(_w("val")) == "both"
    assert normal.find("w:pPr/w:ind", NS).get(_w("firstLine")) == "567"  # 1 cm
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert int(spacing.get(_w("after"))) >= 120  # ≥ 6 pt
    assert spacing.get(_w("lineRule")) == "atLeast" and 16 * 20 <= int(spacing.get(_w("line"))) <= 24 * 20
    assert normal.find("w:rPr/w:sz", NS).get(_w("val")) == "28"


def test_header_and_closing_tables_are_fixed_borderless_with_every_width(docx_parts):
    tables = docx_parts["word/document.xml"].findall("w:body/w:tbl", NS)
    assert len(tables) == 2  # letterhead, closing (Nơi nhận | signature)
    for table, widths in zip(tables, (layout.HEADER_COLUMNS, layout.CLOSING_COLUMNS), strict=True):
        assert table.find("w:tblPr/w:tblLayout", NS).get(_w("type")) == "fixed"
        borders = table.find("w:tblPr/w:tblBorders", NS)
        assert {b.get(_w("val")) for b in borders} == {"nil"} and len(borders) == 6
        grid = [int(c.get(_w("w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
        assert grid == [round(w * 20) for w in widths]
        for row in table.findall("w:tr", NS):
            assert [int(tc.find("w:tcPr/w:tcW", NS).get(_w("w"))) for tc in row.findall("w:tc", NS)] == grid
    closing_row = tables[1].find("w:tr", NS)
    assert closing_row.find("w:trPr/w:cantSplit", NS) is not None


def _rules(docx_parts) -> list[tuple[float, float]]:
    """(length, container width) in points of each paragraph bottom-border rule."""
    rules = []
    for paragraph in docx_parts["word/document.xml"].iter(_w("p")):
        if paragraph.find("w:pPr/w:pBdr/w:bottom", NS) is None:
            continue
        ind = paragraph.find("w:pPr/w:ind", NS)
        left, right = int(ind.get(_w("left"))) / 20, int(ind.get(_w("right"))) / 20
        cell_width = paragraph.find("../w:tcPr/w:tcW", NS)
        width = int(cell_width.get(_w("w"))) / 20 if cell_width is not None else layout.TEXT_WIDTH
        rules.append((width - left - right, width))
    return rules


def test_rules_are_sized_to_their_text(docx_parts):
    issuer, motto, summary = _rules(docx_parts)
    issuer_text = fonts.text_width("TỈNH KIÊN GIANG", layout.SIZE_ISSUER, bold=True)
    assert 0.33 <= issuer[0] / issuer_text <= 0.5
    motto_text = fonts.text_width("Độc lập - Tự do - Hạnh phúc", layout.SIZE_MOTTO, bold=True)
    assert abs(motto[0] / motto_text - 1) < 0.1
    assert 0.33 * layout.TEXT_WIDTH <= summary[0] <= 0.5 * layout.TEXT_WIDTH  # the trích yếu fills a line


def test_page_number_field_centred_at_top_and_none_on_page_one(docx_parts):
    sect = docx_parts["word/document.xml"].find("w:body/w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is not None
    rels = {ref.get(_w("type")): ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for ref in sect.findall("w:headerReference", NS)}
    assert set(rels) >= {"default", "first"}
    headers = {name: root for name, root in docx_parts.items() if name.startswith("word/header")}
    with_field = [root for root in headers.values() if "PAGE" in "".join(root.itertext())]
    assert len(with_field) == 1
    paragraph = with_field[0].find("w:p", NS)
    assert paragraph.find("w:pPr/w:jc", NS).get(_w("val")) == "center"
    assert [c.get(_w("fldCharType")) for c in paragraph.iter(_w("fldChar"))] == ["begin", "separate", "end"]
    empty = [root for root in headers.values() if not "".join(root.itertext()).strip()]
    assert empty  # the first-page header


def test_nothing_uses_a_theme_or_non_black_colour(docx_parts):
    for color in docx_parts["word/document.xml"].iter(_w("color")):
        assert color.get(_w("val")) in ("000000", "auto")


def test_docx_opens_in_python_docx_and_keeps_core_properties(sample_library, q2_id, tmp_path: Path):
    from docx import Document

    path = export_report(sample_library, q2_id, tmp_path / "bc.docx").path
    props = Document(str(path)).core_properties
    assert props.author == "Ủy ban nhân dân tỉnh Kiên Giang"
    assert props.title.startswith("Tình hình thực hiện Nghị quyết số 36a/NQ-CP")
    assert abs(datetime.now(UTC) - props.created) < timedelta(hours=1)  # not python-docx's 2013 template date
    assert props.last_modified_by == props.author
