"""Appendices (phụ lục): numbered, captioned with the report they go with, their own page numbering."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from lxml import etree

from export.document.builder import build_document, roman
from export.document.document import Appendix, Table
from export.document.service import export_report
from tests.export_text import docx_text, needs_poppler, pdf_pages

pytestmark = pytest.mark.both_engines

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
KEM_THEO = ("(Kèm theo Báo cáo số 154/BC-UBND ngày 18 tháng 6 năm 2018 "
            "của Ủy ban nhân dân tỉnh Kiên Giang)")


def _units_table(count: int) -> Table:
    rows = tuple((str(i), f"UBND huyện số {i}", f"{1000 + i:,}".replace(",", "."), "43%") for i in range(1, count + 1))
    return Table(("STT", "Đơn vị", "Hồ sơ tiếp nhận", "Tỷ lệ đúng hạn"),
                 (*rows, ("", "Tổng cộng", "99.999", "50%")), widths=(0.6, 3, 1.4, 1.4),
                 align=("center", "left", "right", "right"), total_row=True)


def test_one_appendix_is_unnumbered_and_gets_the_kem_theo_line(sample_library, q2_id):
    (appendix,) = build_document(sample_library, q2_id, appendices=[Appendix("Số liệu các đơn vị", _units_table(2),
                                                                         caption_lines=("Đơn vị tính: hồ sơ",))]
                                 ).appendices
    assert appendix.label == "Phụ lục"
    assert appendix.caption_lines == (KEM_THEO, "Đơn vị tính: hồ sơ")


def test_several_appendices_get_roman_numerals(sample_library, q2_id):
    given = [Appendix(f"Bảng {i}", _units_table(1)) for i in range(1, 5)]
    labels = [a.label for a in build_document(sample_library, q2_id, appendices=given).appendices]
    assert labels == ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Phụ lục IV"]
    assert [roman(n) for n in (9, 14, 40)] == ["IX", "XIV", "XL"]


def test_a_draft_appendix_leaves_the_number_blank(sample_library, q2_id):
    sample_library.set_values(q2_id, {"so": None})
    (appendix,) = build_document(sample_library, q2_id, appendices=[Appendix("Bảng", _units_table(1))]).appendices
    assert appendix.caption_lines[0].startswith("(Kèm theo Báo cáo số      /BC-UBND ngày 18 tháng 6 năm 2018")


def test_table_shape_is_checked():
    with pytest.raises(ValueError):
        Table(("A", "B"), (("1",),))
    with pytest.raises(ValueError):
        Table(("A", "B"), (), widths=(1.0,))


@pytest.fixture
def appendices() -> list[Appendix]:
    return [Appendix("Số liệu Chính phủ điện tử của các đơn vị quý II năm 2018", _units_table(45)),
            Appendix("Bảng khổ ngang", _units_table(3), landscape=True)]


def test_docx_appendices_are_sections_that_restart_numbering(sample_library, q2_id, tmp_path, appendices):
    out = export_report(sample_library, q2_id, tmp_path / "pl.docx", appendices=appendices).path
    text = docx_text(out)
    for expected in ("Phụ lục I", "SỐ LIỆU CHÍNH PHỦ ĐIỆN TỬ CỦA CÁC ĐƠN VỊ QUÝ II NĂM 2018", KEM_THEO,
                     "UBND huyện số 45", "1.045", "Tổng cộng", "99.999", "Phụ lục II", "BẢNG KHỔ NGANG"):
        assert expected in text
    with zipfile.ZipFile(out) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    sections = body.findall(".//w:sectPr", NS)
    assert len(sections) == 3
    endings = body.findall("w:body/w:p/w:pPr/w:sectPr/../..", NS)  # the paragraphs that end a section
    assert len(endings) == 2
    for ending in endings:
        assert not "".join(ending.itertext())
        spacing = ending.find("w:pPr/w:spacing", NS)
        assert (spacing.get(f"{{{NS['w']}}}line"), spacing.get(f"{{{NS['w']}}}lineRule")) == ("20", "exact")
    for sect in sections[1:]:
        assert sect.find("w:pgNumType", NS).get(f"{{{NS['w']}}}start") == "1"
        assert sect.find("w:titlePg", NS) is not None
    landscape = sections[2].find("w:pgSz", NS)
    assert (landscape.get(f"{{{NS['w']}}}w"), landscape.get(f"{{{NS['w']}}}orient")) == ("16838", "landscape")
    header_rows = body.findall(".//w:tbl/w:tr/w:trPr/w:tblHeader", NS)
    assert len(header_rows) == 2  # the header row repeats on every page of each appendix table


@needs_poppler
def test_pdf_appendices_start_new_pages_numbered_on_their_own(sample_library, q2_id, tmp_path, appendices):
    out = export_report(sample_library, q2_id, tmp_path / "pl.pdf", appendices=appendices).path
    pages = pdf_pages(out)
    first_lines = [page.strip().split("\n")[0] for page in pages]
    start = first_lines.index("Phụ lục I")
    assert start >= 2 and first_lines[1:start] == [str(n) for n in range(2, start + 1)]
    assert first_lines[start + 1] == "2"  # the 45-unit table runs onto a second page, numbered 2
    assert "STT" in pages[start + 1]  # with its header row repeated
    landscape = first_lines.index("Phụ lục II")
    assert landscape == len(pages) - 1
    info = subprocess.run(["pdfinfo", "-f", str(landscape + 1), "-l", str(landscape + 1), str(out)],
                          capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height
    assert KEM_THEO in re.sub(r"\s+", " ", pages[start])
