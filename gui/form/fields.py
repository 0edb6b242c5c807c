"""One editor widget per field kind. Each is named after its field key (``objectName``).

An editor shows a value (:meth:`show_value`, silently), reads what the clerk typed (:meth:`read`, raising
:class:`ParseError` with a Vietnamese message) and emits ``edited`` after each change the clerk makes.
It never writes anything itself: the form turns ``edited`` into an undoable command.
Figures are plain line edits with our own parsing (``1.972`` and ``1972``), never spin boxes: a
Vietnamese-locale spin box silently reads ``1234.5`` as 12345.
"""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.report.template import FieldSpec
from model.report.values import Value, display_value, parse_value

_OWN_UNDO = ("edit-undo", "edit-redo")


class _WindowUndoOnly(QObject):
    """Lets Ctrl+Z / Ctrl+Y reach the window's undo stack instead of a widget's private undo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return False


_UNDO_FILTER: _WindowUndoOnly | None = None


def _route_undo_to_window(widget: QWidget) -> None:
    global _UNDO_FILTER
    if _UNDO_FILTER is None:
        _UNDO_FILTER = _WindowUndoOnly()
    widget.installEventFilter(_UNDO_FILTER)


def _menu_without_own_undo(menu: QMenu) -> QMenu:
    actions = menu.actions()
    for action in actions:
        if action.objectName() in _OWN_UNDO:
            menu.removeAction(action)
    if menu.actions() and menu.actions()[0].isSeparator():
        menu.removeAction(menu.actions()[0])
    return menu


class _MenuWithoutOwnUndo:
    """For a text editor: its context menu is Qt's, less the widget's private undo and redo."""

    def context_menu(self) -> QMenu:
        """Qt's menu without the widget's private undo (Ctrl+Z belongs to the report's undo stack)."""
        return _menu_without_own_undo(self.createStandardContextMenu())  # type: ignore[attr-defined]

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.context_menu().exec(event.globalPos())


# How an editor looks when marked with a problem, computed or read-only. The sheet is set on such an editor
# alone: set on the whole form it made Qt restyle every widget of it, which doubled the time the form took
# to appear. Later rules win, as in any style sheet.
EDITOR_STYLE = """
QLineEdit[problem="error"], QPlainTextEdit[problem="error"], QListWidget[problem="error"] {
    border: 2px solid #c62828; background: #fff4f4; }
QLineEdit[problem="warning"], QPlainTextEdit[problem="warning"], QListWidget[problem="warning"] {
    border: 2px solid #ef8f00; background: #fffaf0; }
QLineEdit[computed="true"] { background: #eceff1; color: #263238; border: 1px solid #b0bec5; }
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"], QListWidget[readOnly="true"] { background: #f4f4f4; }
"""


def restyle(widget: QWidget) -> None:
    """Apply :data:`EDITOR_STYLE` anew after the editor's ``problem``, ``computed`` or ``readOnly`` changed."""
    styled = any(widget.property(name) for name in ("problem", "computed", "readOnly"))
    if styled != bool(widget.styleSheet()):
        widget.setStyleSheet(EDITOR_STYLE if styled else "")
    elif styled:
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def set_problem_mark(widget: QWidget, severity: str, tooltip: str) -> None:
    """Mark ``widget`` (``error``, ``warning`` or ``""``) for :data:`EDITOR_STYLE`, with a tooltip."""
    if (widget.property("problem") or "") != severity:
        widget.setProperty("problem", severity)
        restyle(widget)
    widget.setToolTip(tooltip)


class _LineEditor(_MenuWithoutOwnUndo, QLineEdit):
    """A one-line editor: ``edited`` on each keystroke, ``finished`` when the clerk leaves it."""

    edited = Signal()
    finished = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(spec.key)
        self.textEdited.connect(lambda _text: self.edited.emit())
        self.editingFinished.connect(self._finish)
        _route_undo_to_window(self)
        self.setFixedHeight(self.sizeHint().height())  # a mark's border replaces the frame: rows must not move

    def read(self) -> Value:
        return parse_value(self.spec, self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter finishes the field and moves to the next one, as in the data-entry forms clerks know (the
        order is Tab's). Text that cannot be read keeps the clerk in the field, marked, to put it right."""
        super().keyPressEvent(event)
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or \
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return
        try:
            self.read()
        except ValueError:
            return
        event.accept()
        self.focusNextChild()

    def show_value(self, value: Value) -> None:
        shown = display_value(self.spec, value)
        if shown != self.text():
            self.setText(shown)
            self.setCursorPosition(0)

    def _finish(self) -> None:
        with contextlib.suppress(ValueError):  # refused text stays; the form shows why
            self.show_value(self.read())
        self.finished.emit()


def clipboard_lines(text: str) -> list[str]:
    """The lines of text copied from a spreadsheet: Excel ends each cell of a column with CR LF, the last
    too, so a single copied cell is one line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


class NumberField(_LineEditor):
    """A count, a percentage or a document number, right-aligned like figures in a table.

    A paste of several lines (a column copied from Excel) is not put into this field: ``column_pasted``
    hands the lines to the form, which spreads them over this figure and the ones after it."""

    column_pasted = Signal(list)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setFixedWidth(max(110, min(self.sizeHint().width(), 140)))  # nor the units beside it
        if spec.computed:
            self.setReadOnly(True)
            self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            self.setProperty("computed", True)
            restyle(self)

    def paste_column(self) -> bool:
        """Hand a copied column to the form, or paste one copied cell without its line end; False for an
        ordinary paste (text without line breaks) and in a read-only field."""
        text = QGuiApplication.clipboard().text()
        if self.isReadOnly() or ("\n" not in text and "\r" not in text):
            return False
        lines = clipboard_lines(text)
        if len(lines) > 1:
            self.column_pasted.emit(lines)
        else:
            self.insert(lines[0].strip())
            self.edited.emit()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste) and self.paste_column():
            event.accept()
            return
        super().keyPressEvent(event)

    def context_menu(self) -> QMenu:
        """Qt's menu, whose Paste spreads a copied column like Ctrl+V does."""
        menu = super().context_menu()
        for action in menu.actions():
            if action.objectName() == "edit-paste":
                action.triggered.disconnect()
                action.triggered.connect(lambda: self.paste_column() or self.paste())
        return menu


class LineField(_LineEditor):
    """A short text on one line."""


def _calendar_icon() -> QIcon:
    """A small calendar drawn in code (no image file to ship)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#455a64"))
    painter.setBrush(QColor("white"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 4, QColor("#c62828"))
    for row in range(2):
        for col in range(3):
            painter.fillRect(3 + 4 * col, 8 + 3 * row, 2, 2, QColor("#455a64"))
    painter.end()
    return QIcon(pixmap)


class DateField(_LineEditor):
    """A date typed as ``18/06/2018`` or picked from a calendar (the icon at the right)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.setPlaceholderText("ngày/tháng/năm")
        self.setMaximumWidth(160)
        self.pick_action = QAction(_calendar_icon(), "Chọn ngày trên lịch", self)
        self.pick_action.setToolTip("Chọn ngày trên lịch")
        self.addAction(self.pick_action, QLineEdit.ActionPosition.TrailingPosition)
        self.pick_action.triggered.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self.opening_month: date | None = None
        """Where a blank field's calendar opens: the report's period (a 2018 report's date is in 2018, not today)."""

    def open_calendar(self) -> None:
        if self.isReadOnly():
            return
        calendar = QCalendarWidget(self, objectName=f"{self.spec.key}_lich")
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        try:
            current = self.read()
        except ValueError:
            current = None
        if isinstance(current, date):
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        elif self.opening_month is not None:
            calendar.setCurrentPage(self.opening_month.year, self.opening_month.month)
        calendar.clicked.connect(self.pick)
        calendar.activated.connect(self.pick)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar = calendar
        calendar.show()

    def pick(self, day: QDate) -> None:
        """Take ``day`` from the calendar as if the clerk had typed it."""
        if self.calendar is not None:
            self.calendar.close()
            self.calendar.deleteLater()
            self.calendar = None
        self.show_value(date(day.year(), day.month(), day.day()))
        self.edited.emit()
        self.finished.emit()


class TextField(_MenuWithoutOwnUndo, QPlainTextEdit):
    """Narrative text over several lines; Tab moves to the next field."""

    edited = Signal()
    finished = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(spec.key)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        self._quiet = False
        self.textChanged.connect(self._changed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * spec.lines + 12)
        _route_undo_to_window(self)

    def _changed(self) -> None:
        if not self._quiet:
            self.edited.emit()

    def read(self) -> Value:
        return parse_value(self.spec, self.toPlainText())

    def show_value(self, value: Value) -> None:
        shown = display_value(self.spec, value)
        if shown != self.toPlainText():
            self._quiet = True
            try:
                self.setPlainText(shown)
            finally:
                self._quiet = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finished.emit()


_LIST_EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                       | QAbstractItemView.EditTrigger.AnyKeyPressed)


def _editable_item(text: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
    return item


class ListField(QListWidget):
    """An editable list (recipients, tasks): one item per row, edited in place, reordered with buttons."""

    edited = Signal()
    finished = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(spec.key)
        self.setEditTriggers(_LIST_EDIT_TRIGGERS)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self._quiet = False
        self.itemChanged.connect(self._changed)

    def _changed(self, _item: QListWidgetItem | None = None) -> None:
        if not self._quiet:
            self.edited.emit()
            self.finished.emit()

    def items(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]

    def read(self) -> Value:
        return parse_value(self.spec, "\n".join(self.items()))

    def show_value(self, value: Value) -> None:
        items = list(value or ())
        if items == self.items():
            return
        self._quiet = True
        try:
            self.clear()
            for text in items:
                self.addItem(_editable_item(text))
        finally:
            self._quiet = False


    def add_item(self) -> None:
        """A new row after the current one, opened for typing (saved once it holds text)."""
        row = self.currentRow() + 1 if self.currentRow() >= 0 else self.count()
        self._quiet = True
        item = _editable_item("")
        self.insertItem(row, item)
        self._quiet = False
        self.setCurrentItem(item)
        self.editItem(item)

    def remove_item(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.takeItem(row)
            self._changed()

    def move_item(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.count():
            return
        self._quiet = True
        item = self.takeItem(row)
        self.insertItem(target, item)
        self._quiet = False
        self.setCurrentRow(target)
        self._changed()


class ListFieldBox(QWidget):
    """A :class:`ListField` with its buttons: add, remove, move up, move down."""

    def __init__(self, field: ListField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(field, 1)
        buttons = QVBoxLayout()
        self.buttons: list[QPushButton] = []
        for name, text, tip, slot in (
                ("them", "Thêm", "Thêm một dòng sau dòng đang chọn", field.add_item),
                ("xoa", "Xóa", "Xóa dòng đang chọn", field.remove_item),
                ("len", "Lên", "Chuyển dòng đang chọn lên trên", lambda: field.move_item(-1)),
                ("xuong", "Xuống", "Chuyển dòng đang chọn xuống dưới", lambda: field.move_item(1))):
            button = QPushButton(text, objectName=f"{field.spec.key}_{name}")
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def set_read_only(self, read_only: bool) -> None:
        self.field.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                   else _LIST_EDIT_TRIGGERS)
        for button in self.buttons:
            button.setEnabled(not read_only)


FieldEditor = NumberField | LineField | DateField | TextField | ListField


def editor_for(spec: FieldSpec) -> FieldEditor:
    """The editor widget of a field of ``spec.kind``."""
    if spec.is_numeric:
        return NumberField(spec)
    if spec.kind == "date":
        return DateField(spec)
    if spec.kind == "list":
        return ListField(spec)
    if spec.multiline:
        return TextField(spec)
    return LineField(spec)
