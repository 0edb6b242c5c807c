"""A consolidated report's per-unit appendix reaches both documents (DOCX and PDF)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from export.document.builder import build_document
from export.document.document import Appendix, Table
from export.document.service import export_report
from model.exchange.consolidation import consolidate
from model.library.quickread import read_report
from tests.exchange_support import PROVINCE, Q2, province_with_districts, run_cli
from tests.export_text import docx_text, needs_poppler, pdf_pages

pytestmark = pytest.mark.both_engines

KEM_THEO = f"(Kèm theo Báo cáo số 12/BC-UBND ngày 05 tháng 7 năm 2018 của {PROVINCE})"
UNITS = ("Ủy ban nhân dân huyện An Minh", "Ủy ban nhân dân huyện Vĩnh Thuận", "Ủy ban nhân dân huyện Giang Thành")


@pytest.fixture
def consolidated(tmp_path: Path):
    """The province's consolidated draft, completed enough by the clerk to pass its checks."""
    library, _, reports = province_with_districts(tmp_path / "tinh.db")
    report_id = consolidate(library, Q2, PROVINCE, reports).report_id
    library.set_values(report_id, {
        "so": 12, "ngay_ban_hanh": date(2018, 7, 5), "nguoi_ky_ho_ten": "Mai Văn Huỳnh",
        "noi_nhan": ("Văn phòng Chính phủ;", "Lưu: VT."), "nhiem_vu": ("Tiếp tục triển khai.",),
        "vb_di_van_phong": 100, "vb_luan_chuyen": 1000, "mot_cua_tinh_tiep_nhan": 10, "mot_cua_tinh_dung_han": 9,
        "cks_so_nganh": 1, "cks_huyen": 3, "cks_so_chu_ky": 5})
    yield library, report_id
    library.close()


def test_the_tree_carries_the_appendix_first(consolidated) -> None:
    library, report_id = consolidated
    extra = Appendix("Bảng khác", Table(("A",), (("1",),)))
    appendices = build_document(library, report_id, appendices=[extra]).appendices
    assert [a.label for a in appendices] == ["Phụ lục I", "Phụ lục II"]
    own = appendices[0]
    assert own.title == "Số liệu Chính phủ điện tử của các đơn vị quý II năm 2018"
    assert own.caption_lines == (KEM_THEO,)
    assert own.landscape
    assert own.table.total_row
    assert [row[1] for row in own.table.rows] == [*UNITS, "Tổng cộng"]
    assert own.table.rows[-1][2] == "275"


def test_an_ordinary_report_has_no_appendix(sample_library, q2_id) -> None:
    assert build_document(sample_library, q2_id).appendices == ()


def test_docx_contains_the_appendix(consolidated, tmp_path: Path) -> None:
    library, report_id = consolidated
    out = export_report(library, report_id, tmp_path / "tong-hop.docx").path
    text = docx_text(out)
    for expected in ("Phụ lục", "SỐ LIỆU CHÍNH PHỦ ĐIỆN TỬ CỦA CÁC ĐƠN VỊ QUÝ II NĂM 2018", KEM_THEO, *UNITS,
                     "Tổng cộng", "Tỷ lệ đúng hạn", "1.400", "1.055", "75%", "3.800",
                     "như sau (số liệu của từng đơn vị tại Phụ lục kèm theo):"):
        assert expected in text, expected


@needs_poppler
def test_pdf_contains_the_appendix(consolidated, tmp_path: Path) -> None:
    library, report_id = consolidated
    out = export_report(library, report_id, tmp_path / "tong-hop.pdf").path
    pages = pdf_pages(out)
    appendix = next(i for i, page in enumerate(pages) if page.strip().startswith("Phụ lục"))
    text = re.sub(r"\s+", " ", " ".join(pages[appendix:]))
    for expected in ("SỐ LIỆU CHÍNH PHỦ ĐIỆN TỬ CỦA CÁC ĐƠN VỊ QUÝ II NĂM 2018", KEM_THEO, "Vĩnh Thuận",
                     "Giang Thành", "Tổng cộng", "1.400", "1.055", "75%", "3.800"):
        assert expected in text, expected


def test_command_line_export_carries_the_appendix(consolidated, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    library, report_id = consolidated
    out = tmp_path / "tong-hop.docx"
    code, _, err = run_cli(capsys, "export", library.path, "--report", report_id, "--to", out)
    assert code == 0, err
    text = docx_text(out)
    assert "SỐ LIỆU CHÍNH PHỦ ĐIỆN TỬ CỦA CÁC ĐƠN VỊ QUÝ II NĂM 2018" in text and "1.055" in text


def test_quick_read_snapshot_gives_the_same_appendix(consolidated) -> None:
    library, report_id = consolidated
    snapshot = read_report(library.path, report_id)
    assert snapshot is not None
    assert snapshot.appendix(report_id) == library.appendix(report_id) is not None
