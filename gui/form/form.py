"""The report form, built from a template's groups: one editor per field, headings in order.

The form only shows values and reports what the clerk typed (``value_edited``); the main window turns
that into an undoable command and writes it. Text that cannot be read (``12a`` in a figure) is refused
with a Vietnamese message (``input_refused``) and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from gui.form.fields import (
    DateField,
    FieldEditor,
    ListField,
    ListFieldBox,
    NumberField,
    editor_for,
    restyle,
    set_problem_mark,
)
from gui.form.table_grid import TableGrid, grid_title
from model.report.checks import Problem
from model.report.expressions import formula_text
from model.report.template import Template
from model.report.values import Value, parse_value
from model.vietnamese.vnformat import ParseError

_HEADING_COLOUR = QColor("#0d47a1")
# Wide enough that the template's long labels (“Văn bản trao đổi với ngoài tỉnh có chữ ký số (trung bình/tháng)”)
# take one line at 1366×768 with Windows' font, leaving the editors more than half the form.
LABEL_WIDTH = 420


def _heading(title: str, name: str) -> QLabel:
    """A group's heading: bold, blue, 11 pt, set a little apart from the group above."""
    heading = QLabel(title, objectName=name)
    font = heading.font()
    font.setBold(True)
    font.setPointSize(11)
    heading.setFont(font)
    palette = heading.palette()
    palette.setColor(QPalette.ColorRole.WindowText, _HEADING_COLOUR)
    heading.setPalette(palette)
    heading.setContentsMargins(0, 10, 0, 0)
    heading.setIndent(heading.fontMetrics().horizontalAdvance("x") // 2)  # as Qt indents a framed label
    return heading


class ReportForm(QScrollArea):
    """All the fields of one template. ``editors[key]`` is the widget named ``key``."""

    value_edited = Signal(str, object, int)  # key, value, edit session (keystrokes of one session merge)
    input_refused = Signal(str, str)  # key, Vietnamese message; "" when the text is readable again
    values_pasted = Signal(dict)  # key → value of a column of figures pasted from a spreadsheet
    paste_refused = Signal(str)  # why a pasted column was not taken (nothing written)

    def __init__(self, template: Template, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self.setObjectName("bieu_mau")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.editors: dict[str, FieldEditor] = {}
        self.list_boxes: dict[str, ListFieldBox] = {}
        self.refused: dict[str, str] = {}
        self._session = 0
        self._read_only = False
        page = QWidget(objectName="trang_bieu_mau")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 4, 16, 12)
        for group in template.groups:
            layout.addWidget(_heading(group.title, f"nhom_{group.key}"))
            grid = QGridLayout()
            grid.setColumnMinimumWidth(0, LABEL_WIDTH)
            grid.setColumnStretch(1, 1)
            grid.setHorizontalSpacing(12)
            for row, key in enumerate(group.field_keys):
                self._add_row(grid, row, key)
            layout.addLayout(grid)
        self.grids: list[TableGrid] = []
        for number, block in enumerate(b for b in template.body if b.type == "table" and not b.per_unit):
            layout.addWidget(_heading(grid_title(block), f"bang_{number + 1}"))
            grid = TableGrid(template, block)
            grid.setObjectName(f"luoi_bang_{number + 1}")
            self._add_grid(layout, grid)
        layout.addStretch(1)
        self.setWidget(page)

    def _add_row(self, grid: QGridLayout, row: int, key: str) -> None:
        spec = self.template.fields[key]
        editor = editor_for(spec)
        self.editors[key] = editor
        label = QLabel(spec.label + ":", wordWrap=True)
        label.setBuddy(editor)
        label.setMaximumWidth(LABEL_WIDTH)
        editor.setToolTip(self._help(key))
        align = Qt.AlignmentFlag.AlignTop if isinstance(editor, ListField) or spec.multiline else \
            Qt.AlignmentFlag.AlignVCenter
        grid.addWidget(label, row, 0, align)
        if isinstance(editor, ListField):
            box = ListFieldBox(editor)
            self.list_boxes[key] = box
            grid.addWidget(box, row, 1)
        elif spec.unit or spec.is_numeric:
            line = QHBoxLayout()
            line.setSpacing(8)
            line.addWidget(editor)
            if spec.unit:
                line.addWidget(QLabel(spec.unit))
            if spec.computed:
                line.addWidget(QLabel("(tự tính)", objectName=f"{key}_tu_tinh"))
            line.addStretch(1)
            grid.addLayout(line, row, 1)
        else:
            grid.addWidget(editor, row, 1)
        editor.edited.connect(lambda k=key: self._edited(k))
        editor.finished.connect(self._finished)
        if isinstance(editor, NumberField):
            editor.column_pasted.connect(lambda lines, k=key: self._column_pasted(k, lines))

    def _add_grid(self, layout: QVBoxLayout, grid: TableGrid) -> None:
        """A table block as a grid: a typed cell is written like its field's editor, a pasted block at once."""
        self.grids.append(grid)
        layout.addWidget(grid)
        grid.value_typed.connect(lambda key, value: self.value_edited.emit(key, value, self._next_session()))
        grid.block_pasted.connect(self.values_pasted.emit)
        grid.refused.connect(self._grid_refused)

    def _next_session(self) -> int:
        self._session += 1  # a cell is committed whole: one undo step each
        return self._session

    def _grid_refused(self, key: str, message: str) -> None:
        if not key:
            self.paste_refused.emit(message)
            return
        if message:
            self.refused[key] = message
        else:
            self.refused.pop(key, None)
        self.input_refused.emit(key, message)

    def _help(self, key: str) -> str:
        spec = self.template.fields[key]
        if spec.formula:
            return f"Tự tính: {formula_text(spec.formula)} (" + " ".join(
                f"{'-' if sign < 0 else '+'} “{self.template.fields[k].label}”" for sign, k in spec.formula
            ).removeprefix("+ ") + ")."
        if spec.computed:
            part, whole = (self.template.fields[k].label for k in spec.ratio_of)
            return f"Tự tính: “{part}” chia “{whole}”."
        return spec.help

    # ------------------------------------------------------------------ edits
    def _edited(self, key: str) -> None:
        try:
            value = self.editors[key].read()
        except ParseError as exc:
            self.refused[key] = str(exc)
            self.input_refused.emit(key, str(exc))
            return
        if self.refused.pop(key, None) is not None:
            self.input_refused.emit(key, "")
        self.value_edited.emit(key, value, self._session)

    def _finished(self) -> None:
        self._session += 1

    def pasted_values(self, key: str, lines: list[str]) -> dict[str, Value]:
        """A column pasted into figure ``key``: line by line onto that figure and the typed figures after it in
        form order (computed ratios and texts are skipped), each read like typing. Raises
        :class:`ParseError` for the whole column when one line cannot be read, or there are too many."""
        keys = list(self.template.fields)
        targets = [k for k in keys[keys.index(key):]
                   if self.template.fields[k].kind in ("count", "percent") and not self.template.fields[k].computed]
        if len(lines) > len(targets):
            raise ParseError(f"Đã chép {len(lines)} dòng nhưng từ ô này trở xuống chỉ còn {len(targets)} ô số liệu.")
        values: dict[str, Value] = {}
        for number, (target, line) in enumerate(zip(targets, lines, strict=False), start=1):
            spec = self.template.fields[target]
            if "\t" in line:
                raise ParseError(f"Dòng {number} có nhiều ô: chỉ dán được một cột số liệu.")
            try:
                values[target] = parse_value(spec, line)
            except ParseError as exc:
                raise ParseError(f"Dòng {number} (“{spec.label}”): {exc}") from None
        return values

    def _column_pasted(self, key: str, lines: list[str]) -> None:
        try:
            values = self.pasted_values(key, lines)
        except ParseError as exc:
            self.paste_refused.emit(f"{exc} Chưa dán số liệu nào.")
            return
        self.values_pasted.emit(values)

    # ------------------------------------------------------------------ showing
    def show_values(self, values: Mapping[str, Value], keys: Iterable[str] | None = None) -> None:
        """Show ``values`` (blank where absent) in the editors of ``keys`` (all when ``None``)."""
        for key in self.editors if keys is None else keys:
            self.editors[key].show_value(values.get(key))
            self.refused.pop(key, None)
        for grid in self.grids:
            grid.show_values(values)

    def clear_refused(self) -> None:
        self.refused.clear()

    def set_calendar_month(self, month: date) -> None:
        """The month a blank date field's calendar opens at (the report's period)."""
        for editor in self.editors.values():
            if isinstance(editor, DateField):
                editor.opening_month = month

    def set_read_only(self, read_only: bool) -> None:
        if read_only == self._read_only:
            return  # restyling every editor is slow: only on a change
        self._read_only = read_only
        for key, editor in self.editors.items():
            if key in self.list_boxes:
                self.list_boxes[key].set_read_only(read_only)
                editor.setProperty("readOnly", read_only)
            elif not self.template.fields[key].computed:
                editor.setReadOnly(read_only)
            restyle(editor)
        for grid in self.grids:
            grid.set_read_only(read_only)

    @property
    def read_only(self) -> bool:
        return self._read_only

    def mark_problems(self, problems: Iterable[Problem]) -> None:
        """Border and tooltip on every field a problem names (and on refused input)."""
        found: dict[str, list[Problem]] = {}
        for problem in problems:
            for key in problem.field_keys:
                found.setdefault(key, []).append(problem)
        for key, editor in self.editors.items():
            messages = [f"Chưa lưu: {self.refused[key]}"] if key in self.refused else []
            messages += [p.message for p in found.get(key, ())]
            severity = "error" if key in self.refused or any(p.is_error for p in found.get(key, ())) else \
                "warning" if key in found else ""
            tooltip = "\n".join([*messages, self._help(key)]).strip()
            set_problem_mark(editor, severity, tooltip)
        for grid in self.grids:
            grid.mark_problems({key: [p.message for p in found[key]] for key in found}, self.refused)

    def focus_field(self, key: str) -> None:
        editor = self.editors[key]
        self.ensureWidgetVisible(self.list_boxes.get(key, editor), 40, 80)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(editor, QLineEdit) and not editor.isReadOnly():
            editor.selectAll()  # the clerk retypes the figure; typing must not add digits to the wrong one
