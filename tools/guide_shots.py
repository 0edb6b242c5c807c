"""The user guide's screenshots beyond the editor's own (run by tools/gui_screenshots.py, after its shots).

Each dialog is the application's own, filled from the sample library or from a real action on it (the .db files
and the Excel form are written by the application, the import outcome and the error message are what it
answered), so the pictures follow the application when it changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

if TYPE_CHECKING:
    from gui.main_window import MainWindow

Shot = Callable[[str, "QWidget | None"], None]


def shoot_guide(window: MainWindow, shot: Shot, folder: Path) -> None:
    q2 = window.library.find_report("2018-Q2").id  # the sample's quý II (before districts add theirs)
    _menus(window, shot, q2)
    _issue(window, shot)
    _exchange(window, shot, folder, q2)
    _consolidation(window, shot)
    _excel(window, shot, folder, q2)
    _signing(window, shot)
    _error(window, shot, folder)


def _open_menu(window: MainWindow, menu: QMenu) -> QMenu:
    """Drop ``menu`` down under its title in the menu bar, as a click would."""
    bar = window.menuBar()
    place = bar.actionGeometry(menu.menuAction()).bottomLeft()
    menu.popup(bar.mapToGlobal(place))
    return menu


def _menus(window: MainWindow, shot: Shot, q2: str) -> None:
    window.show_report(q2)
    help_menu = next(action.menu() for action in window.menuBar().actions()
                     if action.menu() is not None and window.guide_action in action.menu().actions())
    for name, menu in (("7-menu-tep", window.file_menu), ("17-menu-tro-giup", help_menu)):
        shot(name, _open_menu(window, menu))
        menu.close()


def _issue(window: MainWindow, shot: Shot) -> None:
    from gui.dialogs.issue import IssueDialog

    dialog = IssueDialog("Ban hành báo cáo quý II năm 2018 của UBND tỉnh Kiên Giang. Sau khi ban hành, báo cáo "
                         "bị khóa: chỉ xem, không sửa.", "154", "18/06/2018", lambda number, day: None, window)
    shot("8-ban-hanh", dialog)


def _exchange(window: MainWindow, shot: Shot, folder: Path, q2: str) -> None:
    from gui.controllers.exchange import import_summary
    from gui.dialogs.exchange import ChooseReportsDialog, ImportDialog, ResultDialog
    from model.exchange.dbexport import export_reports
    from model.exchange.dbimport import import_files

    library = window.library
    reports = library.reports()
    shot("9-gui-bao-cao", ChooseReportsDialog(reports, {q2}, window))

    received = folder / "nhan"
    received.mkdir()
    files = [export_reports(library, [report.id], received / f"Kien-Giang-{report.period}.db").path
             for report in reports]
    damaged = received / "huyen-b-2018-Q2.db"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)  # a file cut short in an e-mail
    files.append(damaged)
    shot("10-nhan-tep-db", ImportDialog(files, list, window))
    summary, groups = import_summary(import_files(library, files, on_conflict="skip"))
    window.reload_reports()
    shot("11-ket-qua-nhan", ResultDialog("Kết quả nhập tệp .db", summary, groups, window))


def _consolidation(window: MainWindow, shot: Shot) -> None:
    from gui.controllers.rollup import RollupDialog
    from gui.dialogs.exchange import ConsolidateDialog
    from model.exchange.consolidation import candidate_sources
    from model.vietnamese.period import Period

    library = window.library
    office = library.organizations()[0].id
    # Two districts of the province send their quý II reports (drafts made here, as an import would bring).
    for district in ("An Minh", "Vĩnh Thuận"):
        unit = library.add_organization(f"Ủy ban nhân dân huyện {district}",
                                        f"ỦY BAN NHÂN DÂN\nHUYỆN {district.upper()}", district,
                                        parent_header="UBND TỈNH KIÊN GIANG", parent_id=office)
        library.create_report(unit, Period(2018, 2))
    window.reload_reports()
    organizations = library.organizations()
    dialog = ConsolidateDialog(organizations, office, Period(2018, 2),
                               lambda chosen, period: candidate_sources(library, chosen, period), window)
    shot("12-tong-hop", dialog)
    shot("13-bao-cao-6-thang", RollupDialog(organizations, office, Period(2018, 1, "half"), window))


def _excel(window: MainWindow, shot: Shot, folder: Path, q2: str) -> None:
    from gui.dialogs.exchange import ImportDialog
    from model.excel.form import write_form

    forms = folder / "phieu-excel"
    forms.mkdir()
    written = write_form(window.library, q2, forms / "phieu-nhap-Kien-Giang-2018-Q2.xlsx")
    dialog = ImportDialog([written], list, window)
    dialog.setWindowTitle("Nhập phiếu Excel")
    shot("14-phieu-excel", dialog)


def _signing(window: MainWindow, shot: Shot) -> None:
    from gui.dialogs.signing import SignDialog, VerifyDialog

    shot("15-ky-so", SignDialog(window.settings, window))
    shot("16-kiem-tra-chu-ky", VerifyDialog(window.settings, window))


def _error(window: MainWindow, shot: Shot, folder: Path) -> None:
    """What the application says when asked to open a file that is not a report library."""
    from model.errors import LibraryError
    from model.library.library import Library

    stranger = folder / "bang-luong.db"
    stranger.write_bytes(b"Day khong phai thu vien bao cao\n" * 64)
    try:
        Library.open(stranger).close()
        text = "(tệp đã mở được)"
    except LibraryError as exc:
        text = str(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, "Không mở được thư viện", text, QMessageBox.StandardButton.NoButton,
                      window)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    shot("18-thong-bao-loi", box)
