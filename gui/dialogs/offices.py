"""Cơ quan → Quản lý cơ quan…: the offices of the library as a tree (who is under whom), and the form of the one
chosen: name, letterhead lines, place, symbol, level, mã định danh and parent. A new office is added from the same
form; a duplicate is merged into the office kept, after a confirmation.

The dialog only shows and collects; :class:`gui.controllers.offices.OfficesController` checks and writes through
the same services as the command line (``office add``, ``office edit``, ``office merge``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.report.levels import LEVEL_LABELS, LEVELS

if TYPE_CHECKING:  # model.library.library loads SQLAlchemy: not before the window shows
    from model.library.infos import OrganizationInfo
    from model.offices.editing import OfficeChanges

_ID_ROLE = Qt.ItemDataRole.UserRole
NO_PARENT = "(không có: cơ quan cấp cao nhất)"

Save = Callable[[str | None, "OfficeChanges"], str]
"""Add (office id ``None``) or change an office; returns its id, raises LibraryError with the clerk's message."""
Merge = Callable[[str, str], bool]
"""Merge the first office into the second, after the clerk confirmed; False when they did not."""


def office_tree(tree: QTreeWidget, offices: Sequence[OrganizationInfo]) -> dict[str, QTreeWidgetItem]:
    """Fill ``tree`` with ``offices`` under their parents (an office whose parent is missing is a top one)."""
    tree.clear()
    known = {o.id for o in offices}
    items: dict[str, QTreeWidgetItem] = {}
    pending = list(offices)
    while pending:
        placed = [o for o in pending if o.parent_id is None or o.parent_id not in known or o.parent_id in items]
        if not placed:  # a cycle (a damaged library): show the rest at the top rather than nothing
            placed = pending
        for office in placed:
            parent = items.get(office.parent_id) if office.parent_id else None
            item = QTreeWidgetItem(parent if parent is not None else tree, [office.name,
                                                                             LEVEL_LABELS.get(office.level, "")])
            item.setData(0, _ID_ROLE, office.id)
            item.setToolTip(0, office.name)
            items[office.id] = item
        pending = [o for o in pending if o.id not in items]
    tree.expandAll()
    tree.resizeColumnToContents(0)  # whole names: “Ủy ban nhân dân huyện U Minh Thượng” is the one to tell apart
    return items


