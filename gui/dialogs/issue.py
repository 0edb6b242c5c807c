"""The văn thư's dialog when a report is issued: the number and the date of issue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from model.report.report_info import ReportInfo

Parse = Callable[[str, str], tuple[int, date]]
"""Reads (number, date) as typed; raises ``LibraryError`` with a Vietnamese message for a bad entry."""


class IssueDialog(QDialog):
    """Asks the number and date of issue; OK only with values :data:`Parse` accepts (the dialog stays open
    and says what is wrong otherwise)."""

    def __init__(self, text: str, number: str, day: str, parse: Parse, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ban hành báo cáo")
        self.setMinimumWidth(460)
        self.parse = parse
        self.result_value: tuple[int, date] | None = None
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.number = QLineEdit(number, objectName="so_ban_hanh")
        self.number.setPlaceholderText("ví dụ 154")
        self.day = QLineEdit(day, objectName="ngay_ban_hanh")
        self.day.setPlaceholderText("ngày/tháng/năm, ví dụ 18/06/2018")
        form = QFormLayout()
        form.addRow("&Số văn bản:", self.number)
        form.addRow("&Ngày ban hành:", self.day)
        self.message = QLabel(objectName="loi_ban_hanh")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Ban hành")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.number.setFocus()
        self.number.selectAll()

    def accept(self) -> None:
        from model.errors import LibraryError

        try:
            self.result_value = self.parse(self.number.text(), self.day.text())
        except LibraryError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        super().accept()


def ask_and_issue(dialogs, library, report: ReportInfo, warning: str = "") -> bool:
    """Ask the văn thư for the number and date (suggesting what the report holds, else today), confirm a number
    already given to another report, then issue. True when the report was issued."""
    from model.library.issuing import DATE_KEY, NUMBER_KEY, issue_with_number, number_reused, parse_issue
    from model.vietnamese.vnformat import format_date_short

    values = library.values(report.id)
    number, day = values.get(NUMBER_KEY), values.get(DATE_KEY)
    text = (f"{warning}Văn thư cấp số và ngày ban hành cho báo cáo {report.period.text}. Sau đó báo cáo chỉ xem "
            "được, muốn sửa phải mở lại; văn bản xuất ra mang số và ngày này.")
    answer = dialogs.issue(text, str(number) if isinstance(number, int) else "",
                           format_date_short(day if isinstance(day, date) else date.today()),
                           lambda typed_number, typed_day: parse_issue(library, report.id, typed_number, typed_day))
    if answer is None:
        return False
    reused = number_reused(library, report.id, *answer)
    if reused and not dialogs.confirm("Số văn bản đã cấp", "\n".join(reused) + "\nVẫn ban hành với số này?",
                                      "Vẫn ban hành", "Quay lại"):
        return False
    issue_with_number(library, report.id, *answer, force=True)  # the window warned of errors already
    return True
