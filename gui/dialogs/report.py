"""Small forms the clerk fills in a dialog: a new report's office and period, another period, an office."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from model.report.shipped import DEFAULT_TEMPLATE
from model.vietnamese.period import HALF_NAMES, ROMAN, Period
from model.vietnamese.textnorm import clean_text

if TYPE_CHECKING:  # model.library.library loads SQLAlchemy: not before the window shows
    from model.library.infos import OrganizationInfo


@dataclass(frozen=True)
class NewReportRequest:
    organization_id: str
    period: Period
    carry_forward: bool
    template_key: str = DEFAULT_TEMPLATE
    """The kind of report (a template key of the library; its newest version is used)."""


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


_NUMBER_LABELS = {"quarter": "Quý:", "month": "Tháng:", "half": "Kỳ:", "year": "Kỳ:"}


class PeriodPicker:
    """The period within a year (quarter, month or half, as the kind of report is made) and the year: two rows of
    a dialog's form; a yearly report shows the year alone."""

    def __init__(self, period: Period, form: QFormLayout, kind: str = "quarter") -> None:
        self.form = form
        self.quarter = QComboBox(objectName="quy")
        """The number within the year (named for the quarter, the usual kind)."""
        self.year = QSpinBox(objectName="nam")
        self.year.setRange(2000, 2100)
        self.year.setValue(period.year)
        form.addRow(_NUMBER_LABELS["quarter"], self.quarter)
        form.addRow("Năm:", self.year)
        self.kind = ""
        self.set_kind(kind, period.number if period.kind == kind else 1)

    def set_kind(self, kind: str, number: int | None = None) -> None:
        """Offer the periods of ``kind`` (``month``, ``quarter``, ``half``, ``year``), keeping the number if it fits."""
        if kind == self.kind:
            return
        self.kind = kind
        chosen = number if number is not None else self.quarter.currentIndex() + 1
        names = {"quarter": [f"Quý {r}" for r in ROMAN], "month": [f"Tháng {m}" for m in range(1, 13)],
                 "half": [name.capitalize() for name in HALF_NAMES], "year": ["Cả năm"]}[kind]
        self.quarter.blockSignals(True)
        self.quarter.clear()
        self.quarter.addItems(names)
        self.quarter.blockSignals(False)
        self.quarter.setCurrentIndex(min(max(chosen, 1), len(names)) - 1)
        label = self.form.labelForField(self.quarter)
        if label is not None:
            label.setText(_NUMBER_LABELS[kind])
            label.setVisible(kind != "year")
        self.quarter.setVisible(kind != "year")

    def period(self) -> Period:
        return Period(self.year.value(), self.quarter.currentIndex() + 1, self.kind)  # type: ignore[arg-type]


