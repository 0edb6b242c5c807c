"""The figures of many reports in one workbook: numbers as numbers under the form's labels, the appendix of a
consolidated report on its own sheet, and both workbooks printable by LibreOffice."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pdfplumber
import pytest

from model.excel.figures import FIGURES_SHEET, FIXED_HEADERS, figure_columns
from model.excel.form import COUNT_FORMAT
from model.exchange.consolidation import consolidate
from model.library.library import Library
from model.report.shipped import load_template
from model.vietnamese.vnformat import ratio_percent
from tests.exchange_support import PROVINCE, Q2, province_with_districts, run_cli
from tests.xlsx_support import blank_district_report, new_form, soffice


def _province(tmp_path: Path) -> Path:
    """The province library with its draft consolidated from three districts."""
    library, _, reports = province_with_districts(tmp_path / "tinh.db")
    consolidate(library, Q2, PROVINCE, reports)
    library.close()
    return tmp_path / "tinh.db"


def test_figures_are_numbers_under_their_labels(tmp_path: Path, capsys) -> None:
    path = _province(tmp_path)
    code, out, err = run_cli(capsys, "xlsx-export", path, "--period", "2018-Q2", "--to", tmp_path / "so-lieu.xlsx")
    assert code == 0, err
    assert "4 báo cáo" in out and "1 trang phụ lục" in out
    workbook = openpyxl.load_workbook(tmp_path / "so-lieu.xlsx")
    sheet = workbook[FIGURES_SHEET]
    columns = figure_columns([load_template("nq36a_quy")])
    header = [c.value for c in sheet[1]]
    assert header == [*FIXED_HEADERS, *(spec.label for spec in columns)]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:")
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    an_minh = rows["Ủy ban nhân dân huyện An Minh"]
    assert an_minh[1].value == "2018-Q2" and an_minh[2].value == "dự thảo"
    tong = an_minh[header.index("Tổng số dịch vụ công trực tuyến")]
    assert type(tong.value) is int and tong.value == 120 and tong.number_format == COUNT_FORMAT
    ratio = an_minh[header.index("Một cửa cấp huyện: tỷ lệ đúng hạn")]
    assert ratio.value == 0.67 and ratio.number_format == "0%"
    province = rows[PROVINCE]
    assert province[header.index("Tổng số dịch vụ công trực tuyến")].value == 275  # 120 + 95 + 60
    on_time = province[header.index("Một cửa cấp huyện: tỷ lệ đúng hạn")].value
    assert on_time == ratio_percent(400 + 630 + 25, 600 + 700 + 100) / 100  # from summed counts, not averaged


def test_consolidated_report_adds_its_appendix_as_numbers(tmp_path: Path, capsys) -> None:
    path = _province(tmp_path)
    assert run_cli(capsys, "xlsx-export", path, "--office", PROVINCE, "--to", tmp_path / "tinh.xlsx")[0] == 0
    with Library.open(path) as library:
        consolidated = next(r for r in library.reports() if r.organization_name == PROVINCE)
        table = library.appendix(consolidated.id)
    sheet = openpyxl.load_workbook(tmp_path / "tinh.xlsx")["Phụ lục 1"]
    assert [c.value for c in sheet[3]] == list(table.header)
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert [row[1] for row in body] == [row[1] for row in table.rows] + [table.total[1]]
    shown = [[_as_appendix_text(v, c.number_format) for v, c in zip(row[2:], sheet[4 + i][2:], strict=True)]
             for i, row in enumerate(body)]
    assert shown == [list(row[2:]) for row in table.rows] + [list(table.total[2:])]


def _as_appendix_text(value: object, number_format: str) -> str:
    if value is None:
        return "-"
    if number_format == "0%":
        return f"{round(value * 100)}%"
    return f"{value:,}".replace(",", ".")


def test_nothing_to_export_and_bad_arguments_are_one_line(tmp_path: Path, capsys) -> None:
    path = _province(tmp_path)
    code, _, err = run_cli(capsys, "xlsx-export", path, "--period", "2019-Q1", "--to", tmp_path / "x.xlsx")
    assert code == 2 and err.startswith("Lỗi: Không có báo cáo nào") and not (tmp_path / "x.xlsx").exists()
    code, _, err = run_cli(capsys, "xlsx-export", path, "--period", "2018-Q5", "--to", tmp_path / "x.xlsx")
    assert code == 2 and "2018-Q5" in err and err.count("\n") == 1
    code, _, err = run_cli(capsys, "xlsx-export", path, "--to", tmp_path / "so-lieu.csv")
    assert code == 2 and "đuôi .xlsx" in err and not (tmp_path / "so-lieu.csv").exists()


@pytest.mark.slow  # a LibreOffice round trip
def test_libreoffice_prints_both_workbooks(tmp_path: Path, capsys) -> None:
    path = _province(tmp_path)
    assert run_cli(capsys, "xlsx-export", path, "--to", tmp_path / "so-lieu.xlsx")[0] == 0
    library, report = blank_district_report(tmp_path / "huyen.db")
    form = new_form(tmp_path, library, report)
    library.close()
    for workbook, expected in ((tmp_path / "so-lieu.xlsx", "Tổng cộng"), (form, "Tổng số dịch vụ công")):
        pdf = soffice(tmp_path, workbook, "pdf", tmp_path / "pdf")
        with pdfplumber.open(pdf) as document:
            text = "\n".join(page.extract_text() or "" for page in document.pages)
        assert expected in text


def test_consolidated_report_has_no_form(tmp_path: Path, capsys) -> None:
    path = _province(tmp_path)
    before = path.read_bytes()
    with Library.open(path) as library:
        consolidated = next(r for r in library.reports() if r.organization_name == PROVINCE)
    code, _, err = run_cli(capsys, "xlsx-form", path, "--report", consolidated.id, "--to", tmp_path / "phieu.xlsx")
    assert code == 2 and "Phụ lục" in err and not (tmp_path / "phieu.xlsx").exists()
    assert path.read_bytes() == before
