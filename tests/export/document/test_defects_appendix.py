"""Issue 21, the appendix of a consolidated report: columns sized from their content, so the 15 district names of
Kiên Giang stand on one line (two at most) and no header leaves a digit alone on a line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx

from export.document import fonts, layout
from export.document.service import export_report
from export.document.table_widths import content_widths
from model.exchange.consolidation import consolidate
from model.library.library import Library
from tests.exchange_support import PROVINCE, Q2, add_district

DISTRICTS = ("thành phố Rạch Giá", "thành phố Hà Tiên", "huyện Kiên Lương", "huyện Hòn Đất", "huyện Tân Hiệp",
             "huyện Châu Thành", "huyện Giồng Riềng", "huyện Gò Quao", "huyện An Biên", "huyện An Minh",
             "huyện Vĩnh Thuận", "huyện Phú Quốc", "huyện Kiên Hải", "huyện U Minh Thượng", "huyện Giang Thành")
NAMES = tuple(f"Ủy ban nhân dân {district}" for district in DISTRICTS)


@pytest.fixture(scope="module")
def fifteen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("muoi-lam")
    figures = {"dvc_tong": 1972, "dvc_muc_1_2": 1000, "dvc_muc_3": 900, "dvc_muc_4": 72, "dvc_ho_so_truc_tuyen": 176,
               "mot_cua_huyen_tiep_nhan": 12345, "mot_cua_huyen_dung_han": 12000, "cks_van_ban_ky_so": 3700}
    with Library.create(folder / "tinh.db") as library:
        province = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
        reports = [add_district(library, name, figures, parent_id=province) for name in NAMES]
        report_id = consolidate(library, Q2, PROVINCE, reports).report_id
        library.set_values(report_id, {"so": 12, "ngay_ban_hanh": date(2018, 7, 5)})
        pdf = export_report(library, report_id, folder / "tong-hop.pdf", force=True).path
        docx = export_report(library, report_id, folder / "tong-hop.docx", force=True).path
    return pdf, docx


def _appendix_lines(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        pages = [page for page in document.pages if page.width > page.height]
        return [line for page in pages for line in (page.extract_text() or "").splitlines()]


def test_every_district_name_stands_on_one_line(fifteen) -> None:
    lines = _appendix_lines(fifteen[0])
    for name in NAMES:
        assert any(name in line for line in lines), name


def test_no_header_leaves_a_digit_alone_on_a_line(fifteen) -> None:
    lines = _appendix_lines(fifteen[0])
    assert not [line for line in lines if line.strip() in {"3", "4"}]
    header = next(index for index, line in enumerate(lines) if "STT" in line)
    assert "mức 3" in " ".join(lines[header - 2:header + 3])


def test_the_docx_columns_are_as_wide(fifteen) -> None:
    table = open_docx(str(fifteen[1])).tables[-1]
    unit_column = table.rows[0].cells[1].width.pt
    widest = max(fonts.text_width(name, layout.SIZE_TABLE) for name in NAMES)
    assert unit_column >= widest + 2 * layout.TABLE_CELL_PADDING
    total = sum(cell.width.pt for cell in table.rows[0].cells)
    assert abs(total - layout.LANDSCAPE_TEXT_WIDTH) < 1


def test_a_name_too_long_for_one_line_takes_two_and_figures_never_wrap() -> None:
    header = ("STT", "Đơn vị", *(f"Chỉ tiêu số {i}" for i in range(1, 9)))
    long_name = "Ủy ban nhân dân thị xã Một Tên Rất Dài Của Đơn Vị Hành Chính Mới Sáp Nhập Năm 2025"
    rows = [("1", long_name, *("1.234.567",) * 8), ("", "Tổng cộng", *("9.876.543",) * 8)]
    widths = content_widths(header, rows, layout.LANDSCAPE_TEXT_WIDTH, bold_last_row=True)
    assert abs(sum(widths) - layout.LANDSCAPE_TEXT_WIDTH) < 0.01
    pad = 2 * layout.TABLE_CELL_PADDING
    name_width = fonts.text_width(long_name, layout.SIZE_TABLE)
    assert widths[1] - pad >= name_width / 2  # two lines at most
    assert all(width - pad >= fonts.text_width("9.876.543", layout.SIZE_TABLE, bold=True) for width in widths[2:])
