"""The level above in the editor: who has reported (table and chart), sending a report back, its comments shown
at the unit's fields after the return travels."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QListWidget

from gui.panes.charts import BAR_COLOUR, chart_image
from model.exchange.dbexport import export_reports
from model.exchange.dbimport import import_files
from model.library.library import Library
from model.oversight.events import VIETNAM
from model.oversight.figures import units_chart
from model.oversight.status import unit_status
from tests.exchange_support import PROVINCE, Q2
from tests.gui_support import ScriptedDialogs

FIGURES = {"Huyện A": 300, "Huyện B": 150, "Huyện C": 75}  # Huyện D never reports


@pytest.fixture
def province(tmp_path: Path) -> tuple[Path, Path]:
    """The province's library (its own report and 3 of 4 units' reports received), and unit A's library."""
    path = tmp_path / "tinh.db"
    with Library.create(path) as library:
        top = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
        units = {name: library.add_organization(name, name.upper(), "Kiên Giang", parent_id=top)
                 for name in [*FIGURES, "Huyện D"]}
        own = library.create_report(top, Q2)
        library.set_values(own, {"dvc_tong": 525})
    files = []
    for name, figure in FIGURES.items():
        unit_path = tmp_path / f"{name}.db"
        shutil.copy(path, unit_path)
        with Library.open(unit_path) as unit:
            report = unit.create_report(units[name], Q2)
            unit.set_values(report, {"dvc_tong": figure})
            files.append(export_reports(unit, [report], tmp_path / f"gui-{name}.db").path)
    with Library.open(path) as library:
        library.clock = lambda: datetime(2018, 6, 12, tzinfo=VIETNAM)
        import_files(library, files)
    return path, tmp_path / "Huyện A.db"


@pytest.fixture
def start(qtbot, monkeypatch):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)

    def starter(path: Path):
        window = start_editor(str(path))
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.opening)
        return window
    return starter


def test_status_dialog_lists_every_unit_with_the_rates(start, province, qtbot):
    window = start(province[0])
    dialog = window.oversight.status_dialog()
    qtbot.addWidget(dialog)
    dialog.year.setValue(2018)
    dialog.quarter.setCurrentIndex(1)
    assert dialog.table.rowCount() == 4
    assert dialog.table.item(0, 0).text() == "Huyện D" and dialog.table.item(0, 1).text() == "chưa"
    assert "Đã nộp 3/4 (75,0%); đúng hạn 3/4 (75,0%)." in dialog.heading.text()
    dialog.figure.setCurrentIndex(dialog.figure.findData("dvc_tong"))
    assert [b.shown for b in dialog.chart.data.bars] == ["300", "150", "75", "chưa có"]
    assert dialog.chart.data.reference == 525


def test_the_chart_draws_one_bar_per_reporting_unit_in_the_ratio_of_the_figures(province):
    with Library.open(province[0]) as library:
        data = units_chart(library, unit_status(library, PROVINCE, Q2), "dvc_tong")
    image = chart_image(data, 800, 500)
    bar = BAR_COLOUR.rgb()
    row = 455 - 40  # well inside the plot, above the axis, below the lowest bar's top
    runs, inside = [], False
    for x in range(image.width()):
        filled = image.pixel(x, row) == bar
        if filled and not inside:
            runs.append(x)
        inside = filled
    assert len(runs) == 3  # Huyện D has no bar

    def height(x: int) -> int:
        column = [y for y in range(image.height()) if image.pixel(x + 3, y) == bar]
        return max(column) - min(column) + 1

    heights = [height(x) for x in runs]
    assert heights[0] / heights[1] == pytest.approx(2, rel=0.03)
    assert heights[1] / heights[2] == pytest.approx(2, rel=0.05)


def test_a_return_shows_at_the_units_field_after_it_travels(start, province, qtbot, tmp_path):
    path, unit_path = province
    window = start(path)
    report = next(r for r in window.library.reports() if r.organization_name == "Huyện A")
    window.show_report(report.id)
    window.oversight.dialogs.ask_return = lambda _title, _template, _first: (
        [("dvc_tong", "Tổng số dịch vụ chưa khớp Cổng dịch vụ công.")], ["Bổ sung người ký."])
    window.oversight.return_report()
    assert window.dialogs.infos[-1][0] == "Đã trả lại báo cáo"
    back = export_reports(window.library, [report.id], tmp_path / "tra-lai.db").path
    window.close()
    with Library.open(unit_path) as unit:
        before = unit.values(report.id)
        import_files(unit, [back])
        assert unit.values(report.id) == before
    unit_window = start(unit_path)
    unit_window.show_report(report.id)
    panel = unit_window.findChild(QListWidget, "problems")
    texts = [panel.item(row).text() for row in range(panel.count())]
    asked = [row for row in range(panel.count()) if texts[row].startswith("Cấp trên yêu cầu sửa")]
    assert asked == [0, 1]  # why the report came back comes first
    assert [panel.keys_at(row) for row in asked] == [["dvc_tong"], []]
    assert "yêu cầu sửa của cấp trên" in unit_window.problem_count.text()
    editor = unit_window.findChild(QLineEdit, "dvc_tong")
    assert "Cổng dịch vụ công" in editor.toolTip()
