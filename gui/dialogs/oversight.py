"""The level above's dialogs: Tình hình nộp báo cáo (the units' reports, rates, a chart per unit), the trend of
one office's figure, sending a report back for correction, and a report's receipt log."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.panes.charts import ChartView
from model.library.infos import OrganizationInfo
from model.oversight.events import Event
from model.oversight.figures import ChartData
from model.oversight.status import StatusReport
from model.report.template import FieldSpec, Template
from model.vietnamese.period import ROMAN, Period

COLUMNS = ("Đơn vị", "Đã nộp", "Ngày nhận", "Bản sửa", "Tình trạng")


def _buttons(dialog: QDialog, ok: str | None, cancel: str = "Đóng") -> QDialogButtonBox:
    box = QDialogButtonBox()
    if ok:
        box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
        box.accepted.connect(dialog.accept)
    box.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    box.rejected.connect(dialog.reject)
    return box


class StatusDialog(QDialog):
    """Choose the office, the quarter and the kind; read who has reported, see a figure per unit.

    ``compute(office_id, period, key)`` returns the status; ``chart(status, field_key)`` its chart;
    ``export(status)`` writes it to Excel (the controller's work, so the dialog stays free of the library)."""

    def __init__(self, offices: Sequence[OrganizationInfo], office_id: str, period: Period,
                 kinds: Sequence[tuple[str, str]], fields_of: Callable[[str], Sequence[FieldSpec]],
                 compute: Callable[[str, Period, str], StatusReport], chart: Callable[[StatusReport, str], ChartData],
                 export: Callable[[StatusReport], None], parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="tinh_hinh_nop")
        self.setWindowTitle("Tình hình nộp báo cáo")
        self.resize(1100, 700)
        self.compute, self.chart_of, self.export, self.fields_of = compute, chart, export, fields_of
        self.status: StatusReport | None = None
        self.office = QComboBox(objectName="co_quan")
        for office in offices:
            self.office.addItem(office.name, office.id)
        self.office.setCurrentIndex(max(0, self.office.findData(office_id)))
        self.quarter = QComboBox(objectName="quy")
        for number in range(1, 5):
            self.quarter.addItem(f"Quý {ROMAN[number - 1]}", number)
        self.quarter.setCurrentIndex(period.number - 1 if period.kind == "quarter" else 0)
        self.year = QSpinBox(objectName="nam", minimum=2000, maximum=2100, value=period.year)
        self.kind = QComboBox(objectName="loai_bao_cao")
        for key, name in kinds:
            self.kind.addItem(name, key)
        self.figure = QComboBox(objectName="so_lieu_bieu_do")
        choose = QHBoxLayout()
        for label, widget in (("Cơ quan:", self.office), ("Kỳ:", self.quarter), ("Năm:", self.year),
                              ("Loại:", self.kind)):
            choose.addWidget(QLabel(label))
            choose.addWidget(widget, 3 if widget is self.office else 1)
        self.heading = QLabel(objectName="tom_tat", wordWrap=True)
        self.table = QTableWidget(0, len(COLUMNS), objectName="bang_don_vi")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart = ChartView()
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("Biểu đồ số liệu:"))
        row.addWidget(self.figure, 1)
        chart_layout.addLayout(row)
        chart_layout.addWidget(self.chart, 1)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(chart_box)
        split.setSizes([520, 560])
        buttons = _buttons(self, None)
        excel = QPushButton("Xuất Excel…", objectName="xuat_excel")
        excel.clicked.connect(lambda: self.status is not None and self.export(self.status))
        buttons.addButton(excel, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        for combo in (self.office, self.quarter, self.kind):
            combo.currentIndexChanged.connect(self.refresh)
        self.year.valueChanged.connect(self.refresh)
        self.figure.currentIndexChanged.connect(self.redraw)
        self.kind.currentIndexChanged.connect(self._fill_figures)
        self._fill_figures()
        self.refresh()

    def period(self) -> Period:
        return Period(self.year.value(), self.quarter.currentData())

    def _fill_figures(self) -> None:
        current = self.figure.currentData()
        self.figure.blockSignals(True)
        self.figure.clear()
        for spec in self.fields_of(self.kind.currentData()):
            self.figure.addItem(spec.label, spec.key)
        self.figure.setCurrentIndex(max(0, self.figure.findData(current)))
        self.figure.blockSignals(False)

    def refresh(self) -> None:
        self.status = self.compute(self.office.currentData(), self.period(), self.kind.currentData())
        status = self.status
        self.heading.setText(f"{status.heading}\n<b>{status.summary}</b>".replace("\n", "<br>"))
        self.table.setRowCount(len(status.units))
        for row, unit in enumerate(status.units):
            cells = (unit.office.name, "có" if unit.received else "chưa",
                     unit.received_at.strftime("%d/%m/%Y %H:%M") if unit.received_at else "",
                     str(unit.report.revision) if unit.report else "", unit.state)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.redraw()

    def redraw(self) -> None:
        key = self.figure.currentData()
        if self.status is None or key is None or not self.status.units:
            self.chart.set_data(None, "Cơ quan này chưa có đơn vị cấp dưới trong thư viện.")
            return
        self.chart.set_data(self.chart_of(self.status, key))


class TrendDialog(QDialog):
    """One office's figure over its periods; ``chart(key)`` makes the data."""

    def __init__(self, title: str, fields: Sequence[FieldSpec], chart: Callable[[str], ChartData],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="bieu_do_theo_ky")
        self.setWindowTitle(title)
        self.resize(900, 560)
        self.chart_of = chart
        self.figure = QComboBox(objectName="so_lieu_bieu_do")
        for spec in fields:
            self.figure.addItem(spec.label, spec.key)
        self.chart = ChartView()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Số liệu:"))
        row.addWidget(self.figure, 1)
        layout.addLayout(row)
        layout.addWidget(self.chart, 1)
        layout.addWidget(_buttons(self, None))
        self.figure.currentIndexChanged.connect(self.redraw)
        self.redraw()

    def redraw(self) -> None:
        key = self.figure.currentData()
        self.chart.set_data(self.chart_of(key) if key else None)


class ReturnDialog(QDialog):
    """What to correct: a comment per field (chosen from the report's fields) and a general one."""

    def __init__(self, title: str, template: Template, first_field: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="tra_lai")
        self.setWindowTitle("Trả lại báo cáo để sửa")
        self.resize(640, 460)
        self.rows: list[tuple[QComboBox, QPlainTextEdit]] = []
        self.template = template
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{title}. Đơn vị đọc các ý kiến này bên cạnh các ô khi nhập tệp trả lại; số liệu "
                                "của đơn vị không bị thay đổi.", wordWrap=True))
        self.form = QFormLayout()
        layout.addLayout(self.form)
        more = QPushButton("Thêm ý kiến về một ô", objectName="them_y_kien")
        more.clicked.connect(lambda: self.add_row())
        layout.addWidget(more)
        self.general = QPlainTextEdit(objectName="y_kien_chung")
        self.general.setPlaceholderText("Ý kiến chung (không bắt buộc)")
        self.general.setFixedHeight(80)
        layout.addWidget(self.general)
        layout.addWidget(_buttons(self, "Trả lại", "Hủy"))
        self.add_row(first_field)

    def add_row(self, key: str | None = None) -> None:
        field = QComboBox(objectName=f"truong_{len(self.rows)}")
        for spec in self.template.fields.values():
            field.addItem(spec.label, spec.key)
        field.setCurrentIndex(max(0, field.findData(key)))
        text = QPlainTextEdit(objectName=f"y_kien_{len(self.rows)}")
        text.setFixedHeight(54)
        self.form.addRow(field, text)
        self.rows.append((field, text))

    def comments(self) -> tuple[list[tuple[str, str]], list[str]]:
        """(field key, text) of the rows written in, and the general comment if any."""
        fields = [(combo.currentData(), text.toPlainText()) for combo, text in self.rows
                  if text.toPlainText().strip()]
        general = [self.general.toPlainText()] if self.general.toPlainText().strip() else []
        return fields, general


def history_text(events: Sequence[Event], template: Template) -> str:
    """The receipt log as the history dialog shows it."""
    if not events:
        return "Báo cáo chưa có bước gửi, nhận nào."
    lines = []
    for event in events:
        office = f" — {event.office_name}" if event.office_name else ""
        lines.append(f"{event.local.strftime('%d/%m/%Y %H:%M')}: {event.label} (bản sửa lần {event.revision}){office}")
        for comment in event.comments:
            spec = template.fields.get(comment.field_key)
            lines.append(f"    • {spec.label if spec else 'Ý kiến chung'}: {comment.text}")
    return "\n".join(lines)
