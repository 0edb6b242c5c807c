"""A column of figures copied from Excel and pasted into the form: one figure per row, one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from model.library.library import Library
from tests.gui_support import ScriptedDialogs

# Excel puts a copied column on the clipboard one cell per line, each ending with CR LF.
COLUMN = "1.950\r\n1240\r\n\r\n65\r\n"


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    editor = start_editor(str(sample_path))
    qtbot.addWidget(editor)
    return editor


def field(window, key: str) -> QWidget:
    return window.findChild(QWidget, key)


def stored(path, period: str, key: str):
    with Library.open(path) as library:
        return library.values(library.find_report(period).id).get(key)


def _paste(qtbot, widget, text: str) -> None:
    QApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_pasted_column_fills_the_figures_from_the_field_onward_and_undoes_at_once(qtbot, window, sample_path):
    before = {k: field(window, k).text() for k in ("dvc_tong", "dvc_muc_1_2", "dvc_muc_3", "dvc_muc_4")}
    _paste(qtbot, field(window, "dvc_tong"), COLUMN)
    assert [field(window, k).text() for k in ("dvc_tong", "dvc_muc_1_2", "dvc_muc_3", "dvc_muc_4")] == [
        "1.950", "1.240", "", "65"]
    assert stored(sample_path, "2018-Q2", "dvc_tong") == 1950
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") is None  # an empty cell blanks its figure
    assert window.undo_action.text().endswith("dán 4 số liệu")
    window.undo_action.trigger()
    assert {k: field(window, k).text() for k in before} == before
    assert stored(sample_path, "2018-Q2", "dvc_tong") == int(before["dvc_tong"].replace(".", ""))


def test_column_spreads_over_figures_only_skipping_computed_ratios(qtbot, window, sample_path):
    _paste(qtbot, field(window, "mot_cua_tinh_tiep_nhan"), "1000\n900\n800\n700\n")
    assert stored(sample_path, "2018-Q2", "mot_cua_tinh_tiep_nhan") == 1000
    assert stored(sample_path, "2018-Q2", "mot_cua_tinh_dung_han") == 900
    assert stored(sample_path, "2018-Q2", "mot_cua_huyen_tiep_nhan") == 800  # the ratio between was skipped
    assert stored(sample_path, "2018-Q2", "mot_cua_huyen_dung_han") == 700
    assert field(window, "mot_cua_tinh_ty_le").text() == "90%"  # recomputed from the pasted counts


def test_unreadable_column_is_explained_and_writes_nothing(qtbot, window, sample_path):
    before = stored(sample_path, "2018-Q2", "dvc_tong")
    _paste(qtbot, field(window, "dvc_tong"), "1950\n1,240\n65\n")
    assert window.dialogs.errors and "Dòng 2" in window.dialogs.errors[-1][1]
    assert "dấu phẩy" in window.dialogs.errors[-1][1]
    assert stored(sample_path, "2018-Q2", "dvc_tong") == before
    _paste(qtbot, field(window, "htth_diem_cau"), "1\n2\n")  # the last figure of the form
    assert "chỉ còn 1 ô" in window.dialogs.errors[-1][1]
    _paste(qtbot, field(window, "dvc_tong"), "1950\t1240\n65\n")
    assert "một cột" in window.dialogs.errors[-1][1]
    assert stored(sample_path, "2018-Q2", "dvc_tong") == before


def test_one_line_pastes_into_the_field_as_usual(qtbot, window, sample_path):
    widget = field(window, "dvc_muc_4")
    widget.selectAll()
    _paste(qtbot, widget, "77\r\n")
    assert widget.text() == "77"
    assert stored(sample_path, "2018-Q2", "dvc_muc_4") == 77


def test_context_menu_paste_spreads_a_column_too(qtbot, window, sample_path):
    QApplication.clipboard().setText("7\r\n8\r\n")
    menu = field(window, "dvc_muc_3").context_menu()
    next(a for a in menu.actions() if a.objectName() == "edit-paste").trigger()
    assert (stored(sample_path, "2018-Q2", "dvc_muc_3"), stored(sample_path, "2018-Q2", "dvc_muc_4")) == (7, 8)
