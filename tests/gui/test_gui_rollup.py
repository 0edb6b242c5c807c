"""Báo cáo → Lập báo cáo 6 tháng / năm từ các quý… in the editor."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from gui.controllers.rollup import RollupDialog, suggested_period
from model.library.sample import OFFICE_NAME
from model.vietnamese.period import Period
from tests.gui_support import ScriptedDialogs


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(sample_path))
    qtbot.addWidget(window)
    return window


def test_the_six_month_report_is_made_opened_and_explained(window, tmp_path):
    asked = []

    def ask(_window, organizations, office_id, suggested, kinds):
        asked.append(suggested)
        dialog = RollupDialog(organizations, office_id, suggested, kinds=kinds)
        assert not dialog.template.isVisibleTo(dialog)  # one kind of report: nothing to choose
        assert dialog.grab().save(str(tmp_path / "lap-bao-cao.png"))
        return dialog.choice()

    window.rollup.ask = ask
    window.rollup.action.trigger()

    assert asked == [Period(2018, 1, "half")]
    assert "6 tháng đầu năm 2018" in window.windowTitle()
    assert window.findChild(object, "dvc_ho_so_truc_tuyen").text() == "318"
    title, text = window.dialogs.infos[-1]
    assert title == "Đã lập báo cáo" and "quý I/2018, quý II/2018" in text and "hãy viết lại" in text
    assert window.library_pane.tree.findItems("6 tháng đầu năm", Qt.MatchFlag.MatchRecursive)

    window.rollup.action.trigger()  # the same period again: explained, nothing added
    assert window.dialogs.errors[-1][1] == f"{OFFICE_NAME} đã có báo cáo 6 tháng đầu năm 2018."


def test_the_suggested_period_follows_the_latest_quarter() -> None:
    assert suggested_period([Period(2018, 1), Period(2018, 2)], date(2019, 1, 1)) == Period(2018, 1, "half")
    assert suggested_period([Period(2018, 4)], date(2019, 1, 1)) == Period(2018, 1, "year")
    assert suggested_period([], date(2020, 5, 1)) == Period(2020, 1, "half")


def test_with_two_kinds_the_clerk_chooses_the_one_to_roll_up(qtbot) -> None:
    kinds = [("nq36a_quy", "Báo cáo quý 36a"), ("bc_tinh_rieng", "Báo cáo riêng của tỉnh")]
    dialog = RollupDialog([], "", Period(2018, 1, "half"), kinds=kinds)
    qtbot.addWidget(dialog)
    assert dialog.template.isVisibleTo(dialog)
    dialog.template.setCurrentIndex(1)
    dialog.kind.setCurrentIndex(2)
    assert dialog.choice() == (None, Period(2018, 1, "year"), "bc_tinh_rieng")
