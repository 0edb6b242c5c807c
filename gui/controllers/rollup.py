"""Báo cáo → Lập báo cáo 6 tháng / năm từ các quý…: the editor's side of ``model.exchange.rollup`` (the command line's
``rollup``). The dialog asks the office, the period (6 tháng đầu năm, 6 tháng cuối năm, cả năm) and the year; the
draft is made and opened, and the clerk reads which quarters it was made from and what to rewrite."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from model.vietnamese.period import Period

if TYPE_CHECKING:
    from gui.services import WindowServices
    from model.library.infos import OrganizationInfo

LONGER_PERIODS = (("6 tháng đầu năm", "half", 1), ("6 tháng cuối năm", "half", 2), ("Cả năm", "year", 1))

Choice = tuple[str, Period, str | None]
"""(office id, period, template key or ``None`` when the library holds one kind) the clerk chose."""


class RollupDialog(QDialog):
    def __init__(self, organizations: Sequence[OrganizationInfo], office_id: str, suggested: Period,
                 parent: QWidget | None = None, kinds: Sequence[tuple[str, str]] = ()) -> None:
        """``kinds``: (template key, name) of the kinds of report the library holds; asked when several."""
        super().__init__(parent)
        self.setWindowTitle("Lập báo cáo 6 tháng / năm")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Số liệu phát sinh trong kỳ được cộng từ các báo cáo quý, số liệu lũy kế lấy quý "
                                "cuối, tỷ lệ tính lại; các đoạn văn lấy từ quý cuối để sửa lại.", wordWrap=True))
        form = QFormLayout()
        self.office = QComboBox(objectName="co_quan")
        for org in organizations:
            self.office.addItem(org.name, org.id)
        self.office.setCurrentIndex(max(0, self.office.findData(office_id)))
        self.kind = QComboBox(objectName="ky_dai")
        for label, kind, number in LONGER_PERIODS:
            self.kind.addItem(label, (kind, number))
        self.kind.setCurrentIndex(max(0, self.kind.findData((suggested.kind, suggested.number))))
        self.year = QSpinBox(objectName="nam")
        self.year.setRange(2000, 2100)
        self.year.setValue(suggested.year)
        form.addRow("Cơ quan:", self.office)
        self.template = QComboBox(objectName="loai_bao_cao")
        for key, name in kinds:
            self.template.addItem(name, key)
        if self.template.count() > 1:
            form.addRow("Loại báo cáo:", self.template)
        form.addRow("Kỳ báo cáo:", self.kind)
        form.addRow("Năm:", self.year)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lập báo cáo")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> Choice:
        kind, number = self.kind.currentData()
        template = self.template.currentData() if self.template.count() > 1 else None
        return self.office.currentData(), Period(self.year.value(), number, kind), template


def ask_with_dialog(window: WindowServices, organizations: Sequence[OrganizationInfo], office_id: str,
                    suggested: Period, kinds: Sequence[tuple[str, str]]) -> Choice | None:
    dialog = RollupDialog(organizations, office_id, suggested, window, kinds)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def suggested_period(quarters: Sequence[Period], today: date) -> Period:
    """The half-year or year the office's latest quarter closes (quý IV: the year), else this year's first half."""
    if not quarters:
        return Period(today.year, 1, "half")
    last = max(quarters)
    return Period(last.year, 1, "year") if last.number == 4 else Period(last.year, 1, "half")


class RollupController(QObject):
    """The action and its work; ``ask`` is replaceable in tests."""

    def __init__(self, window: WindowServices) -> None:
        super().__init__(window)
        self.window = window
        self.ask: Callable[[WindowServices, Sequence[OrganizationInfo], str, Period, Sequence[tuple[str, str]]],
                           Choice | None] = ask_with_dialog
        self.action = window.make_action("Lập báo cáo &6 tháng / năm từ các quý…", self.run, None,
                                         "Tạo dự thảo báo cáo 6 tháng hoặc cả năm từ các báo cáo quý của cơ quan",
                                         "lap_bao_cao_6_thang_nam")

    def run(self) -> None:
        from model.exchange.rollup import rollup
        from model.library.library import LibraryError

        window = self.window
        library = window.library
        if library is None:
            return
        organizations = library.organizations()
        if not organizations:
            window.dialogs.info("Lập báo cáo 6 tháng / năm", "Thư viện chưa có cơ quan nào.")
            return
        office_id = window.report_info.organization_id if window.report_info else organizations[0].id
        quarters = [r.period for r in library.reports()
                    if r.organization_id == office_id and r.period.kind == "quarter"]
        # only the kinds written quarterly: a shipped kind the office never used has no quarters to roll up
        written = {r.template_key for r in library.reports() if r.period.kind == "quarter"}
        kinds = sorted({t.key: t.name for t in library.templates() if t.trusted and t.key in written}.items(),
                       key=lambda kind: kind[1])
        choice = self.ask(window, organizations, office_id, suggested_period(quarters, date.today()), kinds)
        if choice is None:
            return
        try:
            result = rollup(library, *choice)
        except LibraryError as exc:
            window.dialogs.error("Không lập được báo cáo", str(exc))
            return
        window.reload_reports(result.report_id)
        window.dialogs.info("Đã lập báo cáo", "\n\n".join((result.message, *result.notes)))
