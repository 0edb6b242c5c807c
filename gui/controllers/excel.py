"""The File menu's Excel actions: the data-entry workbook of the report shown (Xuất phiếu nhập Excel…),
filled workbooks back in (Nhập phiếu Excel…), and the figures of many reports out (Xuất số liệu ra Excel…).

Each calls the same model service as the command line (``model.excel.form``, ``model.exchange.dbimport`` with
``model.excel.reading``, ``model.excel.figures``) in the background, through the exchange actions' runner, which
shows progress, lets the clerk cancel an import (nothing is written) and explains failures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from gui.dialogs.modal import chosen_path, file_dialog
from gui.support.settings import remember_folder, remembered_folder
from model.progress import Progress
from model.vietnamese.period import Period

if TYPE_CHECKING:
    from gui.controllers.exchange import ExchangeController
    from gui.dialogs.exchange import ImportRequest
    from gui.services import WindowServices
    from model.excel.figures import FiguresResult
    from model.exchange.dbimport import ImportResult
    from model.library.opening import LibrarySource

XLSX_FILTER = "Sổ Excel (*.xlsx);;Mọi tệp (*)"
_FOLDER_KEY = "excel/folder"
ALL_PERIODS = "Mọi kỳ"


@dataclass(frozen=True)
class FiguresRequest:
    period: Period | None
    """``None``: every period."""
    path: Path


def _safe_name(text: str) -> str:
    return re.sub(r"[\\/:*?\"<>|\s]+", "-", text).strip("-")


def _write_form(library_path: LibrarySource, report_id: str, out: Path) -> Path:
    from model.excel.form import write_form
    from model.library.library import Library

    with Library.open(library_path) as library:
        return write_form(library, report_id, out)


def _import_workbooks(library_path: LibrarySource, paths: tuple[Path, ...], policy: str,
                      progress: Progress) -> ImportResult:
    from model.excel.importing import import_workbooks
    from model.library.library import Library

    with Library.open(library_path) as library:
        return import_workbooks(library, paths, on_conflict=policy, progress=progress)  # type: ignore[arg-type]


def _write_figures(library_path: LibrarySource, period: Period | None, out: Path) -> FiguresResult:
    from model.excel.figures import select_reports, write_figures
    from model.library.library import Library

    with Library.open(library_path) as library:
        return write_figures(library, select_reports(library, str(period) if period else None), out)


class ExcelDialogs:
    """The real dialogs of the Excel actions (tests replace them)."""

    def __init__(self, parent) -> None:
        self.parent = parent

    def form_path(self, suggested: Path) -> Path | None:
        dialog = file_dialog(self.parent, "Lưu phiếu nhập Excel", suggested.parent, XLSX_FILTER, "Lưu")
        return self._save(dialog, suggested)

    @staticmethod
    def _save(dialog, suggested: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.selectFile(suggested.name)
        return chosen_path(dialog)

    def _workbooks(self, directory: Path) -> list[Path]:
        from PySide6.QtWidgets import QDialog, QFileDialog

        dialog = file_dialog(self.parent, "Chọn phiếu nhập Excel đã điền", directory, XLSX_FILTER, "Chọn")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [Path(p) for p in dialog.selectedFiles()]

    def import_request(self, directory: Path) -> ImportRequest | None:
        from PySide6.QtWidgets import QDialog

        from gui.dialogs.exchange import ImportDialog

        paths = self._workbooks(directory)
        if not paths:
            return None
        dialog = ImportDialog(paths, lambda: self._workbooks(directory), self.parent)
        dialog.setWindowTitle("Nhập phiếu Excel")
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def figures_request(self, periods: Sequence[Period], current: Period | None, directory: Path
                        ) -> FiguresRequest | None:
        from PySide6.QtWidgets import QDialog, QInputDialog

        choices = [ALL_PERIODS, *(p.text for p in periods)]
        dialog = QInputDialog(self.parent)
        dialog.setWindowTitle("Xuất số liệu ra Excel")
        dialog.setLabelText("Xuất số liệu của các báo cáo kỳ nào?")
        dialog.setComboBoxItems(choices)
        dialog.setTextValue(current.text if current in periods else ALL_PERIODS)
        dialog.setOkButtonText("Tiếp tục")
        dialog.setCancelButtonText("Hủy")
        dialog.setMinimumWidth(360)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        period = next((p for p in periods if p.text == dialog.textValue()), None)
        name = f"so-lieu-{period}.xlsx" if period else "so-lieu.xlsx"
        path = self._save(file_dialog(self.parent, "Lưu số liệu ra Excel", directory, XLSX_FILTER, "Lưu"),
                          directory / name)
        return FiguresRequest(period, path) if path else None


class ExcelController(QObject):
    """The Excel actions of a main window; ``dialogs`` is replaceable in tests. They run through the exchange
    actions' runner (``exchange``): one import or export at a time."""

    def __init__(self, window: WindowServices, exchange: ExchangeController) -> None:
        super().__init__(window)
        self.window = window
        self.exchange = exchange
        self.dialogs = ExcelDialogs(window)
        self.form_action = window.make_action("Xuất phiếu nhập &Excel…", self.export_form, None,
                                              "Ghi báo cáo đang mở ra sổ Excel để đơn vị chưa có phần mềm điền số "
                                              "liệu", "xuat_phieu_excel")
        self.import_action = window.make_action("Nhập phiếu Ex&cel…", self.import_forms, None,
                                                "Nhập các phiếu nhập Excel đã điền", "nhap_phieu_excel")
        self.figures_action = window.make_action("Xuất &số liệu ra Excel…", self.export_figures, None,
                                                 "Ghi số liệu của các báo cáo ra một sổ Excel", "xuat_so_lieu_excel")
        window.file_menu.aboutToShow.connect(self.update_enabled)

    @property
    def actions(self) -> list[QAction]:
        return [self.form_action, self.import_action, self.figures_action]

    def update_enabled(self) -> None:
        ready = self.window.has_library and not self.exchange.running
        self.import_action.setEnabled(ready)
        self.figures_action.setEnabled(ready)
        self.form_action.setEnabled(ready and self.window.report_id is not None)

    def _folder(self) -> Path:
        return remembered_folder(self.window.settings, _FOLDER_KEY)

    def _ready(self) -> bool:
        return self.exchange._ready()  # the same runner: one import or export at a time

    def export_form(self) -> None:
        window = self.window
        if not self._ready():
            return
        info = window.report_info
        if info is None:
            window.dialogs.error("Chưa chọn báo cáo", "Hãy chọn báo cáo cần xuất phiếu nhập trong danh sách.")
            return
        out = self.dialogs.form_path(self._folder() / f"phieu-nhap-{_safe_name(info.organization_name)}-"
                                                      f"{info.period}.xlsx")
        if out is None:
            return
        remember_folder(window.settings, _FOLDER_KEY, out)
        library_path, report_id = window.library.source, info.id
        self.exchange._start("Đang ghi phiếu nhập Excel…", lambda progress: _write_form(library_path, report_id, out),
                             lambda path: window.dialogs.info(
                                 "Đã xuất phiếu nhập Excel",
                                 f"Đã ghi {path.name}. Gửi sổ này cho đơn vị điền số liệu vào các ô nền vàng, "
                                 f"rồi nhập lại bằng Tệp → Nhập phiếu Excel.\nThư mục: {path.parent}"))

    def import_forms(self) -> None:
        if not self._ready():
            return
        request = self.dialogs.import_request(self._folder())
        if request is None or not request.paths:
            return
        remember_folder(self.window.settings, _FOLDER_KEY, request.paths[0])
        library_path = self.window.library.source
        self.exchange._start(
            f"Đang kiểm tra và nhập {len(request.paths)} phiếu Excel…",
            lambda progress: _import_workbooks(library_path, request.paths, request.on_conflict, progress),
            self._imported)

    def _imported(self, result: ImportResult) -> None:
        self.exchange.show_imported(result, "Kết quả nhập phiếu Excel")

    def export_figures(self) -> None:
        window = self.window
        if not self._ready():
            return
        periods = sorted({r.period for r in window.library.reports()}, reverse=True)
        current = window.report_info.period if window.report_info is not None else None
        request = self.dialogs.figures_request(periods, current, self._folder())
        if request is None:
            return
        remember_folder(window.settings, _FOLDER_KEY, request.path)
        library_path = window.library.source
        self.exchange._start("Đang ghi số liệu ra Excel…",
                             lambda progress: _write_figures(library_path, request.period, request.path),
                             lambda result: window.dialogs.info("Đã xuất số liệu ra Excel", result.message))
