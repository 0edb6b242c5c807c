"""Báo cáo mới when the library holds several kinds of report, and a carry-forward into a newer version."""

from __future__ import annotations

import pytest

from model.library.library import Library
from model.vietnamese.period import Period
from tests.gui_support import ScriptedDialogs
from tests.locations import DATA
from tests.template_support import OWN_KEY, own_template_text

V2 = DATA / "templates" / "nq36a_quy.v2.toml"


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor

    with Library.open(sample_path) as library:
        library.add_template(own_template_text())
        library.add_template(V2.read_text(encoding="utf-8"))
    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(sample_path))
    qtbot.addWidget(window)
    return window


def test_new_report_offers_every_kind_and_creates_the_chosen_one(window, sample_path, tmp_path):
    from gui.dialogs.report import NewReportDialog, NewReportRequest

    office = window.report_info.organization_id
    window.dialogs.new_report_answer = NewReportRequest(office, Period(2018, 3), True, OWN_KEY)
    window.new_report_action.trigger()

    kinds = {key: period_kind for key, _name, period_kind in window.dialogs.new_report_kinds}
    assert kinds == {OWN_KEY: "quarter", "nq36a_quy": "quarter", "tthc_quy": "quarter"}
    assert window.template.key == OWN_KEY and window.findChild(object, "dvc_thanh_toan") is not None
    assert window.dialogs.infos == []  # another kind: nothing carried, nothing to explain

    dialog = NewReportDialog(window.library.organizations(), office, Period(2018, 4), lambda *_: None,
                             kinds=window.dialogs.new_report_kinds)
    combo = dialog.kind
    assert combo.count() == 3 and combo.currentData() == "nq36a_quy"  # the shipped kind first
    combo.setCurrentIndex(combo.findData(OWN_KEY))
    assert dialog.request().template_key == OWN_KEY
    dialog.resize(520, dialog.sizeHint().height())
    assert dialog.grab().save(str(tmp_path / "bao-cao-moi.png"))
    one_kind = NewReportDialog(window.library.organizations(), office, Period(2018, 4), lambda *_: None,
                               kinds=[("nq36a_quy", "Báo cáo quý", "quarter")])
    assert not one_kind.kind.isVisibleTo(one_kind)


def test_the_period_asked_follows_the_kind_chosen(qtbot):
    from gui.dialogs.report import NewReportDialog

    kinds = [("nq36a_quy", "Báo cáo quý", "quarter"), ("bc_thang", "Báo cáo tháng", "month"),
             ("bc_nam", "Báo cáo năm", "year")]
    dialog = NewReportDialog([], "", Period(2018, 3), lambda *_: None, kinds=kinds)
    qtbot.addWidget(dialog)
    assert dialog.request().period == Period(2018, 3)
    dialog.kind.setCurrentIndex(dialog.kind.findData("bc_thang"))
    assert dialog.picker.quarter.count() == 12 and dialog.picker.quarter.isVisibleTo(dialog)
    dialog.picker.quarter.setCurrentIndex(4)
    assert dialog.request().period == Period(2018, 5, "month") and dialog.request().template_key == "bc_thang"
    dialog.kind.setCurrentIndex(dialog.kind.findData("bc_nam"))
    assert not dialog.picker.quarter.isVisibleTo(dialog)
    assert dialog.request().period == Period(2018, 1, "year")


def test_carrying_into_a_newer_version_tells_the_clerk_what_was_not_carried(window, sample_path):
    from gui.dialogs.report import NewReportRequest

    office = window.report_info.organization_id
    window.dialogs.new_report_answer = NewReportRequest(office, Period(2018, 3), True)
    window.new_report_action.trigger()

    assert window.template.version == 2
    title, text = window.dialogs.infos[-1]
    assert title == "Báo cáo mới theo mẫu phiên bản mới"
    assert "Văn bản luân chuyển xử lý trên hệ thống" in text and "Hồ sơ trực tuyến có thanh toán" in text


def test_the_problems_panel_names_the_unit_lacking_a_field_of_a_consolidated_draft(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QListWidget

    from gui.app import start_editor
    from model.exchange.consolidation import consolidate
    from tests.exchange_support import DISTRICTS, PROVINCE, add_district

    path = tmp_path / "tinh.db"
    an_minh, vinh_thuan = list(DISTRICTS)[:2]
    with Library.create(path) as library:
        province = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
        old = add_district(library, an_minh, DISTRICTS[an_minh], parent_id=province)
        library.add_template(V2.read_text(encoding="utf-8"))
        new = add_district(library, vinh_thuan, DISTRICTS[vinh_thuan], parent_id=province)
        draft = consolidate(library, Period(2018, 2), PROVINCE, [old, new]).report_id
    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(path))
    qtbot.addWidget(window)
    window.show_report(draft)

    panel = window.findChild(QListWidget, "problems")
    texts = [panel.item(i).text() for i in range(panel.count())]
    assert any(f"{an_minh} dùng phiên bản mẫu không có trường này" in text for text in texts), texts