class OfficesDialog(QDialog):
    def __init__(self, offices: Callable[[], Sequence[OrganizationInfo]], save: Save, merge: Merge,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Quản lý cơ quan")
        self.setMinimumSize(820, 520)
        self._offices = offices
        self._save = save
        self._merge = merge
        self._by_id: dict[str, OrganizationInfo] = {}
        self.changed = False
        """True once anything was written (the window then reloads its library pane)."""
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.tree = QTreeWidget(objectName="cay_co_quan")
        self.tree.setHeaderLabels(["Cơ quan", "Cấp"])
        self.tree.setMinimumWidth(400)
        self.tree.currentItemChanged.connect(lambda item, _old: self._show(item))
        left.addWidget(self.tree, 1)
        self.new_button = QPushButton("Thêm cơ quan mới", objectName="them_co_quan")
        self.new_button.clicked.connect(self.start_new)
        left.addWidget(self.new_button)
        layout.addLayout(left, 1)
        layout.addLayout(self._form(), 1)
        self.reload()

    def _form(self) -> QVBoxLayout:
        right = QVBoxLayout()
        self.heading = QLabel(objectName="tieu_de_co_quan")
        right.addWidget(self.heading)
        form = QFormLayout()
        self.name = QLineEdit(objectName="ten_co_quan")
        self.header = QPlainTextEdit(objectName="tieu_de_in")
        self.parent_header = QPlainTextEdit(objectName="co_quan_chu_quan")
        for box in (self.header, self.parent_header):
            box.setFixedHeight(54)
        self.place = QLineEdit(objectName="dia_danh")
        self.symbol = QLineEdit(objectName="viet_tat")
        self.level = QComboBox(objectName="cap")
        self.level.addItem("(theo tên cơ quan)", "")
        for level in LEVELS:
            self.level.addItem(LEVEL_LABELS[level], level)
        self.code = QLineEdit(objectName="ma_dinh_danh", placeholderText="ví dụ 000.00.12.H33 (có thể để trống)")
        self.parent_office = QComboBox(objectName="cap_tren")
        form.addRow("Tên cơ quan:", self.name)
        form.addRow("Tên in trên tiêu đề\n(mỗi dòng một dòng):", self.header)
        form.addRow("Cơ quan chủ quản\n(in trên tiêu đề):", self.parent_header)
        form.addRow("Địa danh:", self.place)
        form.addRow("Chữ viết tắt (ký hiệu):", self.symbol)
        form.addRow("Cấp:", self.level)
        form.addRow("Mã định danh điện tử:", self.code)
        form.addRow("Cơ quan cấp trên:", self.parent_office)
        right.addLayout(form)
        self.save_button = QPushButton("Lưu", objectName="luu_co_quan")
        self.save_button.clicked.connect(self.save)
        right.addWidget(self.save_button)
        merge_row = QHBoxLayout()
        merge_row.addWidget(QLabel("Gộp cơ quan này (trùng) vào:"))
        self.merge_into = QComboBox(objectName="gop_vao")
        merge_row.addWidget(self.merge_into, 1)
        self.merge_button = QPushButton("Gộp…", objectName="gop_co_quan")
        self.merge_button.clicked.connect(self.merge)
        merge_row.addWidget(self.merge_button)
        right.addLayout(merge_row)
        self.message = QLabel(objectName="thong_bao_co_quan", wordWrap=True)
        right.addWidget(self.message)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        close = QPushButton("Đóng", objectName="dong")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        right.addLayout(buttons)
        return right

    @property
    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, _ID_ROLE) if item is not None else None

    def reload(self, select_id: str | None = None) -> None:
        offices = list(self._offices())
        self._by_id = {o.id: o for o in offices}
        self.tree.blockSignals(True)
        items = office_tree(self.tree, offices)
        self.tree.blockSignals(False)
        for combo, first in ((self.parent_office, NO_PARENT), (self.merge_into, None)):
            combo.clear()
            if first is not None:
                combo.addItem(first, "")
            for office in offices:
                combo.addItem(office.name, office.id)
        target = items.get(select_id or "") or (self.tree.topLevelItem(0) if offices else None)
        if target is not None:
            self.tree.setCurrentItem(target)  # shows it
        else:
            self.start_new()

    def _show(self, item: QTreeWidgetItem | None) -> None:
        office = self._by_id.get(item.data(0, _ID_ROLE)) if item is not None else None
        if office is None:
            return
        self.heading.setText(f"<b>{office.name}</b>")
        self.name.setText(office.name)
        self.header.setPlainText(office.header_name)
        self.parent_header.setPlainText(office.parent_header)
        self.place.setText(office.place)
        self.symbol.setText(office.symbol_suffix)
        self.level.setCurrentIndex(max(0, self.level.findData(office.level)))
        self.code.setText(office.code)
        self.parent_office.setCurrentIndex(max(0, self.parent_office.findData(office.parent_id or "")))
        self.merge_into.setEnabled(len(self._by_id) > 1)
        self.merge_button.setEnabled(len(self._by_id) > 1)
        self.save_button.setText("Lưu thay đổi")
        self.message.clear()

    def start_new(self) -> None:
        """An empty form for a new office, under the office chosen (if any)."""
        under = self.current_id or ""
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(None)
        self.tree.blockSignals(False)
        self.heading.setText("<b>Cơ quan mới</b>")
        for box in (self.name, self.place, self.code):
            box.clear()
        self.header.clear()
        self.parent_header.clear()
        self.symbol.setText("UBND")
        self.level.setCurrentIndex(0)  # read from the name unless the clerk chooses
        self.parent_office.setCurrentIndex(max(0, self.parent_office.findData(under)))
        self.merge_into.setEnabled(False)
        self.merge_button.setEnabled(False)
        self.save_button.setText("Thêm cơ quan")
        self.message.clear()
        self.name.setFocus()

    def changes(self) -> OfficeChanges:
        from model.offices.editing import OfficeChanges

        return OfficeChanges(name=self.name.text(), header_lines=self.header.toPlainText().splitlines(),
                             parent_header_lines=self.parent_header.toPlainText().splitlines(),
                             place=self.place.text(), symbol=self.symbol.text(), level=self.level.currentData(),
                             code=self.code.text(), parent_ref=self.parent_office.currentData() or "")

    def save(self) -> None:
        from model.errors import LibraryError

        try:
            office_id = self._save(self.current_id, self.changes())
        except LibraryError as exc:
            self._say(str(exc), error=True)
            return
        self.changed = True
        self.reload(office_id)
        self._say("Đã lưu.")

    def merge(self) -> None:
        from model.errors import LibraryError

        duplicate, kept = self.current_id, self.merge_into.currentData()
        if duplicate is None or not kept:
            return
        try:
            merged = self._merge(duplicate, kept)
        except LibraryError as exc:
            self._say(str(exc), error=True)
            return
        if merged:
            self.changed = True
            self.reload(kept)
            self._say("Đã gộp; mọi báo cáo được giữ và chuyển sang cơ quan giữ lại.")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b71c1c;" if error else "color: #1b5e20;")
        self.message.setText(text)
