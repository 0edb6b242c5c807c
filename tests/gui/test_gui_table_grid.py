"""A table block of the template in the form: a grid the clerk types into, Tab across, a block pasted from Excel;
computed figures grey, read-only and recomputed on each edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from model.library.library import Library
from model.vietnamese.period import Period
from tests.gui_support import ScriptedDialogs


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    from gui.app import start_editor

    path = tmp_path / "huyen.db"
    with Library.create(path) as library:
        office = library.add_organization("Ủy ban nhân dân huyện An Minh", "ỦY BAN NHÂN DÂN\nHUYỆN AN MINH",
                                          "Kiên Giang")
        library.create_report(office, Period(2024, 1), template_key="tthc_quy")
    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    editor = start_editor(str(path))
    qtbot.addWidget(editor)
    editor.path = path
    return editor


def _stored(window, key: str):
    with Library.open(window.path) as library:
        return library.values(library.reports()[0].id).get(key)


def _cell_of(grid, key: str) -> tuple[int, int]:
    return next(cell for cell, k in grid.keys.items() if k == key)


def test_typing_in_the_grid_writes_the_figure_and_recomputes_the_totals(qtbot, window):
    from gui.form.table_grid import TableGrid

    grid = window.findChild(TableGrid, "luoi_bang_1")
    assert grid is not None and grid.item(0, 1).text() == "Chỉ tiêu"
    total = window.findChild(QWidget, "hs_tong")
    assert isinstance(total, QLineEdit) and total.isReadOnly()  # computed: grey, never typed
    assert "Tự tính: hs_ky_truoc + hs_moi" in window.form._help("hs_tong")
    for key, typed in (("hs_ky_truoc", "1.250"), ("hs_truc_tuyen", "20.000"), ("hs_truc_tiep", "25000"),
                       ("hs_buu_chinh", "1.570")):
        grid.item(*_cell_of(grid, key)).setText(typed)
    assert _stored(window, "hs_truc_tiep") == 25_000 and _stored(window, "hs_tong") == 47_820
    assert total.text() == "47.820" and window.findChild(QWidget, "hs_moi").text() == "46.570"
    row, column = _cell_of(grid, "hs_ky_truoc")
    assert grid.item(row - 1, column).text() == "47.820"  # the grid's computed row, recomputed
    assert not grid.item(row - 1, column).flags() & Qt.ItemFlag.ItemIsEditable

    grid.item(*_cell_of(grid, "da_gq_qua_han")).setText("6,5")
    assert "da_gq_qua_han" in window.form.refused and _stored(window, "da_gq_qua_han") is None
    refused = grid.item(*_cell_of(grid, "da_gq_qua_han"))
    assert refused.background().color().name() == "#fde0dc" and "Chưa lưu" in refused.toolTip()


def test_tab_moves_to_the_next_cell_to_type_and_a_pasted_block_fills_the_grid(qtbot, window):
    from gui.form.table_grid import TableGrid

    grid = window.findChild(TableGrid, "luoi_bang_1")
    grid.setCurrentCell(*_cell_of(grid, "hs_ky_truoc"))
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert (grid.currentRow(), grid.currentColumn()) == _cell_of(grid, "hs_truc_tuyen")
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)  # past the label and computed row of “Số hồ sơ đã giải quyết”
    assert (grid.currentRow(), grid.currentColumn()) == _cell_of(grid, "da_gq_truoc_han")

    # Excel puts a copied block on the clipboard as rows of tab-separated cells, each row ending CR LF
    grid.setCurrentCell(*_cell_of(grid, "hs_ky_truoc"))
    QApplication.clipboard().setText("1250\r\n20.000\r\n25.000\r\n1570\r\n")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _stored(window, "hs_buu_chinh") == 1570 and _stored(window, "hs_tong") == 47_820
    assert window.undo_action.text().endswith("dán 4 số liệu")

    grid.setCurrentCell(*_cell_of(grid, "da_gq_truoc_han"))
    QApplication.clipboard().setText("10.000\r\n1,5\r\n")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _stored(window, "da_gq_truoc_han") is None  # one unreadable cell: nothing pasted
    assert window.dialogs.errors and "Dòng 2, cột 1" in window.dialogs.errors[-1][1]
