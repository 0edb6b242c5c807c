"""Where things land on the pages: page numbers of a landscape appendix, a total row never alone on a page,
a khoản heading whose narrative is blank standing on a line of its own (PDF and DOCX)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from export.document.builder import build_document
from export.document.document import Appendix, Heading, Paragraph
from export.document.docx_writer import write_docx
from export.document.pdf_writer import write_pdf
from export.document.service import export_report
from model.exchange.consolidation import consolidate
from model.library.library import Library
from tests.exchange_support import PROVINCE, Q2, add_district
from tests.export.document.test_export_appendix import _units_table
from tests.export_text import docx_paragraphs, needs_poppler

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def forty_units(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDF of a province's report consolidated from 40 districts (a landscape appendix of several pages)."""
    folder = tmp_path_factory.mktemp("forty")
    with Library.create(folder / "tinh.db") as library:
        province = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
        reports = [add_district(library, f"Ủy ban nhân dân huyện Số {i}",
                                {"dvc_tong": 100 + i, "dvc_muc_1_2": 50, "dvc_muc_3": 40 + i, "dvc_muc_4": 10,
                                 "mot_cua_huyen_tiep_nhan": 600 + i, "mot_cua_huyen_dung_han": 400},
                                parent_id=province) for i in range(1, 41)]
        report_id = consolidate(library, Q2, PROVINCE, reports).report_id
        library.set_values(report_id, {"so": 12, "ngay_ban_hanh": date(2018, 7, 5)})
        return export_report(library, report_id, folder / "tong-hop.pdf", force=True).path


def test_every_landscape_appendix_page_from_its_second_has_its_number_in_the_top_margin(forty_units: Path) -> None:
    with pdfplumber.open(forty_units) as pdf:
        appendix = [page for page in pdf.pages if page.width > page.height]
        assert len(appendix) >= 2
        for number, page in enumerate(appendix, start=1):
            top = [w for w in page.extract_words() if w["bottom"] < 20 * 72 / 25.4]  # inside the 20 mm margin
            if number == 1:
                assert top == []  # the appendix's first page carries no number
                continue
            assert [w["text"] for w in top] == [str(number)]
            word = top[0]
            assert word["top"] > 0 and word["x0"] > 0 and word["x1"] < page.width
            text_centre = (30 + (297 - 15)) / 2 * 72 / 25.4
            assert abs((word["x0"] + word["x1"]) / 2 - text_centre) < 2


@needs_poppler
@pytest.mark.parametrize("rows, landscape", [(33, False), (21, True)])  # lengths that left the total alone
def test_the_total_row_never_stands_alone_on_a_page(sample_library, q2_id, tmp_path: Path, rows: int,
                                                    landscape: bool) -> None:
    document = build_document(sample_library, q2_id,
                              appendices=[Appendix("Số liệu các đơn vị", _units_table(rows), landscape=landscape)])
    write_pdf(document, tmp_path / "bao-cao.pdf")
    with pdfplumber.open(tmp_path / "bao-cao.pdf") as pdf:
        last = pdf.pages[-1].extract_text()
    assert "Tổng cộng" in last and f"UBND huyện số {rows}" in last

    write_docx(document, tmp_path / "bao-cao.docx")
    body = etree.fromstring(zipfile.ZipFile(tmp_path / "bao-cao.docx").read("word/document.xml"))
    table = body.findall(f".//{W}tbl")[-1]
    last_data_row = table.findall(f"{W}tr")[-2]
    paragraphs = last_data_row.findall(f".//{W}p")
    assert paragraphs and all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs)


@pytest.fixture
def blank_narratives(sample_library, q2_id):
    sample_library.set_values(q2_id, {"qlvb_tinh_hinh": None, "mot_cua_tinh_hinh": None})
    return sample_library, q2_id


def test_a_blank_narrative_leaves_its_heading_on_a_line_of_its_own(blank_narratives) -> None:
    body = build_document(*blank_narratives).body
    index = next(i for i, b in enumerate(body) if b.text == "2. Hệ thống quản lý văn bản:")
    assert isinstance(body[index], Heading) and body[index].level == 2
    following = body[index + 1]
    assert isinstance(following, Paragraph) and following.heading is None
    assert following.text.startswith("- Thống kê văn bản điện tử:")
    assert any(b.text == "4. Hệ thống một cửa điện tử:" and isinstance(b, Heading) for b in body)


@needs_poppler
def test_both_documents_print_the_heading_as_its_own_paragraph(blank_narratives, tmp_path: Path) -> None:
    library, report_id = blank_narratives
    pdf = export_report(library, report_id, tmp_path / "bao-cao.pdf").path
    with pdfplumber.open(pdf) as document:
        lines = [line["text"] for page in document.pages for line in page.extract_text_lines()]
    for heading, bullet in (("2. Hệ thống quản lý văn bản:", "- Thống kê văn bản điện tử:"),
                            ("4. Hệ thống một cửa điện tử:", "- Một cửa điện tử cấp tỉnh:")):
        assert heading in lines  # the whole printed line: nothing glued after it
        assert lines[lines.index(heading) + 1].startswith(bullet)

    docx = export_report(library, report_id, tmp_path / "bao-cao.docx").path
    paragraphs = docx_paragraphs(docx)
    assert "2. Hệ thống quản lý văn bản:" in paragraphs
    following = paragraphs[paragraphs.index("2. Hệ thống quản lý văn bản:") + 1]
    assert following.startswith("- Thống kê văn bản điện tử:")


def test_the_checks_warn_that_a_narrative_is_blank(blank_narratives) -> None:
    library, report_id = blank_narratives
    warnings = {p.field_keys: p for p in library.check(report_id) if not p.is_error}
    for key in ("qlvb_tinh_hinh", "mot_cua_tinh_hinh"):
        assert "để trống" in warnings[(key,)].message
        assert library.template_of(report_id).fields[key].label in warnings[(key,)].message
    assert ("cong_ttdt_tinh_hinh",) not in warnings  # the sample wrote that one
