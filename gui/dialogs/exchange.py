"""The dialogs of exchanging .db files between offices: choosing reports to send, files to import and
how to settle a conflict, the sub-unit reports to consolidate, and the per-file results.

Every one is reached through :class:`ExchangeDialogs`, which the tests replace with a scripted stand-in.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.modal import chosen_path, file_dialog
from gui.dialogs.report import PeriodPicker
from gui.dialogs.report import _buttons as ok_cancel_buttons
from model.vietnamese.period import Period

if TYPE_CHECKING:  # model.library.library loads SQLAlchemy: not before the window shows
    from model.library.infos import OrganizationInfo
    from model.library.library import ReportInfo

DB_FILTER = "Tệp báo cáo (*.db);;Mọi tệp (*)"
_ID_ROLE = Qt.ItemDataRole.UserRole
REFUSED_COLOUR = "#b71c1c"

CONFLICT_CHOICES = (
    ("skip", "Bỏ qua báo cáo trong tệp (giữ báo cáo đang có)"),
    ("replace", "Thay báo cáo đang có bằng báo cáo trong tệp"),
    ("keep", "Giữ cả hai (xem lại và xóa bản thừa sau)"),
)


@dataclass(frozen=True)
class ImportRequest:
    paths: tuple[Path, ...]
    on_conflict: str


@dataclass(frozen=True)
class ConsolidationRequest:
    office_id: str
    period: Period
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class ResultGroup:
    """One block of a result dialog: a heading line and the lines under it."""

    heading: str
    lines: tuple[str, ...] = ()
    refused: bool = False


def report_label(report: ReportInfo) -> str:
    return f"{report.organization_name} — {report.period.text} ({report.status_label})"


class _CheckList(QListWidget):
    """Reports with a check box each; ``checked_ids()`` in list order."""

    def fill(self, reports: Sequence[ReportInfo], checked: set[str], notes: dict[str, str] | None = None) -> None:
        self.clear()
        for report in reports:
            note = (notes or {}).get(report.id, "")
            item = QListWidgetItem(report_label(report) + (f" — {note}" if note else ""), self)
            item.setData(_ID_ROLE, report.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if report.id in checked else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[str]:
        return [self.item(i).data(_ID_ROLE) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_all(self, state: Qt.CheckState) -> None:
        for i in range(self.count()):
            self.item(i).setCheckState(state)


def _all_none_buttons(check_list: _CheckList) -> QHBoxLayout:
    row = QHBoxLayout()
    for text, state, name in (("Chọn tất cả", Qt.CheckState.Checked, "chon_tat_ca"),
                              ("Bỏ chọn tất cả", Qt.CheckState.Unchecked, "bo_chon")):
        button = QPushButton(text, objectName=name)
        button.clicked.connect(lambda _checked=False, s=state: check_list.set_all(s))
        row.addWidget(button)
    row.addStretch(1)
    return row


class ChooseReportsDialog(QDialog):
    """Which reports go into the file to send."""

    def __init__(self, reports: Sequence[ReportInfo], checked: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Xuất tệp .db để gửi")
        self.setMinimumSize(560, 380)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Chọn các báo cáo cần gửi. Tệp .db ghi kèm thông tin cơ quan, để đơn vị nhận "
                                "nhập vào thư viện của họ (Tệp → Nhập tệp .db).", wordWrap=True))
        self.reports = _CheckList(objectName="bao_cao_gui")
        self.reports.fill(reports, checked)
        layout.addWidget(self.reports, 1)
        layout.addLayout(_all_none_buttons(self.reports))
        self.buttons = ok_cancel_buttons(self, "Chọn nơi lưu…")
        layout.addWidget(self.buttons)
        self.reports.itemChanged.connect(lambda _item: self._update_ok())
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reports.checked_ids()))


class ImportDialog(QDialog):
    """The files to import and what to do when the library already has another report of the same
    office and period."""

    def __init__(self, paths: Sequence[Path], add_files: Callable[[], list[Path]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nhập tệp .db")
        self.setMinimumSize(560, 420)
        self._add_files = add_files
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Các tệp nhận từ đơn vị khác. Mỗi tệp được kiểm tra trước khi nhập; tệp hỏng, tệp "
                                "của phần mềm khác hay có số liệu sai sẽ bị từ chối và không làm thay đổi thư viện.",
                                wordWrap=True))
        self.files = QListWidget(objectName="tep_nhap")
        self.files.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        layout.addWidget(self.files, 1)
        row = QHBoxLayout()
        add = QPushButton("Thêm tệp…", objectName="them_tep")
        add.clicked.connect(self._add)
        remove = QPushButton("Bỏ tệp đã chọn", objectName="bo_tep")
        remove.clicked.connect(self._remove)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel("<b>Khi thư viện đã có báo cáo khác của cùng cơ quan, cùng kỳ:</b>"))
        self.conflict = QButtonGroup(self)
        for index, (key, text) in enumerate(CONFLICT_CHOICES):
            radio = QRadioButton(text, objectName=f"trung_{key}")
            radio.setProperty("policy", key)
            radio.setChecked(index == 0)
            self.conflict.addButton(radio)
            layout.addWidget(radio)
        layout.addWidget(QLabel("Báo cáo đã có (cùng mã) chỉ được thay khi tệp có bản sửa mới hơn.", wordWrap=True))
        self.buttons = ok_cancel_buttons(self, "Nhập")
        layout.addWidget(self.buttons)
        self._set_paths(paths)

    def _set_paths(self, paths: Sequence[Path]) -> None:
        known = set(self.paths())
        for path in paths:
            if path not in known:
                item = QListWidgetItem(f"{path.name} — {path.parent}", self.files)
                item.setData(_ID_ROLE, str(path))
                known.add(path)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.files.count() > 0)

    def _add(self) -> None:
        self._set_paths(self._add_files())

    def _remove(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._set_paths([])

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).data(_ID_ROLE)) for i in range(self.files.count())]

    def request(self) -> ImportRequest:
        return ImportRequest(tuple(self.paths()), self.conflict.checkedButton().property("policy"))


class ConsolidateDialog(QDialog):
    """The parent office, the period, and the sub-units' reports to consolidate."""

    def __init__(self, organizations: Sequence[OrganizationInfo], office_id: str | None, period: Period,
                 candidates: Callable[[str, Period], list[ReportInfo]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tổng hợp báo cáo các đơn vị")
        self.setMinimumSize(600, 480)
        self._organizations = {o.id: o for o in organizations}
        self._candidates = candidates
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Tạo dự thảo báo cáo của cơ quan cấp trên từ báo cáo cùng kỳ của các đơn vị: số "
                                "liệu được cộng lại, tỷ lệ tính lại từ các tổng (không lấy trung bình), phần nội "
                                "dung chữ để trống cho cán bộ soạn, kèm Phụ lục số liệu từng đơn vị.", wordWrap=True))
        form = QFormLayout()
        self.office = QComboBox(objectName="co_quan_tong_hop")
        for org in organizations:
            self.office.addItem(org.name, org.id)
        if office_id is not None:
            self.office.setCurrentIndex(max(0, self.office.findData(office_id)))
        form.addRow("Cơ quan tổng hợp:", self.office)
        self.picker = PeriodPicker(period, form)
        layout.addLayout(form)
        layout.addWidget(QLabel("Báo cáo của các đơn vị (đơn vị trực thuộc được chọn sẵn):"))
        self.sources = _CheckList(objectName="bao_cao_don_vi")
        layout.addWidget(self.sources, 1)
        layout.addLayout(_all_none_buttons(self.sources))
        self.count = QLabel(objectName="so_don_vi")
        layout.addWidget(self.count)
        self.buttons = ok_cancel_buttons(self, "Tổng hợp")
        layout.addWidget(self.buttons)
        self.office.currentIndexChanged.connect(self._refill)
        self.picker.quarter.currentIndexChanged.connect(self._refill)
        self.picker.year.valueChanged.connect(self._refill)
        self.sources.itemChanged.connect(lambda _item: self._update_count())
        self._refill()

    def _refill(self) -> None:
        office_id = self.office.currentData()
        reports = self._candidates(office_id, self.picker.period()) if office_id else []
        children = {r.id for r in reports if self._organizations.get(r.organization_id) is not None
                    and self._organizations[r.organization_id].parent_id == office_id}
        self.sources.blockSignals(True)
        self.sources.fill(reports, children, dict.fromkeys(children, "đơn vị trực thuộc"))
        self.sources.blockSignals(False)
        self._update_count()

    def _update_count(self) -> None:
        chosen = len(self.sources.checked_ids())
        total = self.sources.count()
        self.count.setText(f"Đã chọn {chosen}/{total} báo cáo." if total else
                           "Chưa có báo cáo nào của đơn vị khác trong kỳ này; hãy nhập tệp .db của các đơn vị trước.")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(chosen > 0)

    def request(self) -> ConsolidationRequest:
        return ConsolidationRequest(self.office.currentData(), self.picker.period(),
                                    tuple(self.sources.checked_ids()))


