"""The data-entry workbook: what a district clerk gets, fills in Excel or LibreOffice, and sends back."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from model.excel.layout import DATA_SHEET, META_SHEET, layout_for
from model.library.library import Library
from model.report.shipped import load_template
from tests.exchange_support import PROVINCE, run_cli
from tests.xlsx_support import DISTRICT, FILLED, blank_district_report, cell_of, fill_form, new_form, soffice


def _fields(capsys, library_path: Path, report: str) -> dict[str, object]:
    code, out, err = run_cli(capsys, "fields", library_path, "--report", report, "--json")
    assert code == 0, err
    return {row["key"]: row["value"] for row in json.loads(out)}


def _expected(values: dict[str, object]) -> dict[str, object]:
    """What ``fields --json`` shows for the filled values: dates in ISO, the ratio the program computes."""
    shown = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}
    shown["mot_cua_huyen_ty_le"] = 67  # 400 of 600, computed, never typed
    return shown


def test_form_is_protected_with_entry_cells_unlocked_and_validated(tmp_path: Path) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    workbook = openpyxl.load_workbook(new_form(tmp_path, library, report))
    sheet = workbook[DATA_SHEET]
    assert sheet.protection.sheet and not sheet.protection.password
    assert workbook.security.lockStructure
    assert DISTRICT in sheet["B2"].value and "quý II năm 2018" in sheet["B3"].value
    layout = layout_for(load_template("nq36a_quy"))
    for field in layout.fields:
        assert sheet[f"B{field.row}"].value.rstrip(" *") == field.spec.label
        assert sheet[f"B{field.row}"].protection.locked
        assert sheet[field.value_cell].protection.locked is (not field.is_input)
    assert sheet[f"C{layout.row_of('dvc_tong').row}"].value == "dịch vụ"
    whole_ranges = {str(r) for v in sheet.data_validations.dataValidation if v.type == "whole" for r in v.sqref.ranges}
    assert cell_of("dvc_muc_3") in whole_ranges and cell_of("mot_cua_tinh_hinh") not in whole_ranges
    total = layout.row_of("dvc_tong").row
    parts = ",".join(cell_of(k) for k in ("dvc_muc_1_2", "dvc_muc_3", "dvc_muc_4"))
    assert sheet[f"E{total}"].value == f'=IF(COUNT({parts})=0,"",SUM({parts}))'
    on_time = layout.row_of("mot_cua_huyen_dung_han").row
    assert "Lớn hơn “Một cửa cấp huyện: hồ sơ tiếp nhận”" in sheet[f"F{on_time}"].value
    assert sheet[cell_of("mo_dau")].alignment.wrap_text
    assert workbook[META_SHEET].sheet_state == "veryHidden"
    meta = {row[0]: row[1] for row in workbook[META_SHEET].iter_rows(values_only=True)}
    assert (meta["template_key"], meta["template_version"], meta["report_id"], meta["format_version"]) == (
        "nq36a_quy", "1", report, "1")


def test_filled_form_comes_back_into_the_same_library_and_into_another(tmp_path: Path, capsys) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    filled = fill_form(new_form(tmp_path, library, report), tmp_path / "da-dien.xlsx", FILLED)
    library.close()
    code, out, err = run_cli(capsys, "xlsx-import", tmp_path / "tinh.db", filled)
    assert code == 0, err
    assert "cập nhật 1" in out
    fields = _fields(capsys, tmp_path / "tinh.db", report)
    assert {k: fields[k] for k in _expected(FILLED)} == _expected(FILLED)
    assert fields["ky_hieu"] == "BC-UBND"  # a default of the blank report, kept through the form
    code, out, _ = run_cli(capsys, "xlsx-import", tmp_path / "tinh.db", filled)
    assert code == 0 and "bỏ qua 1" in out  # the same workbook twice changes nothing
    code, out, err = run_cli(capsys, "xlsx-import", tmp_path / "moi.db", filled)
    assert code == 0 and "thêm 1" in out, err
    other = _fields(capsys, tmp_path / "moi.db", report)
    assert other == fields
    with Library.open(tmp_path / "moi.db") as received:
        assert {o.name for o in received.organizations()} == {PROVINCE, DISTRICT}  # the office and its parent


def test_checks_find_the_same_problems_as_for_typed_figures(tmp_path: Path, capsys) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    wrong = {**FILLED, "dvc_tong": 150}
    filled = fill_form(new_form(tmp_path, library, report), tmp_path / "sai-tong.xlsx", wrong)
    library.close()
    assert run_cli(capsys, "xlsx-import", tmp_path / "tinh.db", filled)[0] == 0
    with Library.open(tmp_path / "tinh.db") as imported:
        from_excel = [(p.severity, p.field_keys, p.message) for p in imported.check(report)]
    typed_library, typed_report = blank_district_report(tmp_path / "go-tay.db")
    typed_library.set_typed(typed_report, {k: v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else str(v)
                                           for k, v in wrong.items()})
    assert from_excel == [(p.severity, p.field_keys, p.message) for p in typed_library.check(typed_report)]
    assert any("Tổng số dịch vụ công trực tuyến" in message for _, _, message in from_excel)
    typed_library.close()


@pytest.mark.slow  # a LibreOffice round trip
def test_form_filled_and_saved_by_libreoffice_imports_the_same(tmp_path: Path, capsys) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    parts = ",".join(cell_of(k) for k in ("dvc_muc_1_2", "dvc_muc_3", "dvc_muc_4"))
    typed = {**FILLED, "dvc_tong": f"=SUM({parts})"}  # a clerk's formula: Calc saves its result, which is read
    filled = fill_form(new_form(tmp_path, library, report), tmp_path / "da-dien.xlsx", typed)
    library.close()
    resaved = soffice(tmp_path, filled, "xlsx:Calc MS Excel 2007 XML", tmp_path / "libreoffice")
    assert openpyxl.load_workbook(resaved)[META_SHEET].sheet_state != "visible"
    code, out, err = run_cli(capsys, "xlsx-import", tmp_path / "tinh.db", resaved)
    assert code == 0 and "cập nhật 1" in out, err
    fields = _fields(capsys, tmp_path / "tinh.db", report)
    assert {k: fields[k] for k in _expected(FILLED)} == _expected(FILLED)


@pytest.mark.parametrize("text", ["1.972", "1972", " 1 972 "])
def test_counts_typed_as_text_read_like_the_form(tmp_path: Path, capsys, text: str) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    filled = fill_form(new_form(tmp_path, library, report), tmp_path / "chu.xlsx", {"vb_di_van_phong": text})
    library.close()
    assert run_cli(capsys, "xlsx-import", tmp_path / "tinh.db", filled)[0] == 0
    assert _fields(capsys, tmp_path / "tinh.db", report)["vb_di_van_phong"] == 1972


def test_many_workbooks_read_in_parallel_give_the_same_result(tmp_path: Path, monkeypatch) -> None:
    import model.excel.importing
    from model.excel.reading import read_workbook
    from model.exchange.dbimport import import_files

    library, report = blank_district_report(tmp_path / "tinh.db")
    form = new_form(tmp_path, library, report)
    library.close()
    good = fill_form(form, tmp_path / "tot.xlsx", FILLED)
    workbooks = [good, fill_form(form, tmp_path / "sai.xlsx", {"dvc_muc_3": "1,5"}), tmp_path / "tinh.db"]
    monkeypatch.setattr(model.excel.importing, "PARALLEL_FROM", 2)  # three workbooks are read by worker processes
    outcomes = []
    for importer in (model.excel.importing.import_workbooks,
                     lambda lib, paths: import_files(lib, paths, reader=read_workbook)):
        copy = tmp_path / f"nhan-{len(outcomes)}.db"
        with Library.create(copy) as received:
            outcomes.append([f.lines() for f in importer(received, workbooks).files])
    assert outcomes[0] == outcomes[1]
    assert "TỪ CHỐI" in outcomes[0][1][0] and "thêm 1" in outcomes[0][0][0]


def test_imported_workbooks_consolidate_like_any_report(tmp_path: Path, capsys) -> None:
    from model.exchange.consolidation import consolidate
    from tests.exchange_support import Q2

    library, first = blank_district_report(tmp_path / "tinh.db")
    province = next(o for o in library.organizations() if o.name == PROVINCE)
    other = library.add_organization("Ủy ban nhân dân huyện Vĩnh Thuận", "ỦY BAN NHÂN DÂN\nHUYỆN VĨNH THUẬN",
                                     "Kiên Giang", parent_id=province.id)
    second = library.create_report(other, Q2)
    filled = [fill_form(new_form(tmp_path, library, report, f"{n}.xlsx"), tmp_path / f"{n}-da-dien.xlsx",
                        {**FILLED, "dvc_tong": 100 + n, "dvc_muc_1_2": 60 + n})
              for n, report in enumerate((first, second))]
    library.close()
    code, out, err = run_cli(capsys, "xlsx-import", tmp_path / "tinh.db", *filled)
    assert code == 0 and out.count("cập nhật 1") == 2, err
    with Library.open(tmp_path / "tinh.db") as library:
        result = consolidate(library, Q2, PROVINCE, [first, second])
        total = library.values(result.report_id)
    assert (total["dvc_tong"], total["dvc_muc_1_2"], total["mot_cua_huyen_tiep_nhan"]) == (201, 121, 1200)
