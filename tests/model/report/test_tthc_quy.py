"""The quarterly report on administrative procedures (``tthc_quy``) end to end, as a district clerk and the
province make it: ``set`` and ``check`` from the command line, DOCX and PDF with the body table read back, a
computed total ``set`` cannot overwrite, the 6-month rollup with the first quarter's opening balance, carry-forward
of the pending files, consolidation with the per-unit table, and the Excel entry form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx

from export.document.service import export_report
from model.excel.figures import write_figures
from model.excel.form import write_form
from model.excel.importing import import_workbooks
from model.excel.layout import DATA_SHEET, layout_for
from model.exchange.consolidation import consolidate
from model.exchange.rollup import rollup
from model.library.library import Library, LibraryError
from model.vietnamese.period import Period
from tests.exchange_support import run_cli
from tests.export_text import docx_text, normalise

PROVINCE = "Ủy ban nhân dân tỉnh Kiên Giang"
DISTRICT = "Ủy ban nhân dân huyện An Minh"
Q1 = {"hs_ky_truoc": 1250, "hs_truc_tuyen": 20_000, "hs_truc_tiep": 25_000, "hs_buu_chinh": 1570,
      "da_gq_truoc_han": 10_000, "da_gq_dung_han": 33_322, "da_gq_qua_han": 658, "dang_gq_trong_han": 3500,
      "dang_gq_qua_han": 340}
Q1_TYPED = [f"{key}={value:,}".replace(",", ".") for key, value in Q1.items()]
FIGURE_ROWS = [["STT", "Chỉ tiêu", "Số hồ sơ"], ["I", "Số hồ sơ nhận giải quyết", "47.820"],
               ["1", "Kỳ trước chuyển sang", "1.250"], ["2", "Mới tiếp nhận trực tuyến", "20.000"]]


def _library(path: Path) -> tuple[Library, str, str]:
    library = Library.create(path)
    province = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
    district = library.add_organization(DISTRICT, "ỦY BAN NHÂN DÂN\nHUYỆN AN MINH", "Kiên Giang",
                                        parent_header="UBND TỈNH KIÊN GIANG", parent_id=province)
    return library, province, district


def library_problems(path: Path, report: str) -> list:
    with Library.open(path) as library:
        return library.check(report)


def _finish(library: Library, report: str, day: date) -> None:
    library.set_values(report, {"ngay_ban_hanh": day, "nguoi_ky_ho_ten": "Nguyễn Văn A",
                                "nhiem_vu": ("Đẩy mạnh tiếp nhận trực tuyến", "Giảm hồ sơ quá hạn")})


@pytest.fixture
def quarter_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    """The district's quý I/2024 report filled with ``set`` from the command line."""
    path = tmp_path / "tinh.db"
    library, _, district = _library(path)
    report = library.create_report(district, Period(2024, 1), template_key="tthc_quy")
    _finish(library, report, date(2024, 4, 5))
    library.close()
    code, out, err = run_cli(capsys, "set", path, "--report", report, *Q1_TYPED)
    assert code == 0, err
    assert "hs_tong = 47.820" in out and "ty_le_dung_han = 98,5%" in out and "da_gq = 43.980" in out
    return path, report


def test_set_computes_totals_and_refuses_to_overwrite_one(quarter_one: tuple[Path, str], capsys) -> None:
    path, report = quarter_one
    before = path.read_bytes()
    code, _, err = run_cli(capsys, "set", path, "--report", report, "hs_tong=50.000")
    assert code == 2 and "“Tổng số hồ sơ nhận giải quyết” (hs_tong) là số liệu tự tính" in err
    assert "không nhập tay được (50.000)" in err and err.count("\n") == 1
    assert path.read_bytes() == before
    code, out, _ = run_cli(capsys, "set", path, "--report", report, "hs_buu_chinh=1.580")
    assert code == 0 and "hs_moi = 46.580" in out and "hs_tong = 47.830" in out
    code, out, _ = run_cli(capsys, "check", path, "--report", report)
    assert "Tổng số hồ sơ nhận giải quyết là 47.830 nhưng đã giải quyết cộng đang giải quyết là 47.820." in out


def test_check_passes_and_a_ratio_typed_with_a_decimal_comma_is_read(quarter_one: tuple[Path, str],
                                                                      capsys) -> None:
    path, report = quarter_one
    code, out, _ = run_cli(capsys, "check", path, "--report", report)
    assert code == 0 and "0 lỗi, 0 cảnh báo" in out  # hs_xin_loi blank: its sentence is left out, no "…" warning
    code, out, _ = run_cli(capsys, "set", path, "--report", report, "ty_le_dung_han=98,4")
    assert code == 0 and "ty_le_dung_han = 98,4%" in out
    code, out, _ = run_cli(capsys, "check", path, "--report", report)
    assert "“Tỷ lệ giải quyết trước hạn và đúng hạn” là 98,4% nhưng 43.322/43.980 = 98,5%." in out


