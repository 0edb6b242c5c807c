"""A table block of the template shown in the form as a grid the clerk types into, as in the printed table.

A ``{field}`` cell of a figure the clerk types is editable (white); labels, computed figures and ``= a + b`` cells
are grey and read-only, recomputed whenever the values are shown again (after every write). Tab moves to the next
cell the clerk can type into; a block copied from Excel (rows of tab-separated cells) pasted at the current cell
fills the editable cells it covers in one step, or is refused whole with the reason when a cell cannot be read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from gui.form.fields import clipboard_lines
from model.report.expressions import PLACEHOLDER, evaluate, parse_formula
from model.report.placeholders import fill
from model.report.template import BodyBlock, Template
from model.report.values import Value, display_value, parse_value
from model.vietnamese.vnformat import ParseError, format_count

_GREY = QBrush(QColor("#eceff1"))
_REFUSED = QBrush(QColor("#fde0dc"))
_MERGE_LEFT, _MERGE_UP = "<", "^"


def grid_title(block: BodyBlock) -> str:
    """The table's title as the form shows it: placeholders of the period left out."""
    return re.sub(r"\s*\{[^{}]*\}", "", block.title).strip() or "Bảng số liệu"


class TableGrid(QTableWidget):
    """The grid of one table block (not ``per_unit``: its rows are the sub-units of a consolidated report)."""

    value_typed = Signal(str, object)  # key, value read from the cell
    block_pasted = Signal(dict)  # key → value of a block pasted from a spreadsheet
    refused = Signal(str, str)  # key (or ""), Vietnamese message

    def __init__(self, template: Template, block: BodyBlock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template, self.block = template, block
        self.heads = len(block.header)
        self.cells: list[tuple[str, ...]] = [*block.rows, *((block.total,) if block.total else ())]
        self.keys: dict[tuple[int, int], str] = {}
        self._showing = False
        self._read_only = False
        self.setColumnCount(len(block.header[0]))
        self.setRowCount(self.heads + len(self.cells))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        triggers = QAbstractItemView.EditTrigger  # typing starts editing a cell, as in Excel
        self.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._build_header()
        for row, cells in enumerate(self.cells, start=self.heads):
            for column, text in enumerate(cells):
                self._build_cell(row, column, text)
        self.resizeRowsToContents()
        height = sum(self.rowHeight(r) for r in range(self.rowCount())) + 2 * self.frameWidth()
        self.setFixedHeight(height)
        self.itemChanged.connect(self._changed)

    # ------------------------------------------------------------------ building
    def _build_header(self) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        for row, texts in enumerate(self.block.header):
            for column, text in enumerate(texts):
                item = QTableWidgetItem("" if text in (_MERGE_LEFT, _MERGE_UP) else fill(text, self.template, {}, {}))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setFont(bold)
                item.setBackground(_GREY)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, column, item)
        for row, texts in enumerate(self.block.header):
            for column, text in enumerate(texts):
                if text in (_MERGE_LEFT, _MERGE_UP):
                    continue
                last_column = column
                while last_column + 1 < len(texts) and texts[last_column + 1] == _MERGE_LEFT:
                    last_column += 1
                last_row = row
                while last_row + 1 < self.heads and self.block.header[last_row + 1][column] == _MERGE_UP:
                    last_row += 1
                if (last_row, last_column) != (row, column):
                    self.setSpan(row, column, last_row - row + 1, last_column - column + 1)

    def _build_cell(self, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem()
        whole = PLACEHOLDER.fullmatch(text)
        spec = self.template.fields.get(whole.group(1)) if whole else None
        if spec is not None and spec.kind in ("count", "percent") and not spec.computed:
            self.keys[(row, column)] = spec.key
            item.setToolTip(spec.label)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        else:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setBackground(_GREY)
            figure = spec is not None or text.startswith("=")
            align = Qt.AlignmentFlag.AlignRight if figure else Qt.AlignmentFlag.AlignLeft
            item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
            if spec is not None:
                item.setToolTip(f"{spec.label} (tự tính)")
        self.setItem(row, column, item)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The columns share the width as the template's ``widths`` say (as the printed table does)."""
        super().resizeEvent(event)
        widths = self.block.widths or (1.0,) * self.columnCount()
        available = self.viewport().width()
        for column, share in enumerate(widths):
            self.setColumnWidth(column, int(available * share / sum(widths)))

    def editable(self, row: int, column: int) -> bool:
        return (row, column) in self.keys and not self._read_only

    # ------------------------------------------------------------------ showing
    def show_values(self, values: Mapping[str, Value]) -> None:
        self._showing = True
        try:
            for row, cells in enumerate(self.cells, start=self.heads):
                for column, text in enumerate(cells):
                    item = self.item(row, column)
                    item.setText(self._shown(text, values))
        finally:
            self._showing = False

    def _shown(self, text: str, values: Mapping[str, Value]) -> str:
        if text.startswith("="):
            number = evaluate(parse_formula(text[1:]), values)
            return "" if number is None else format_count(number)
        whole = PLACEHOLDER.fullmatch(text)
        if whole and whole.group(1) in self.template.fields:
            return display_value(self.template.fields[whole.group(1)], values.get(whole.group(1)))
        return re.sub(r"\{[^{}]*\}", "", fill(text, self.template, values, {}))

    def mark_problems(self, problems: Mapping[str, list[str]], refused: Mapping[str, str]) -> None:
        """A typed cell whose figure a check names (or whose text was refused) turns pink, its tooltip says why."""
        blocked = self.blockSignals(True)  # a colour is no edit
        for (row, column), key in self.keys.items():
            item = self.item(row, column)
            messages = [f"Chưa lưu: {refused[key]}"] if key in refused else []
            messages += problems.get(key, [])
            item.setBackground(_REFUSED if messages else QBrush())
            item.setToolTip("\n".join([*messages, self.template.fields[key].label]))
        self.blockSignals(blocked)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for (row, column) in self.keys:
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            self.item(row, column).setFlags(flags if read_only else flags | Qt.ItemFlag.ItemIsEditable)

    # ------------------------------------------------------------------ typing
    def _changed(self, item: QTableWidgetItem) -> None:
        key = self.keys.get((item.row(), item.column()))
        if self._showing or key is None:
            return
        try:
            value = parse_value(self.template.fields[key], item.text())
        except ParseError as exc:
            self.refused.emit(key, str(exc))  # the form marks the cell (mark_problems)
            return
        self.refused.emit(key, "")
        self.value_typed.emit(key, value)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Tab and Shift+Tab go to the next (previous) cell the clerk types into, across then down."""
        if action not in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        order = sorted(self.keys)
        if not order:
            return self.currentIndex()
        here = (self.currentRow(), self.currentColumn())
        if action == QAbstractItemView.CursorAction.MoveNext:
            target = next((cell for cell in order if cell > here), order[0])
        else:
            target = next((cell for cell in reversed(order) if cell < here), order[-1])
        return self.model().index(*target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste) and self.state() != QAbstractItemView.State.EditingState:
            self.paste_block(QGuiApplication.clipboard().text())
            event.accept()
            return
        super().keyPressEvent(event)

    def paste_block(self, text: str) -> None:
        """Rows of tab-separated cells from the current cell on: every editable cell they cover is read; a
        label or computed cell under the block is skipped. Nothing is written if one cell cannot be read."""
        if self._read_only:
            return
        start_row, start_column = max(self.currentRow(), self.heads), max(self.currentColumn(), 0)
        lines = [line.split("\t") for line in clipboard_lines(text)]
        if start_row + len(lines) > self.rowCount() or start_column + max(map(len, lines)) > self.columnCount():
            self.refused.emit("", f"Khối đã chép có {len(lines)} dòng × {max(map(len, lines))} cột, vượt ra ngoài "
                                  "bảng từ ô đang chọn. Chưa dán số liệu nào.")
            return
        values: dict[str, Value] = {}
        for r, cells in enumerate(lines):
            for c, typed in enumerate(cells):
                key = self.keys.get((start_row + r, start_column + c))
                if key is None:
                    continue
                spec = self.template.fields[key]
                try:
                    values[key] = parse_value(spec, typed)
                except ParseError as exc:
                    self.refused.emit("", f"Dòng {r + 1}, cột {c + 1} (“{spec.label}”): {exc} Chưa dán số liệu nào.")
                    return
        if values:
            self.block_pasted.emit(values)

    def focus_field(self, key: str) -> bool:
        """Put the cursor on ``key``'s cell; False when the grid has none."""
        cell = next((cell for cell, k in self.keys.items() if k == key), None)
        if cell is not None:
            self.setCurrentCell(*cell)
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        return cell is not None