class NewReportDialog(QDialog):
    """Office, period, and whether to carry last period's texts and cumulative figures forward."""

    def __init__(self, organizations: Sequence[OrganizationInfo], organization_id: str, period: Period,
                 previous_label: Callable[[str, Period], str | None], parent: QWidget | None = None,
                 kinds: Sequence[tuple[str, str, str]] = ()) -> None:
        """``kinds``: (template key, name, period kind) of every kind the library holds; the choice shows when
        there are several, and the period asked follows the chosen kind (quarter, month, half-year, year)."""
        super().__init__(parent)
        self.setWindowTitle("Báo cáo mới")
        self._previous_label = previous_label
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.office = QComboBox(objectName="co_quan")
        for org in organizations:
            self.office.addItem(org.name, org.id)
        self.office.setCurrentIndex(max(0, self.office.findData(organization_id)))
        form.addRow("Cơ quan:", self.office)
        self.kind = QComboBox(objectName="loai_bao_cao")
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(28)  # a long name must not push the label out of sight
        self._period_kinds = {key: period_kind for key, _name, period_kind in kinds}
        for key, name, _period_kind in kinds:
            self.kind.addItem(name, key)
            self.kind.setItemData(self.kind.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        self.kind.setCurrentIndex(max(0, self.kind.findData(DEFAULT_TEMPLATE)))
        if self.kind.count() > 1:
            form.addRow("Loại báo cáo:", self.kind)
        self.picker = PeriodPicker(period, form, self._period_kind())
        layout.addLayout(form)
        self.carry = QCheckBox(objectName="mang_sang")
        self.carry_note = QLabel(wordWrap=True)
        layout.addWidget(self.carry)
        layout.addWidget(self.carry_note)
        layout.addWidget(_buttons(self, "Tạo báo cáo"))
        self.office.currentIndexChanged.connect(self._update_carry)
        self.picker.quarter.currentIndexChanged.connect(self._update_carry)
        self.picker.year.valueChanged.connect(self._update_carry)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._update_carry()

    def _period_kind(self) -> str:
        return self._period_kinds.get(self.kind.currentData(), "quarter")

    def _kind_changed(self) -> None:
        self.picker.set_kind(self._period_kind())
        self._update_carry()

    def _update_carry(self) -> None:
        label = self._previous_label(self.office.currentData(), self.picker.period())
        self.carry.setEnabled(label is not None)
        self.carry.setChecked(label is not None)
        if label is None:
            self.carry.setText("Mang sang từ kỳ trước (không có báo cáo kỳ trước)")
            self.carry_note.setText("Báo cáo mới lấy nội dung mặc định của mẫu.")
        else:
            self.carry.setText(f"Mang sang từ báo cáo {label}")
            self.carry_note.setText("Mang sang các đoạn văn, nơi nhận, người ký và số liệu lũy kế; "
                                    "số, ngày ban hành và số liệu trong kỳ để trống.")

    def request(self) -> NewReportRequest:
        return NewReportRequest(self.office.currentData(), self.picker.period(),
                                self.carry.isEnabled() and self.carry.isChecked(),
                                self.kind.currentData() or DEFAULT_TEMPLATE)


class PeriodDialog(QDialog):
    """Choose one period (for a copy of a report)."""

    def __init__(self, title: str, text: str, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(text, wordWrap=True))
        form = QFormLayout()
        self.picker = PeriodPicker(period, form)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Đồng ý"))


@dataclass(frozen=True)
class OrganizationRequest:
    name: str
    header_name: str
    parent_header: str
    place: str
    symbol_suffix: str


class OrganizationDialog(QDialog):
    """The office a new library reports for: its name, letterhead lines, place and symbol."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cơ quan báo cáo")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Thư viện chưa có cơ quan nào. Nhập thông tin cơ quan lập báo cáo:", wordWrap=True))
        form = QFormLayout()
        self.name = QLineEdit(objectName="ten_co_quan", placeholderText="Ủy ban nhân dân tỉnh Kiên Giang")
        self.header = QPlainTextEdit(objectName="ten_tieu_de", placeholderText="ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG")
        self.header.setTabChangesFocus(True)
        self.header.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.parent_header = QPlainTextEdit(objectName="co_quan_chu_quan", placeholderText="để trống nếu không có")
        self.parent_header.setTabChangesFocus(True)
        self.parent_header.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 12)
        self.place = QLineEdit(objectName="dia_danh", placeholderText="Kiên Giang")
        self.symbol = QLineEdit("UBND", objectName="viet_tat")
        form.addRow("Tên cơ quan:", self.name)
        form.addRow("Tên in trên tiêu đề:", self.header)
        form.addRow("Cơ quan chủ quản:", self.parent_header)
        form.addRow("Địa danh:", self.place)
        form.addRow("Chữ viết tắt trong ký hiệu:", self.symbol)
        layout.addLayout(form)
        self.note = QLabel(wordWrap=True, objectName="loi")
        layout.addWidget(self.note)
        layout.addWidget(_buttons(self, "Đồng ý"))

    def request(self) -> OrganizationRequest:
        name = clean_text(self.name.text())
        header = clean_text(self.header.toPlainText(), multiline=True) or name.upper()
        return OrganizationRequest(name, header, clean_text(self.parent_header.toPlainText(), multiline=True),
                                   clean_text(self.place.text()), clean_text(self.symbol.text()).upper() or "UBND")

    def accept(self) -> None:
        if not clean_text(self.name.text()):
            self.note.setText("Hãy nhập tên cơ quan.")
            self.name.setFocus()
            return
        super().accept()
