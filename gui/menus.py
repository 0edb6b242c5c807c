"""The main window's actions and menus (Tệp, Sửa, Xem, Báo cáo, Trợ giúp), which of them are enabled, the window's
title and Trợ giúp → Giới thiệu.

:class:`WindowMenus` is mixed into :class:`~gui.main_window.MainWindow`: its methods work on the window's widgets,
library and report shown. The controllers' actions are made here, each controller with the window's services.
Other parts of the editor extend the File menu through :meth:`WindowMenus.add_file_actions`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from gui.controllers.excel import ExcelController
from gui.controllers.exchange import ExchangeController
from gui.controllers.exporting import ExportController
from gui.controllers.server_link import connect_action
from gui.controllers.signing import SigningController
from gui.services import APP_TITLE
from gui.support.settings import recent_libraries


class WindowMenus:
    """The actions and menus of the main window it is mixed into."""

    def make_action(self, text: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None,
                tip: str = "", name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_report_action = self.make_action("&Báo cáo mới…", self.reports.new_report, key.New,
                                              "Tạo báo cáo cho một kỳ mới", "bao_cao_moi")
        self.duplicate_action = self.make_action("&Nhân bản…", self.reports.duplicate_report, None,
                                             "Chép báo cáo đang mở sang kỳ khác", "nhan_ban")
        self.delete_action = self.make_action("&Xóa báo cáo…", self.reports.delete_report, None,
                                          "Xóa hẳn báo cáo đang mở", "xoa_bao_cao")
        self.issue_action = self.make_action("Đánh dấu đã &ban hành…", self.reports.issue_report, None,
                                         "Khóa báo cáo: chỉ xem, không sửa", "ban_hanh")
        self.reopen_action = self.make_action("&Mở lại để sửa…", self.reports.reopen_report, None,
                                          "Mở khóa báo cáo đã ban hành để sửa", "mo_lai_de_sua")
        self.new_library_action = self.make_action("&Thư viện mới…", self.new_library, "Ctrl+Shift+N",
                                               "Tạo một tệp thư viện báo cáo mới", "thu_vien_moi")
        self.open_library_action = self.make_action("&Mở thư viện…", self.choose_library, key.Open,
                                                "Mở một tệp thư viện báo cáo (.db)", "mo_thu_vien")
        self.save_action = self.make_action("&Lưu", self.explain_saving, key.Save,
                                            "Mọi thay đổi đã được lưu ngay khi gõ", "luu")
        self.quit_action = self.make_action("&Thoát", self.close, "Ctrl+Q", "Đóng chương trình", "thoat")
        self.about_action = self.make_action("&Giới thiệu", self.show_about, None, "", "gioi_thieu")
        self.preview_action = self.make_action("&Xem trước văn bản / quay lại nội dung", self.show_preview, "F5",
                                           "Xem văn bản như khi xuất ra (cập nhật theo số liệu mới nhất); F5 lần nữa "
                                           "quay lại biểu mẫu", "xem_truoc")
        self.exports = ExportController(self)
        self.undo_action = self.undo_group.createUndoAction(self, "Hoàn tác")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.setObjectName("hoan_tac")
        self.redo_action = self.undo_group.createRedoAction(self, "Làm lại")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.setObjectName("lam_lai")
        for action in (self.new_report_action, self.duplicate_action, self.delete_action, self.issue_action,
                       self.reopen_action):
            self.library_pane.tree.addAction(action)
        for action, short in ((self.new_report_action, "Báo cáo mới…"), (self.duplicate_action, "Nhân bản…"),
                              (self.delete_action, "Xóa…")):
            action.setIconText(short)  # the library pane's toolbar is narrow
            self.library_pane.toolbar.addAction(action)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        self.file_menu = menu_bar.addMenu("&Tệp")
        self._build_file_menu()
        self.file_menu.insertAction(self.recent_menu.menuAction(), connect_action(self))
        self.exchange = ExchangeController(self)
        self.add_file_actions(self.exchange.actions)
        self.excel = ExcelController(self, self.exchange)
        self.add_file_actions(self.excel.actions)
        self.signing = SigningController(self)
        self.add_file_actions(self.signing.actions)
        edit_menu = menu_bar.addMenu("&Sửa")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        view_menu = menu_bar.addMenu("&Xem")
        view_menu.addAction(self.preview_action)
        from gui.navigation import NavigationController

        self.navigation = NavigationController(self)
        for action in self.navigation.actions:
            view_menu.addAction(action)
        report_menu = menu_bar.addMenu("&Báo cáo")
        for action in (self.new_report_action, self.duplicate_action, self.delete_action):
            report_menu.addAction(action)
        report_menu.addSeparator()
        report_menu.addAction(self.issue_action)
        report_menu.addAction(self.reopen_action)
        self._add_rollup_action(report_menu)
        self._add_template_review_action(report_menu)
        self._add_oversight_actions(report_menu)
        self._add_office_actions(menu_bar, report_menu)
        help_menu = menu_bar.addMenu("Trợ &giúp")
        from gui.help_guide import guide_action

        self.guide_action = guide_action(self)
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)

    def _add_template_review_action(self, menu: QMenu) -> None:
        from gui.dialogs.template_review import TemplateReviewController

        self.template_review = TemplateReviewController(self)
        menu.addAction(self.template_review.action)

    def _add_office_actions(self, menu_bar: QMenuBar, report_menu: QMenu) -> None:
        from gui.controllers.offices import OfficesController

        self.offices = OfficesController(self, menu_bar)
        report_menu.addAction(self.offices.refresh_action)

    def _add_oversight_actions(self, menu: QMenu) -> None:
        from gui.controllers.oversight import OversightController

        self.oversight = OversightController(self)
        menu.addSeparator()
        for action in self.oversight.actions:
            menu.addAction(action)

    def _add_rollup_action(self, menu: QMenu) -> None:
        from gui.controllers.rollup import RollupController

        self.rollup = RollupController(self)
        menu.addSeparator()
        menu.addAction(self.rollup.action)

    def _build_file_menu(self) -> None:
        """The File menu: libraries, then a section others extend (:meth:`add_file_actions`), then quit."""
        menu = self.file_menu
        menu.addAction(self.new_library_action)
        menu.addAction(self.open_library_action)
        self.recent_menu = QMenu("Thư viện &gần đây", self, objectName="gan_day")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addMenu(self.recent_menu)
        menu.addAction(self.save_action)
        menu.addSeparator()
        for action in self.exports.actions:
            menu.addAction(action)
        menu.addSeparator()
        self.quit_separator = menu.addSeparator()
        menu.addAction(self.quit_action)

    def add_file_actions(self, actions: Iterable[QAction]) -> None:
        """Add actions to the File menu's exchange section, before quit."""
        for action in actions:
            self.file_menu.insertAction(self.quit_separator, action)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = recent_libraries(self.settings)
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name} — {path.parent}")
            action.triggered.connect(lambda _checked=False, p=path: self.switch_library(p))
        if not recent:
            self.recent_menu.addAction("(chưa có)").setEnabled(False)

    def _update_actions(self) -> None:
        has_library = self.has_library
        info = self.report_info
        self.new_report_action.setEnabled(has_library)
        for action in (self.duplicate_action, self.delete_action):
            action.setEnabled(info is not None)
        self.issue_action.setEnabled(info is not None and not info.is_issued)
        self.reopen_action.setEnabled(info is not None and info.is_issued)
        self.preview_action.setEnabled(info is not None)
        self.exports.update_enabled(info is not None)
        self.oversight.update_actions()

    # ------------------------------------------------------------------ the title and Giới thiệu
    def _update_title(self) -> None:
        parts = []
        if self.report_info is not None:
            parts.append(f"Báo cáo {self.report_info.period.text} ({self.report_info.status_label})")
            parts.append(self.report_info.organization_name)
        if self._library is not None:
            parts.append(self._library.name)
        elif self.library_path is not None:
            parts.append(self.library_path.name)
        parts.append(APP_TITLE)
        self.setWindowTitle(" — ".join(parts))

    def show_about(self) -> None:
        from model.version import __version__

        shown = self._library.server.display if self._library is not None and self._library.server else \
            self.library_path
        where = f"\nThư viện đang mở: {shown}" if shown else ""
        self.dialogs.info("Giới thiệu", f"{APP_TITLE} {__version__}\n\nSoạn, kiểm tra và xuất báo cáo định kỳ "
                                        f"Chính phủ điện tử (Nghị quyết 36a/NQ-CP).{where}")