class ResultDialog(QDialog):
    """What happened, file by file (or note by note), in wrapped text the clerk can select and copy;
    refused files in red."""

    def __init__(self, title: str, summary: str, groups: Sequence[ResultGroup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(720, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{html.escape(summary)}</b>", wordWrap=True, objectName="tom_tat"))
        self.text = QTextBrowser(objectName="ket_qua")
        self.text.setHtml("".join(self._group_html(group) for group in groups))
        layout.addWidget(self.text, 1)
        box = QDialogButtonBox()
        box.addButton("Đóng", QDialogButtonBox.ButtonRole.AcceptRole)
        box.accepted.connect(self.accept)
        layout.addWidget(box)

    @staticmethod
    def _group_html(group: ResultGroup) -> str:
        colour = f' style="color:{REFUSED_COLOUR}"' if group.refused else ""
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in group.lines)
        return f"<p{colour}><b>{html.escape(group.heading)}</b></p>" + (f"<ul>{lines}</ul>" if lines else "")


class ExchangeDialogs:
    """The real dialogs, parented to ``parent``."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def _file_dialog(self, title: str, directory: Path, accept: str) -> QFileDialog:
        return file_dialog(self.parent, title, directory, DB_FILTER, accept)

    def choose_reports(self, reports: Sequence[ReportInfo], checked: set[str]) -> list[str] | None:
        dialog = ChooseReportsDialog(reports, checked, self.parent)
        return dialog.reports.checked_ids() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def send_path(self, suggested: Path) -> Path | None:
        """Where to write the file to send; the dialog asks before replacing a file."""
        dialog = self._file_dialog("Lưu tệp .db để gửi", suggested.parent, "Lưu")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("db")
        dialog.selectFile(suggested.name)
        return chosen_path(dialog)

    def _received_files(self, directory: Path) -> list[Path]:
        dialog = self._file_dialog("Chọn tệp .db nhận được", directory, "Chọn")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [Path(p) for p in dialog.selectedFiles()]

    def import_request(self, directory: Path) -> ImportRequest | None:
        paths = self._received_files(directory)
        if not paths:
            return None
        dialog = ImportDialog(paths, lambda: self._received_files(directory), self.parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def consolidation_request(self, organizations: Sequence[OrganizationInfo], office_id: str | None,
                              period: Period, candidates: Callable[[str, Period], list[ReportInfo]]
                              ) -> ConsolidationRequest | None:
        dialog = ConsolidateDialog(organizations, office_id, period, candidates, self.parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def show_result(self, title: str, summary: str, groups: Sequence[ResultGroup]) -> None:
        ResultDialog(title, summary, groups, self.parent).exec()
