"""File → Xuất phiếu nhập Excel / Nhập phiếu Excel / Xuất số liệu ra Excel, as a clerk uses them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from gui.controllers.excel import FiguresRequest
from gui.dialogs.exchange import ImportRequest
from gui.support.workers import busy
from model.library.library import Library
from tests.gui.test_gui_exchange import ScriptedExchangeDialogs
from tests.gui_support import ScriptedDialogs
from tests.xlsx_support import cell_of, fill_form


class ScriptedExcelDialogs:
    def __init__(self) -> None:
        self.form_answer: Path | None = None
        self.import_answer: ImportRequest | None = None
        self.figures_answer: FiguresRequest | None = None
        self.figures_asked: list[tuple[list[str], str | None]] = []

    def form_path(self, suggested: Path) -> Path | None:
        return self.form_answer

    def import_request(self, directory: Path) -> ImportRequest | None:
        return self.import_answer

    def figures_request(self, periods, current, directory: Path) -> FiguresRequest | None:
        self.figures_asked.append(([str(p) for p in periods], str(current) if current else None))
        return self.figures_answer


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    editor = start_editor(str(sample_path))
    qtbot.addWidget(editor)
    editor.exchange.dialogs = ScriptedExchangeDialogs()
    editor.excel.dialogs = ScriptedExcelDialogs()
    return editor


def wait(qtbot) -> None:
    qtbot.waitUntil(lambda: not busy(), timeout=60000)


def test_file_menu_has_the_excel_actions(window) -> None:
    names = [a.objectName() for a in window.file_menu.actions()]
    assert names.index("tong_hop") < names.index("xuat_phieu_excel") < names.index("nhap_phieu_excel") \
        < names.index("xuat_so_lieu_excel") < names.index("thoat")


def test_form_out_filled_and_back_in_updates_the_report_shown(qtbot, window, sample_path, tmp_path) -> None:
    window.excel.dialogs.form_answer = tmp_path / "phieu.xlsx"
    window.excel.form_action.trigger()
    wait(qtbot)
    assert window.dialogs.infos[-1][0] == "Đã xuất phiếu nhập Excel"
    filled = fill_form(tmp_path / "phieu.xlsx", tmp_path / "da-dien.xlsx", {"dvc_muc_3": 700, "dvc_tong": 1997})
    window.excel.dialogs.import_answer = ImportRequest((filled,), "skip")
    window.excel.import_action.trigger()
    wait(qtbot)
    title, summary, _ = window.exchange.dialogs.results[-1]
    assert title == "Kết quả nhập phiếu Excel" and "Đã nhập 1 báo cáo" in summary
    assert window.findChild(type(window.form.editors["dvc_muc_3"]), "dvc_muc_3").text() == "700"
    with Library.open(sample_path) as library:
        assert library.values(library.find_report("2018-Q2").id)["dvc_tong"] == 1997


def test_refused_workbook_is_shown_with_its_cell(qtbot, window, sample_path, tmp_path) -> None:
    window.excel.dialogs.form_answer = tmp_path / "phieu.xlsx"
    window.excel.form_action.trigger()
    wait(qtbot)
    bad = fill_form(tmp_path / "phieu.xlsx", tmp_path / "sai.xlsx", {"dvc_muc_3": "1,5"})
    before = sample_path.read_bytes()
    window.excel.dialogs.import_answer = ImportRequest((bad,), "skip")
    window.excel.import_action.trigger()
    wait(qtbot)
    _, summary, groups = window.exchange.dialogs.results[-1]
    assert "1 tệp bị từ chối" in summary
    assert groups[0].refused and f"Số liệu!{cell_of('dvc_muc_3')}" in groups[0].heading
    assert sample_path.read_bytes() == before


def test_figures_of_the_period_out(qtbot, window, tmp_path) -> None:
    from model.vietnamese.period import Period

    window.excel.dialogs.figures_answer = FiguresRequest(Period(2018, 2), tmp_path / "so-lieu.xlsx")
    window.excel.figures_action.trigger()
    wait(qtbot)
    assert window.excel.dialogs.figures_asked == [(["2018-Q2", "2018-Q1"], "2018-Q2")]
    assert "1 báo cáo" in window.dialogs.infos[-1][1]
    sheet = openpyxl.load_workbook(tmp_path / "so-lieu.xlsx").active
    assert [c.value for c in sheet["B"]][1:] == ["2018-Q2"]
