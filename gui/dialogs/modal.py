"""Every modal dialog the editor shows goes through :class:`Dialogs`.

The main window holds one instance in ``window.dialogs``; tests replace it with an object answering the
same methods, so no test ever blocks on a modal loop. Buttons are labelled in Vietnamese here as well
as by the translator, so a missing translation can never show an English button.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:  # the report dialogs are imported when first shown, model.library.library not before the window shows
    from datetime import date

    from gui.dialogs.issue import Parse
    from gui.dialogs.report import NewReportRequest, OrganizationRequest
    from model.library.infos import OrganizationInfo
    from model.vietnamese.period import Period

LIBRARY_FILTER = "Thư viện báo cáo (*.db);;Mọi tệp (*)"
EXPORT_FILTERS = {"docx": "Văn bản Word (*.docx)", "pdf": "Tệp PDF (*.pdf)"}


def file_dialog(parent: QWidget | None, title: str, directory: Path, name_filter: str, accept: str) -> QFileDialog:
    """Qt's file dialog with every label in Vietnamese (``accept`` names the button that chooses)."""
    dialog = QFileDialog(parent, title, str(directory), name_filter)
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, "Tìm trong:")
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, "Tên tệp:")
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, "Loại tệp:")
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, accept)
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, "Hủy")
    return dialog


def chosen_path(dialog: QFileDialog) -> Path | None:
    """Run ``dialog``; the file chosen, or ``None`` when the clerk cancelled."""
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


class Dialogs:
    """The real dialogs, parented to ``parent``."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    # ------------------------------------------------------------------ messages
    def _box(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        if details:
            box.setInformativeText(details)
        return box

    def info(self, title: str, text: str) -> None:
        box = self._box(QMessageBox.Icon.Information, title, text)
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def error(self, title: str, text: str, details: str = "") -> None:
        box = self._box(QMessageBox.Icon.Warning, title, text, details)
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def confirm(self, title: str, text: str, yes_text: str, no_text: str = "Hủy") -> bool:
        """True when the clerk presses ``yes_text``; the safe answer is the default."""
        return self._choose(QMessageBox.Icon.Question, title, text, yes_text, no_text)

    def offer(self, title: str, text: str, yes_text: str, no_text: str = "Đóng") -> bool:
        """A success message offering a next step (open the file, check the signature): the information icon, not
        a question's; True when the clerk takes the step."""
        return self._choose(QMessageBox.Icon.Information, title, text, yes_text, no_text)

    def _choose(self, icon: QMessageBox.Icon, title: str, text: str, yes_text: str, no_text: str) -> bool:
        box = self._box(icon, title, text)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(no_text, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    # ------------------------------------------------------------------ files
    def open_library_path(self, directory: Path) -> Path | None:
        dialog = file_dialog(self.parent, "Mở thư viện báo cáo", directory, LIBRARY_FILTER, "Mở")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        return chosen_path(dialog)

    def new_library_path(self, directory: Path) -> Path | None:
        dialog = file_dialog(self.parent, "Tạo thư viện báo cáo mới", directory, LIBRARY_FILTER, "Tạo")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("db")
        return chosen_path(dialog)

    def export_path(self, kind: str, suggested: Path) -> Path | None:
        """Where to write an export of ``kind`` (``docx`` or ``pdf``); the dialog asks before overwriting."""
        dialog = file_dialog(self.parent, f"Xuất báo cáo ra {kind.upper()}", suggested.parent, EXPORT_FILTERS[kind],
                             "Lưu")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(kind)
        dialog.selectFile(suggested.name)
        return chosen_path(dialog)

    def open_file(self, path: Path) -> bool:
        """Open ``path`` in the program the computer uses for it (a PDF reader, Word)."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        self.error("Không mở được tệp", f"Máy chưa có chương trình mở được tệp “{path.name}”.\n"
                                        f"Tệp nằm ở: {path.parent}")
        return False

    # ------------------------------------------------------------------ reports
    def new_report(self, organizations: Sequence[OrganizationInfo], organization_id: str, period: Period,
                   previous_label: Callable[[str, Period], str | None],
                   kinds: Sequence[tuple[str, str]] = ()) -> NewReportRequest | None:
        from gui.dialogs.report import NewReportDialog

        dialog = NewReportDialog(organizations, organization_id, period, previous_label, self.parent, kinds)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def period(self, title: str, text: str, suggested: Period) -> Period | None:
        from gui.dialogs.report import PeriodDialog

        dialog = PeriodDialog(title, text, suggested, self.parent)
        return dialog.picker.period() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def new_organization(self) -> OrganizationRequest | None:
        from gui.dialogs.report import OrganizationDialog

        dialog = OrganizationDialog(self.parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def issue(self, text: str, number: str, day: str, parse: Parse) -> tuple[int, date] | None:
        """The văn thư's number and date of issue (checked by ``parse``), or ``None`` when cancelled."""
        from gui.dialogs.issue import IssueDialog

        dialog = IssueDialog(text, number, day, parse, self.parent)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