def test_docx_and_pdf_carry_the_body_table_and_the_conditional_sentence(quarter_one: tuple[Path, str],
                                                                         tmp_path: Path) -> None:
    path, report = quarter_one
    with Library.open(path) as library:
        export_report(library, report, tmp_path / "q1.docx")
        export_report(library, report, tmp_path / "q1.pdf")
        library.set_values(report, {"hs_xin_loi": 12, "nguyen_nhan_qua_han": "Hồ sơ đất đai phải xác minh."})
        export_report(library, report, tmp_path / "q1-xin-loi.docx")
    text = normalise(docx_text(tmp_path / "q1.docx"))
    assert "tỷ lệ giải quyết trước hạn và đúng hạn đạt 98,5%" in text
    assert "xin lỗi" not in text and "Nguyên nhân" not in text and "1. Đẩy mạnh tiếp nhận trực tuyến;" in text
    shown = normalise(docx_text(tmp_path / "q1-xin-loi.docx"))
    assert "đã gửi 12 văn bản xin lỗi" in shown and "a) Nguyên nhân hồ sơ quá hạn: Hồ sơ đất đai" in shown

    table = next(t for t in open_docx(str(tmp_path / "q1.docx")).tables if t.rows[0].cells[0].text == "STT")
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[:4] == FIGURE_ROWS
    assert ["", "Tỷ lệ trước hạn và đúng hạn", "98,5%"] in cells
    assert cells[-1] == ["", "Cộng đã giải quyết và đang giải quyết", "47.820"]
    assert table.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None

    with pdfplumber.open(tmp_path / "q1.pdf") as pdf:
        rows = [row for page in pdf.pages for found in page.extract_tables() for row in found]
    assert rows[:4] == FIGURE_ROWS
    assert rows.count(["STT", "Chỉ tiêu", "Số hồ sơ"]) == len([r for r in rows if r[0] == "STT"])
    assert ["", "Cộng đã giải quyết và đang giải quyết", "47.820"] in rows


def test_rollup_takes_the_opening_balance_from_the_first_quarter(quarter_one: tuple[Path, str]) -> None:
    path, report = quarter_one
    with Library.open(path) as library:
        district = library.report(report).organization_id
        q2 = library.create_report(district, Period(2024, 2), template_key="tthc_quy", carry_from=report)
        assert library.values(q2)["hs_ky_truoc"] == 3840  # the pending files of quý I
        library.set_values(q2, {"hs_truc_tuyen": 21_000, "hs_truc_tiep": 24_000, "hs_buu_chinh": 1000,
                                "da_gq_truoc_han": 12_000, "da_gq_dung_han": 33_000, "da_gq_qua_han": 840,
                                "dang_gq_trong_han": 4000, "dang_gq_qua_han": 0})
        _finish(library, q2, date(2024, 7, 5))
        half = rollup(library, DISTRICT, Period(2024, 1, "half"), "tthc_quy").report_id
        values = library.values(half)
        _finish(library, half, date(2024, 7, 10))
    assert values["hs_ky_truoc"] == 1250  # not 3.840, the second quarter's
    assert values["hs_moi"] == 46_570 + 46_000 and values["hs_tong"] == 1250 + 92_570
    assert values["da_gq"] == 43_980 + 45_840 and values["dang_gq"] == 4000 and values["dang_gq_qua_han"] == 0
    assert values["hs_tong"] == values["da_gq"] + values["dang_gq"]  # holds only with quý I's opening balance
    assert values["ty_le_dung_han"] == 983  # (43.322 + 45.000) / 89.820 = 98,3%, recomputed, never averaged
    assert not [p for p in library_problems(path, half) if p.is_error]


