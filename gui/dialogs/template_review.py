"""Báo cáo → Mẫu báo cáo nhận được…: a person sees what a template received inside a .db or a workbook changes
against the version in use (fields, sentences, checks) and may accept it for the library's new reports (README:
the trust model). Until then it only reads, checks and exports the reports it came with."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from model.errors import LibraryError
from model.report.template_diff import template_changes

if TYPE_CHECKING:
    from model.library.library import Library


class Window(Protocol):
    """What the action needs of the editor's main window (no import of it: the window imports this module)."""

    library: Library | None
    dialogs: Any

    def make_action(self, text: str, slot: Callable[[], Any], shortcut: None = None, tip: str = "",
                    name: str = "") -> QAction: ...

_SECTIONS = (("kind", "Loại báo cáo"), ("fields", "Trường số liệu, nội dung"),
             ("sentences_added", "Câu thêm vào (sẽ in trong văn bản)"), ("sentences_removed", "Câu bị bỏ"),
             ("checks", "Kiểm tra"))


def changes_html(library: Library, key: str, version: int) -> str:
    """The differences of ``key`` version ``version`` against the version new reports use now, as HTML."""
    in_use = library.template_in_use(key)
    changes = template_changes(in_use, library.template(key, version))
    against = (f"phiên bản {in_use.version} đang dùng cho báo cáo mới" if in_use is not None
               else "chưa có phiên bản nào được dùng")
    parts = [f"<p>So với {against}:</p>"]
    if changes.none:
        parts.append("<p>Không có khác biệt về trường, câu chữ hay kiểm tra.</p>")
    for attribute, title in _SECTIONS:
        lines = getattr(changes, attribute)
        if lines:
            items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
            parts.append(f"<h4>{title}</h4><ul>{items}</ul>")
    return "".join(parts)


class TemplateReviewDialog(QDialog):
    """The received templates, the differences of the one selected, and the button that trusts it."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.accepted_templates: list[tuple[str, int]] = []
        self.setWindowTitle("Mẫu báo cáo nhận được")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Các mẫu này đến cùng tệp .db hoặc phiếu Excel của đơn vị khác: chúng chỉ dùng để đọc, "
                                "kiểm tra và xuất các báo cáo kèm theo. Báo cáo mới của cơ quan mình chỉ dùng một mẫu "
                                "sau khi anh/chị xem khác biệt và chấp nhận.", wordWrap=True))
        self.templates = QListWidget(objectName="mau_nhan_duoc")
        for info in library.templates():
            if not info.trusted:
                item = QListWidgetItem(f"{info.name} — {info.key}, phiên bản {info.version}")
                item.setData(256, (info.key, info.version))
                self.templates.addItem(item)
        self.templates.setMaximumHeight(120)
        layout.addWidget(self.templates)
        self.changes = QTextBrowser(objectName="khac_biet")
        layout.addWidget(self.changes, 1)
        self.message = QLabel(objectName="loi_chap_nhan", wordWrap=True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton("Chấp nhận dùng cho báo cáo mới", objectName="chap_nhan_mau")
        self.accept_button.clicked.connect(self.accept_selected)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.templates.currentItemChanged.connect(lambda *_: self.show_selected())
        self.templates.setCurrentRow(0)
        self.show_selected()

    def selected(self) -> tuple[str, int] | None:
        item = self.templates.currentItem()
        return item.data(256) if item is not None else None

    def show_selected(self) -> None:
        chosen = self.selected()
        self.accept_button.setEnabled(chosen is not None)  # never before its differences are on screen
        self.message.hide()
        self.changes.setHtml(changes_html(self.library, *chosen) if chosen is not None else "")

    def accept_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            self.library.accept_template(*chosen)
        except LibraryError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.accepted_templates.append(chosen)
        self.templates.takeItem(self.templates.currentRow())
        if self.templates.count() == 0:
            self.accept()


def review_with_dialog(window: Window, library: Library) -> None:
    TemplateReviewDialog(library, window).exec()


class TemplateReviewController(QObject):
    """The action; ``review`` is replaceable in tests."""

    def __init__(self, window: Window) -> None:
        super().__init__(window)  # type: ignore[arg-type]  # the window is a QMainWindow
        self.window = window
        self.review: Callable[[Window, Library], None] = review_with_dialog
        self.action = window.make_action("Mẫ&u báo cáo nhận được…", self.run, None,
                                         "Xem khác biệt của mẫu nhận từ tệp đơn vị khác và chấp nhận dùng cho báo "
                                         "cáo mới", "mau_bao_cao_nhan_duoc")

    def run(self) -> None:
        library = self.window.library
        if library is None:
            return
        if all(info.trusted for info in library.templates()):
            self.window.dialogs.info("Mẫu báo cáo nhận được", "Thư viện không có mẫu nào nhận từ tệp đang chờ xem.")
            return
        self.review(self.window, library)
