"""The DOCX as a Word document a clerk keeps editing: heading styles with outline levels (Navigation Pane, table
of contents), black Times New Roman, line spacing that grows with a larger run, our own metadata only, spaces kept."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from lxml import etree

from export.document.docx_package import APPLICATION_NAME
from export.document.service import export_report

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture
def docx_path(sample_library, q2_id, tmp_path) -> Path:
    sample_library.set_values(q2_id, {"so": None})  # a draft: "Số:      /BC-UBND"
    return export_report(sample_library, q2_id, tmp_path / "bc.docx").path


def _style(styles: etree._Element, style_id: str) -> etree._Element:
    return next(s for s in styles.findall("w:style", NS) if s.get(_w("styleId")) == style_id)


def test_headings_use_heading_styles_with_outline_levels(docx_path: Path) -> None:
    doc = open_docx(str(docx_path))
    by_style: dict[str, list[str]] = {}
    for paragraph in doc.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text.strip())
    assert by_style["Heading 1"] == ["I. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ NGHỊ QUYẾT SỐ 36a/NQ-CP",
                                     "II. NHIỆM VỤ TRONG THỜI GIAN TỚI:"]
    assert [text.split(" ", 1)[0] for text in by_style["Heading 2"]] == [f"{n}." for n in range(1, 8)]
    assert "3. Dịch vụ công trực tuyến:" in by_style["Heading 2"]
    styles = etree.fromstring(zipfile.ZipFile(docx_path).read("word/styles.xml"))
    for level, style_id in enumerate(("Heading1", "Heading2")):
        style = _style(styles, style_id)
        assert style.find("w:pPr/w:outlineLvl", NS).get(_w("val")) == str(level)
        rpr = style.find("w:rPr", NS)
        assert rpr.find("w:sz", NS).get(_w("val")) == "28"  # 14 pt, as the body
        italic = rpr.find("w:i", NS)
        assert rpr.find("w:b", NS) is not None and (italic is None or italic.get(_w("val")) in ("0", "false"))
        assert {rpr.find("w:rFonts", NS).get(_w(slot)) for slot in ("ascii", "hAnsi", "cs")} == {"Times New Roman"}
        assert style.find("w:pPr/w:spacing", NS).get(_w("before")) == "0"


def test_no_style_is_coloured(docx_path: Path) -> None:
    styles = etree.fromstring(zipfile.ZipFile(docx_path).read("word/styles.xml"))
    colours = {c.get(_w("val")) for c in styles.iter(_w("color"))}
    assert colours <= {"000000", "auto"}
    assert not [c for c in styles.iter(_w("color")) if c.get(_w("themeColor"))]


def test_a_run_in_heading_ends_with_a_style_separator(docx_path: Path) -> None:
    body = etree.fromstring(zipfile.ZipFile(docx_path).read("word/document.xml"))
    headings = [p for p in body.iter(_w("p")) if p.find("w:pPr/w:pStyle", NS) is not None
                and p.find("w:pPr/w:pStyle", NS).get(_w("val")) == "Heading2"]
    hidden_mark = {"".join(p.itertext()).strip(): p.find("w:pPr/w:rPr/w:specVanish", NS) is not None
                   for p in headings}
    assert hidden_mark["1. Cổng thông tin điện tử:"]  # printed inline with its paragraph, as in the sample
    assert not hidden_mark["6. Hạ tầng công nghệ thông tin:"]  # on a line of its own


def test_body_line_spacing_is_at_least_the_pdf_pitch(docx_path: Path) -> None:
    styles = etree.fromstring(zipfile.ZipFile(docx_path).read("word/styles.xml"))
    for style_id in ("Normal", "Heading1", "Heading2"):
        spacing = _style(styles, style_id).find("w:pPr/w:spacing", NS)
        assert spacing.get(_w("lineRule")) == "atLeast" and spacing.get(_w("line")) == "360"
    body = etree.fromstring(zipfile.ZipFile(docx_path).read("word/document.xml"))
    assert not [s for s in body.iter(_w("spacing")) if s.get(_w("lineRule")) == "exact"
                and int(s.get(_w("line"))) > 20]  # only the 1 pt rule paragraphs are exact


def test_the_package_names_our_application_and_nothing_left_from_python_docx(docx_path: Path) -> None:
    with zipfile.ZipFile(docx_path) as package:
        names = package.namelist()
        app = etree.fromstring(package.read("docProps/app.xml"))
        rels = package.read("_rels/.rels").decode() + package.read("word/_rels/document.xml.rels").decode()
    assert app.find("ep:Application", NS).text == APPLICATION_NAME
    assert app.find("ep:Company", NS).text == "Ủy ban nhân dân tỉnh Kiên Giang"
    assert app.find("ep:Pages", NS) is None  # no false page count: Word counts when it opens the file
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml") or "stylesWithEffects" in n]
    assert "thumbnail" not in rels and "customXml" not in rels
    with zipfile.ZipFile(docx_path) as package:
        settings = etree.fromstring(package.read("word/settings.xml"))
    assert settings.find("w:proofState", NS) is None  # Word checks the spelling of what it has not checked


def test_deliberate_spaces_are_preserved(docx_path: Path) -> None:
    body = etree.fromstring(zipfile.ZipFile(docx_path).read("word/document.xml"))
    number = next(t for t in body.iter(_w("t")) if t.text and t.text.startswith("Số:"))
    assert number.text == "Số:      /BC-UBND"
    assert number.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