def test_consolidation_prints_one_row_per_unit_with_two_header_rows(tmp_path: Path) -> None:
    library, province, district = _library(tmp_path / "tinh.db")
    other = library.add_organization("Ủy ban nhân dân huyện U Minh Thượng", "ỦY BAN NHÂN DÂN\nHUYỆN U MINH THƯỢNG",
                                     "Kiên Giang", parent_header="UBND TỈNH KIÊN GIANG", parent_id=province)
    sources = []
    for office, figures in ((district, Q1), (other, {**Q1, "hs_buu_chinh": 430, "da_gq_dung_han": 32_182})):
        report = library.create_report(office, Period(2024, 1), template_key="tthc_quy")
        library.set_values(report, figures)
        sources.append(report)
    made = consolidate(library, Period(2024, 1), PROVINCE, sources).report_id
    values = library.values(made)
    assert values["hs_moi"] == 46_570 + 45_430 and values["hs_tong"] == 2 * 1250 + 92_000
    assert values["ty_le_dung_han"] == 985  # 85.504 / 86.820, recomputed from the summed counts
    _finish(library, made, date(2024, 4, 10))
    export_report(library, made, tmp_path / "tinh.docx")
    export_report(library, made, tmp_path / "tinh.pdf")
    write_figures(library, [library.report(made)], tmp_path / "so-lieu.xlsx")
    library.close()
    import openpyxl

    appendix = openpyxl.load_workbook(tmp_path / "so-lieu.xlsx")["Phụ lục 1"]
    ratios = [row[-1] for row in appendix.iter_rows() if row[-1].number_format == "0.0%"]
    assert [cell.value for cell in ratios] == [0.985, 0.985, 0.985]  # each unit and the total, one decimal
    table = next(t for t in open_docx(str(tmp_path / "tinh.docx")).tables if "Đơn vị" in t.rows[0].cells[1].text)
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0][2] == cells[0][3] == "Số hồ sơ nhận giải quyết"  # joined across two columns
    assert cells[1][:4] == ["STT", "Đơn vị", "Tổng số", "Mới tiếp nhận"]  # STT and Đơn vị span both rows
    assert cells[2] == ["1", DISTRICT, "47.820", "46.570", "43.980", "658", "3.840", "98,5%"]
    assert cells[3] == ["2", "Ủy ban nhân dân huyện U Minh Thượng", "46.680", "45.430", "42.840", "658", "3.840",
                        "98,5%"]
    assert cells[-1] == ["", "Tổng cộng", "94.500", "92.000", "86.820", "1.316", "7.680", "98,5%"]
    with pdfplumber.open(tmp_path / "tinh.pdf") as pdf:
        rows = [row for page in pdf.pages for found in page.extract_tables() for row in found]
    assert ["1", DISTRICT, "47.820", "46.570", "43.980", "658", "3.840", "98,5%"] in [
        [(cell or "").replace("\n", " ") for cell in row] for row in rows]


def test_the_excel_form_computes_totals_and_reads_them_back(quarter_one: tuple[Path, str], tmp_path: Path) -> None:
    import openpyxl

    path, report = quarter_one
    with Library.open(path) as library:
        form = write_form(library, report, tmp_path / "phieu.xlsx")
        template = library.template_of(report)
        layout = layout_for(template)
        sheet = openpyxl.load_workbook(form)[DATA_SHEET]
        total = sheet[layout.row_of("hs_tong").value_cell].value
        ratio = sheet[layout.row_of("ty_le_dung_han").value_cell]
        assert str(total).startswith("=IF(AND(ISNUMBER(") and ratio.number_format == "0.0%"
        assert ",1)/100" in ratio.value
        workbook = openpyxl.load_workbook(form)
        workbook[DATA_SHEET][layout.row_of("hs_truc_tiep").value_cell] = 26_000
        workbook.save(tmp_path / "da-dien.xlsx")
        library.delete_report(report)
        import_workbooks(library, [tmp_path / "da-dien.xlsx"])
        values = library.values(library.find_report("2024-Q1").id)
    assert values["hs_moi"] == 47_570 and values["hs_tong"] == 48_820 and values["ty_le_dung_han"] == 985


def test_a_computed_figure_cannot_be_set_through_the_library(quarter_one: tuple[Path, str]) -> None:
    path, report = quarter_one
    with Library.open(path) as library:
        with pytest.raises(LibraryError, match="số liệu tự tính"):
            library.set_values(report, {"da_gq": 1})
        library.set_values(report, {"da_gq": 43_980})  # the value its parts make: accepted (a copy of a report)
        assert library.values(report)["da_gq"] == 43_980


def test_a_received_file_whose_computed_total_disagrees_with_its_parts_is_refused(quarter_one: tuple[Path, str],
                                                                                  tmp_path: Path, capsys) -> None:
    """The same rule as typing: a total edited outside the program is not stored as it came."""
    import sqlite3

    path, report = quarter_one
    sent = tmp_path / "gui.db"
    assert run_cli(capsys, "export-db", path, "--report", report, "--to", sent)[0] == 0
    receiver = tmp_path / "nhan.db"
    assert run_cli(capsys, "import", receiver, sent)[0] == 0  # the honest file is taken
    conn = sqlite3.connect(sent)
    with conn:
        conn.execute("UPDATE field_values SET int_value = 99999 WHERE key = 'hs_tong'")
    conn.close()
    before = receiver.read_bytes()
    code, _, err = run_cli(capsys, "import", receiver, sent)
    assert code == 2 and "TỪ CHỐI" in err and "“Tổng số hồ sơ" in err and "là số liệu tự tính" in err
    assert receiver.read_bytes() == before
