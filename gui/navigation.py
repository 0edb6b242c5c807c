"""The View menu's keys for moving around the editor: the next and previous tab (Ctrl+Tab, Ctrl+PgDown; Ctrl+Shift+Tab,
Ctrl+PgUp) and the problems list (F8). F5 (the window's preview action) toggles between the form and the preview.

Window-wide actions, so the keys work wherever the focus is (the preview's text, a field of the form).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget, QTabWidget

from gui.services import WindowServices


class TabbedWindow(WindowServices, Protocol):
    """What the keys move between: the window's tabs and its problems list."""

    tabs: QTabWidget
    problems_panel: QListWidget

    def addAction(self, action: QAction) -> None: ...

PROBLEMS_KEY = "F8"


class NavigationController(QObject):
    """Tab switching and the jump to the problems list of a main window."""

    def __init__(self, window: TabbedWindow) -> None:
        super().__init__(window)
        self.window = window
        self.next_tab_action = window.make_action(
            "Thẻ &tiếp theo (Ctrl+Tab, Ctrl+PgDown)", lambda: self.step(1), None,
            "Chuyển giữa thẻ Nội dung báo cáo và thẻ Xem trước văn bản", "the_tiep_theo")
        self.next_tab_action.setShortcuts([QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")])
        self.previous_tab_action = window.make_action(
            "Thẻ t&rước (Ctrl+Shift+Tab, Ctrl+PgUp)", lambda: self.step(-1), None,
            "Chuyển giữa thẻ Nội dung báo cáo và thẻ Xem trước văn bản", "the_truoc")
        self.previous_tab_action.setShortcuts([QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+PgUp")])
        self.problems_action = window.make_action(
            "Đến danh sách &lỗi và cảnh báo", self.focus_problems, PROBLEMS_KEY,
            "Chọn dòng lỗi đầu tiên; Enter hoặc bấm đúp để đến ô cần sửa", "den_danh_sach_loi")
        for action in self.actions:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)  # the keys work before the menu is ever opened

    @property
    def actions(self) -> list[QAction]:
        return [self.next_tab_action, self.previous_tab_action, self.problems_action]

    def step(self, delta: int) -> None:
        tabs = self.window.tabs
        if tabs.isVisible() and tabs.count():
            tabs.setCurrentIndex((tabs.currentIndex() + delta) % tabs.count())

    def focus_problems(self) -> None:
        panel = self.window.problems_panel
        if panel.count() and panel.currentRow() < 0:
            panel.setCurrentRow(0)
        panel.setFocus(Qt.FocusReason.ShortcutFocusReason)
