"""Cơ quan → Quản lý cơ quan…, the library tree by hierarchy, Báo cáo mới by level, a stale consolidation rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from gui.dialogs.exchange import ConsolidateDialog
from gui.dialogs.offices import OfficesDialog
from gui.dialogs.report import NewReportRequest
from model.exchange.consolidation import candidate_sources, consolidate, find_office
from model.library.library import Library
from model.offices.editing import OfficeChanges, edit_office
from tests.exchange_support import DISTRICTS, PROVINCE, Q2, province_with_districts
from tests.gui_support import ScriptedDialogs

AN_MINH = "Ủy ban nhân dân huyện An Minh"


@pytest.fixture
def province(tmp_path: Path) -> Path:
    library, _, _ = province_with_districts(tmp_path / "tinh.db")
    library.close()
    return tmp_path / "tinh.db"


def _editor(qtbot, monkeypatch, path: Path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(path))
    qtbot.addWidget(window)
    return window


def _dialog(qtbot, window) -> OfficesDialog:
    dialog = OfficesDialog(window.library.organizations, window.offices.save, window.offices.merge, window)
    qtbot.addWidget(dialog)
    return dialog


def _select(dialog: OfficesDialog, name: str) -> None:
    (item,) = [i for i in dialog.tree.findItems(name, _match_recursive())]
    dialog.tree.setCurrentItem(item)


def _match_recursive():
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive


def test_the_menu_and_the_tree_show_the_hierarchy(qtbot, monkeypatch, province: Path) -> None:
    window = _editor(qtbot, monkeypatch, province)
    qtbot.waitUntil(lambda: window.library is not None)  # opened once the window is shown
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert window.offices.manage_action in menus["&Cơ quan"].actions()
    tree = window.library_pane.tree
    (top,) = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert top.toolTip(0) == PROVINCE and top.text(0) == "UBND tỉnh Kiên Giang"  # the full name in the tooltip
    children = {top.child(i).toolTip(0) for i in range(top.childCount())}
    assert set(DISTRICTS) <= children  # the districts' reports under the province, not beside it
    dialog = _dialog(qtbot, window)
    (root,) = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    assert root.text(0) == PROVINCE and root.childCount() == 3


def test_the_dialog_edits_reparents_adds_and_merges(qtbot, monkeypatch, province: Path) -> None:
    window = _editor(qtbot, monkeypatch, province)
    dialog = _dialog(qtbot, window)
    _select(dialog, AN_MINH)
    assert dialog.name.text() == AN_MINH and dialog.parent_office.currentText() == PROVINCE
    dialog.code.setText("000.00.31.H33")
    dialog.level.setCurrentIndex(dialog.level.findData("huyen"))
    dialog.header.setPlainText("ỦY BAN NHÂN DÂN\nHUYỆN AN MINH")
    dialog.save_button.click()
    office = find_office(window.library, AN_MINH)
    assert (office.code, office.level, office.header_name) == ("000.00.31.H33", "huyen",
                                                               "ỦY BAN NHÂN DÂN\nHUYỆN AN MINH")

    dialog.start_new()
    dialog.name.setText("Uỷ ban nhân dân tỉnh Kiên Giang")  # the province again, in the old spelling: refused
    dialog.place.setText("Kiên Giang")
    dialog.save_button.click()
    assert "đã có cơ quan" in dialog.message.text() and len(window.library.organizations()) == 4
    dialog.name.setText("Sở Nội vụ")
    dialog.symbol.setText("SNV")  # its level is read from its name
    dialog.parent_office.setCurrentIndex(dialog.parent_office.findData(office.id))
    dialog.save_button.click()
    department = find_office(window.library, "Sở Nội vụ")
    assert department.parent_id == office.id and department.level == "so"
    assert dialog.current_id == department.id  # the new office is shown, under An Minh in the tree
    _select(dialog, "Sở Nội vụ")
    dialog.parent_office.setCurrentIndex(dialog.parent_office.findData(find_office(window.library, PROVINCE).id))
    dialog.save_button.click()
    assert find_office(window.library, "Sở Nội vụ").parent_id == find_office(window.library, PROVINCE).id

    reports_before = len(window.library.reports())
    _select(dialog, AN_MINH)  # merge An Minh (say, a duplicate) into Vĩnh Thuận
    dialog.merge_into.setCurrentIndex(dialog.merge_into.findText("Ủy ban nhân dân huyện Vĩnh Thuận"))
    window.dialogs.confirm_answer = False
    dialog.merge_button.click()
    assert "Gộp “Ủy ban nhân dân huyện An Minh” vào" in window.dialogs.confirms[-1]
    assert len(window.library.organizations()) == 5
    window.dialogs.confirm_answer = True
    dialog.merge_button.click()
    assert len(window.library.organizations()) == 4 and len(window.library.reports()) == reports_before
    assert "Đã gộp" in dialog.message.text() and dialog.changed


def test_new_report_uses_the_office_level_and_consolidation_preselects_its_units(qtbot, monkeypatch,
                                                                                 province: Path) -> None:
    with Library.open(province) as library:
        edit_office(library, AN_MINH, OfficeChanges(level="huyen"))
        district = find_office(library, AN_MINH).id
        province_id = find_office(library, PROVINCE).id
    window = _editor(qtbot, monkeypatch, province)
    window.dialogs.new_report_answer = NewReportRequest(district, Q2.next(), False)
    window.new_report_action.trigger()
    assert window.report_info.template_key == "nq36a_quy_huyen"
    dialog = ConsolidateDialog(window.library.organizations(), province_id, Q2,
                               lambda office, period: candidate_sources(window.library, office, period), window)
    qtbot.addWidget(dialog)
    assert dialog.count.text() == "Đã chọn 3/3 báo cáo."  # the province's districts that reported


def test_a_stale_consolidation_is_shown_and_rebuilt_keeping_texts_undoably(qtbot, monkeypatch,
                                                                           province: Path) -> None:
    with Library.open(province) as library:
        units = [r.id for r in library.reports()]
        consolidated = consolidate(library, Q2, PROVINCE, units).report_id
        library.set_values(consolidated, {"cong_ttdt_tinh_hinh": "Cổng của tỉnh ổn định."})
        an_minh = next(r.id for r in library.reports() if r.organization_name == AN_MINH)
        library.set_values(an_minh, {"mot_cua_huyen_tiep_nhan": 1600})  # was 600
        old_total = library.values(consolidated)["mot_cua_huyen_tiep_nhan"]
    window = _editor(qtbot, monkeypatch, province)
    window.show_report(consolidated)
    stale = [p for p in window.problems if "đã cũ" in p.message]
    assert len(stale) == 1 and AN_MINH in stale[0].message
    window.offices.refresh_action.trigger()
    assert window.values["mot_cua_huyen_tiep_nhan"] == old_total + 1000
    assert window.values["cong_ttdt_tinh_hinh"] == "Cổng của tỉnh ổn định."
    assert not [p for p in window.problems if "đã cũ" in p.message]
    window.undo_action.trigger()
    assert window.values["mot_cua_huyen_tiep_nhan"] == old_total
    assert window.library.values(consolidated)["mot_cua_huyen_tiep_nhan"] == old_total
    window.redo_action.trigger()
    assert window.library.values(consolidated)["mot_cua_huyen_tiep_nhan"] == old_total + 1000
