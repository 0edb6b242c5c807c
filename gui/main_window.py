"""The main window: the report library beside the form, the problems panel below, menus and actions.

Every edit goes through a :class:`SetFieldCommand` on the report's own undo stack (one stack per report in a
``QUndoGroup``), which writes through the library at once; the checks run again after each edit on the
values held in memory, with the previous period's values fetched once per report shown.

At start the window shows the library from a quick ``sqlite3`` read (:mod:`model.quickread`) and opens the
real :class:`Library` (SQLAlchemy, slow to import) once the window is painted, or sooner, the moment an edit
or an action asks for :attr:`MainWindow.library`.

Other parts of the editor extend the File menu through :meth:`MainWindow.add_file_actions` (import and
export of .db files, consolidation) and refresh the window with :meth:`MainWindow.reload_reports`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.crash import log, log_path, unexpected_error_message
from gui.dialogs import Dialogs
from gui.excel import ExcelController
from gui.exchange import ExchangeController
from gui.exporting import ExportController
from gui.form import ReportForm
from gui.help_guide import guide_action
from gui.library_pane import LibraryPane
from gui.paste import connect_paste
from gui.problems import ProblemsPanel, summary
from gui.server_link import LAST_WAS_SERVER, Reconnector, connect_action
from gui.settings import last_library, recent_libraries, remember_library
from gui.signing import SigningController
from gui.undo import SetFieldCommand
from model.checks import CheckContext, Problem, engine_for
from model.errors import LibraryError, ServerUnavailable, StaleReport, os_error_text
from model.period import Period
from model.report_info import ReportInfo, report_to_open
from model.template import Template
from model.values import Value

if TYPE_CHECKING:  # imported when a library is opened, after the window shows (SQLAlchemy is slow to load)
    from PySide6.QtGui import QCloseEvent

    from gui.preview import PreviewPane
    from model.library import Library
    from model.quickread import LibrarySnapshot, ReportSnapshot
    from model.server import ServerAddress

APP_TITLE = "Soạn báo cáo"

EDITOR_BUSY_TIMEOUT = 0.5
"""Seconds an edit waits for a library another program holds locked before it is marked “Chưa lưu”.

Each keystroke writes on the GUI thread, so SQLite's 5 s froze the window for 5 s per keystroke. Another copy
of the editor, an import by this one (its write takes the lock only briefly at the end, and behind a modal
progress dialog while it lasts) or a virus scanner hold it for milliseconds; a lock held longer (a program
with the file open in a transaction) will not be freed by waiting, and the next keystroke tries again."""


def clerk_errors(method: Callable[..., Any]) -> Callable[..., Any]:
    """Show a :class:`LibraryError` or file error of an action as a message instead of failing."""

    @functools.wraps(method)
    def wrapper(self: MainWindow, *args: Any) -> Any:
        from model.library import LibraryError

        try:
            return method(self, *args)
        except LibraryError as exc:
            self.dialogs.error(APP_TITLE, str(exc))
        except OSError as exc:
            self.dialogs.error(APP_TITLE, f"Không đọc/ghi được tệp: {os_error_text(exc)}.")
        return None
    return wrapper


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("cua_so_chinh")
        self.settings = settings
        self.dialogs = Dialogs(self)
        self._library: Library | None = None
        self._unopened: LibrarySnapshot | None = None  # shown from a quick read, not open yet
        self.report_id: str | None = None
        self.report_info: ReportInfo | None = None
        self.template: Template | None = None
        self.values: dict[str, Value] = {}
        self.problems: list[Problem] = []
        self._contexts: dict[str, CheckContext] = {}
        self._stacks: dict[str, QUndoStack] = {}
        self._forms: dict[str, ReportForm] = {}
        self._saved_text = ""  # the status bar's save state when nothing typed is refused
        self._failure_shown = ""  # the last reason a write failed, shown once
        self._revisions: dict[str, int] = {}  # report id → the revision shown, which an edit is made on
        self.reconnector = Reconnector(self)
        self.undo_group = QUndoGroup(self)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._update_actions()
        self._update_title()

    # ================================================================== building
    def _build_widgets(self) -> None:
        self.library_pane = LibraryPane()
        self.library_pane.report_selected.connect(self.show_report)

        self.empty_note = QLabel("Đang mở thư viện báo cáo…", objectName="chua_co_bao_cao",
                                 alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.banner = QWidget(objectName="bang_da_ban_hanh")
        self.banner.setStyleSheet("#bang_da_ban_hanh { background: #e8f5e9; border: 1px solid #a5d6a7; }")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 4, 8, 4)
        banner_layout.addWidget(QLabel("Báo cáo đã ban hành: chỉ xem, không sửa được.", wordWrap=True), 1)
        self.reopen_button = QPushButton("Mở lại để sửa", objectName="mo_lai")
        self.reopen_button.clicked.connect(self.reopen_report)
        banner_layout.addWidget(self.reopen_button)
        self.form_stack = QStackedWidget(objectName="cac_bieu_mau")
        self.tabs = QTabWidget(objectName="the")
        self.tabs.addTab(self.form_stack, "Nội dung báo cáo")
        self.preview_tab = QWidget(objectName="the_xem_truoc")  # holds the preview, made when first shown
        QVBoxLayout(self.preview_tab).setContentsMargins(0, 0, 0, 0)
        self.preview: PreviewPane | None = None
        self.tabs.addTab(self.preview_tab, "Xem trước văn bản")
        self.tabs.currentChanged.connect(lambda _index: self.refresh_preview())
        report_page = QWidget()
        report_layout = QVBoxLayout(report_page)
        report_layout.setContentsMargins(0, 0, 0, 0)
        report_layout.addWidget(self.banner)
        report_layout.addWidget(self.tabs, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_note)
        self.pages.addWidget(report_page)

        self.problems_panel = ProblemsPanel()
        self.problems_panel.field_requested.connect(self.focus_field)
        self.problems_title = QLabel(objectName="tieu_de_loi")
        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(4, 2, 4, 2)
        problems_layout.addWidget(self.problems_title)
        problems_layout.addWidget(self.problems_panel)

        self.right_split = QSplitter(Qt.Orientation.Vertical, objectName="chia_phai")
        self.right_split.addWidget(self.pages)
        self.right_split.addWidget(problems_box)
        self.right_split.setStretchFactor(0, 4)
        self.right_split.setStretchFactor(1, 1)
        self.right_split.setSizes([580, 130])
        self.main_split = QSplitter(Qt.Orientation.Horizontal, objectName="chia_chinh")
        self.main_split.addWidget(self.library_pane)
        self.main_split.addWidget(self.right_split)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setSizes([260, 1100])
        self.setCentralWidget(self.main_split)

        self.problem_count = QLabel(objectName="so_loi")
        self.save_state = QLabel(objectName="trang_thai_luu")
        for label in (self.problem_count, self.save_state):
            label.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addPermanentWidget(self.save_state)
        self.statusBar().addPermanentWidget(self.problem_count)

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
        self.new_report_action = self.make_action("&Báo cáo mới…", self.new_report, key.New,
                                              "Tạo báo cáo cho một kỳ mới", "bao_cao_moi")
        self.duplicate_action = self.make_action("&Nhân bản…", self.duplicate_report, None,
                                             "Chép báo cáo đang mở sang kỳ khác", "nhan_ban")
        self.delete_action = self.make_action("&Xóa báo cáo…", self.delete_report, None,
                                          "Xóa hẳn báo cáo đang mở", "xoa_bao_cao")
        self.issue_action = self.make_action("Đánh dấu đã &ban hành…", self.issue_report, None,
                                         "Khóa báo cáo: chỉ xem, không sửa", "ban_hanh")
        self.reopen_action = self.make_action("&Mở lại để sửa…", self.reopen_report, None,
                                          "Mở khóa báo cáo đã ban hành để sửa", "mo_lai_de_sua")
        self.new_library_action = self.make_action("&Thư viện mới…", self.new_library, "Ctrl+Shift+N",
                                               "Tạo một tệp thư viện báo cáo mới", "thu_vien_moi")
        self.open_library_action = self.make_action("&Mở thư viện…", self.choose_library, key.Open,
                                                "Mở một tệp thư viện báo cáo (.db)", "mo_thu_vien")
        self.save_action = self.make_action("&Lưu", self.explain_saving, key.Save,
                                            "Mọi thay đổi đã được lưu ngay khi gõ", "luu")
        self.quit_action = self.make_action("&Thoát", self.close, "Ctrl+Q", "Đóng chương trình", "thoat")
        self.about_action = self.make_action("&Giới thiệu", self.show_about, None, "", "gioi_thieu")
        self.preview_action = self.make_action("&Xem trước văn bản", self.show_preview, "F5",
                                           "Xem văn bản như khi xuất ra (cập nhật theo số liệu mới nhất)", "xem_truoc")
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
        self.excel = ExcelController(self)
        self.add_file_actions(self.excel.actions)
        self.signing = SigningController(self)
        self.add_file_actions(self.signing.actions)
        edit_menu = menu_bar.addMenu("&Sửa")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        view_menu = menu_bar.addMenu("&Xem")
        view_menu.addAction(self.preview_action)
        report_menu = menu_bar.addMenu("&Báo cáo")
        for action in (self.new_report_action, self.duplicate_action, self.delete_action):
            report_menu.addAction(action)
        report_menu.addSeparator()
        report_menu.addAction(self.issue_action)
        report_menu.addAction(self.reopen_action)
        self._add_rollup_action(report_menu)
        help_menu = menu_bar.addMenu("Trợ &giúp")
        self.guide_action = guide_action(self)
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)

    def _add_rollup_action(self, menu: QMenu) -> None:
        from gui.rollup import RollupController

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

    # ================================================================== libraries
    @property
    def library(self) -> Library | None:
        """The open library. One shown at start from a quick read is opened here if the clerk edits or acts
        before :meth:`finish_opening` ran, so no edit waits on it or is lost."""
        if self._unopened is not None:
            self.finish_opening()
        return self._library

    @property
    def opening(self) -> bool:
        """True while the library shown (from a quick read at start) is not open yet."""
        return self._unopened is not None

    @property
    def library_path(self) -> Path | None:
        """The file of the library shown, whether or not it is open yet (``None`` for a server library)."""
        if self._library is not None:
            return self._library.path
        return self._unopened.path if self._unopened is not None else None

    @property
    def has_library(self) -> bool:
        """Whether a library (a file or a server) is shown."""
        return self._library is not None or self._unopened is not None

    def _read_library(self, path: Path | ServerAddress) -> tuple[Library, list[ReportInfo]] | None:
        """Open ``path`` and read its reports; on failure say why (``None``)."""
        from sqlalchemy.exc import SQLAlchemyError

        from model.library import Library, LibraryError

        try:
            library = Library.open(path, busy_timeout=EDITOR_BUSY_TIMEOUT)
            return library, library.reports()
        except LibraryError as exc:
            self.dialogs.error("Không mở được thư viện", str(exc))
        except (OSError, SQLAlchemyError) as exc:
            log.warning("Không mở được %s: %r", path, exc)
            self.dialogs.error("Không mở được thư viện",
                               f"Tệp “{path.name}” bị hỏng, hoặc đang bị chương trình khác khóa, nên không đọc được. "
                               "Tệp được giữ nguyên.")
        except Exception:  # a fault of ours on a file we did not foresee: the window keeps what it showed
            log.exception("Lỗi ngoài dự kiến khi mở %s", path)
            self.dialogs.error("Không mở được thư viện", unexpected_error_message(log_path()))
        return None

    def open_library(self, path: Path | ServerAddress) -> bool:
        """Open ``path`` (a file or a server) in place of the current library; on failure say why and keep the
        current one."""
        opened = self._read_library(path)
        if opened is None:
            return False
        library, reports = opened
        self._close_library()
        self._library = library
        if library.path is not None:
            remember_library(self.settings, library.path)
        self.settings.setValue(LAST_WAS_SERVER, library.server is not None)  # where the next start goes
        chosen = report_to_open(reports)
        self.reload_reports(chosen.id if chosen else None, reports)
        return True

    def show_unopened(self, snapshot: LibrarySnapshot) -> None:
        """Show a library read by :func:`model.quickread.read_library` (its reports and the report it opens on)
        before it is open; :meth:`finish_opening` opens it."""
        self._close_library()
        self._unopened = snapshot
        chosen = snapshot.chosen
        self.library_pane.show_reports(snapshot.reports, chosen.id if chosen else None)
        if chosen is None:
            self._show_nothing(snapshot.reports)
        else:
            self._show_report(chosen, chosen.id)

    def finish_opening(self) -> None:
        """Open the library shown by :meth:`show_unopened`. Should it have changed since it was read, the
        window shows it afresh; should it not open, the window says why and shows no library."""
        snapshot, self._unopened = self._unopened, None
        if snapshot is None:
            return
        opened = self._read_library(snapshot.path)
        if opened is None:
            self.reload_reports()
            return
        self._library, reports = opened
        remember_library(self.settings, snapshot.path)
        if tuple(reports) != snapshot.reports:
            self.reload_reports(self.report_id, reports)

    def switch_library(self, path: Path) -> None:
        current = self.library_path
        if current is None or path.resolve() != current.resolve():
            self.open_library(path)

    def choose_library(self) -> None:
        start = self.library_path.parent if self.library_path else Path.home()
        path = self.dialogs.open_library_path(start)
        if path is not None:
            self.switch_library(path)

    @clerk_errors
    def new_library(self) -> None:
        start = self.library_path.parent if self.library_path else Path.home()
        path = self.dialogs.new_library_path(start)
        if path is None:
            return
        if path.exists():
            self.dialogs.error("Không tạo được thư viện",
                               f"Tệp “{path.name}” đã có. Hãy chọn tên khác, hoặc mở tệp đó bằng “Mở thư viện”.")
            return
        from model.library import Library

        Library.create(path).close()
        self.open_library(path)

    def _close_library(self) -> None:
        for stack in self._stacks.values():
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()
        self._contexts.clear()
        self._revisions.clear()
        self.reconnector.clear()
        if self._library is not None:
            self._library.close()
        self._library = self._unopened = None
        self.report_id = None

    def reload_reports(self, select_id: str | None = None, reports: Sequence[ReportInfo] | None = None) -> None:
        """Refresh the library pane (after any change to the list of reports) and show ``select_id``,
        else the report shown, else nothing. ``reports`` saves a query when the caller just read them."""
        self._contexts.clear()
        if reports is None:
            reports = self.library.reports() if self.library else []
        ids = {r.id for r in reports}
        for gone in set(self._stacks) - ids:
            self.undo_group.removeStack(self._stacks.pop(gone))
        target = select_id if select_id in ids else self.report_id if self.report_id in ids else None
        self.library_pane.show_reports(reports, target)
        if target is None:
            self._show_nothing(reports)
        else:
            self.show_report(target)

    def discard_history(self, report_ids: Iterable[str]) -> None:
        """Forget the undo history of reports replaced from outside (an import): undoing there would write
        values of the old version over the new one."""
        for report_id in report_ids:
            stack = self._stacks.get(report_id)
            if stack is not None:
                stack.clear()

    def _show_nothing(self, reports: Sequence[ReportInfo]) -> None:
        self.report_id = self.report_info = self.template = None
        self.values, self.problems = {}, []
        self.undo_group.setActiveStack(None)
        if not self.has_library:
            self.empty_note.setText("Chưa mở thư viện báo cáo. Chọn Tệp → Mở thư viện… (Ctrl+O).")
        elif not reports:
            self.empty_note.setText("Thư viện chưa có báo cáo. Chọn Báo cáo → Báo cáo mới… (Ctrl+N).")
        else:
            self.empty_note.setText("Chọn một báo cáo trong danh sách bên trái.")
        self.pages.setCurrentWidget(self.empty_note)
        self.problems_panel.clear()
        self.problems_title.setText("<b>Lỗi và cảnh báo</b>")
        self.problem_count.clear()
        self.save_state.clear()
        self._update_actions()
        self._update_title()

    # ================================================================== the report shown
    def _form_for(self, template: Template) -> ReportForm:
        form = self._forms.get(template.key)
        if form is None:
            form = ReportForm(template)
            form.value_edited.connect(self._value_edited)
            form.input_refused.connect(self._input_refused)
            connect_paste(self, form)
            self.form_stack.addWidget(form)
            self._forms[template.key] = form
        return form

    @property
    def form(self) -> ReportForm | None:
        return self._forms.get(self.template.key) if self.template else None

    def _stack_for(self, report_id: str) -> QUndoStack:
        stack = self._stacks.get(report_id)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[report_id] = stack
        return stack

    @clerk_errors
    def show_report(self, report_id: str) -> None:
        """Show a report in the form: its values, its status, its problems, its undo history. A report the
        library cannot give (gone, its template unknown, its server away) is explained and the report shown stays."""
        library = self.library
        if library is not None:
            self._show_report(library, report_id)

    def _show_report(self, source: Library | ReportSnapshot, report_id: str) -> None:
        # Everything is read before anything changes: a read that fails leaves the report shown, and its edits,
        # where they were.
        info, template, values = source.report(report_id), source.template_of(report_id), source.values(report_id)
        switching = self.report_id is not None and self.report_id != report_id
        context = source.check_context(report_id) if switching or report_id not in self._contexts else None
        if switching:
            self._contexts.clear()  # edits here may change what the next period compares with
        if context is not None:
            self._contexts[report_id] = context
        self.report_id, self.report_info, self.template, self.values = report_id, info, template, values
        self._revisions[report_id] = info.revision
        form = self._form_for(self.template)
        form.clear_refused()
        form.show_values(self.values)
        form.set_read_only(self.report_info.is_issued)
        self.form_stack.setCurrentWidget(form)
        self.banner.setVisible(self.report_info.is_issued)
        self.pages.setCurrentIndex(1)
        self.undo_group.setActiveStack(self._stack_for(report_id))
        self.library_pane.select(report_id)
        self._saved_text = "Chỉ xem" if self.report_info.is_issued else "Đã lưu"
        self.statusBar().clearMessage()
        self.run_checks()
        self._update_actions()
        self._update_title()
        self.refresh_preview()

    def check_context(self) -> CheckContext:
        """What the checks compare with (the previous period's values), fetched once per report shown."""
        assert self.report_id is not None
        if self.report_id not in self._contexts:
            self._contexts[self.report_id] = self.library.check_context(self.report_id)
        return self._contexts[self.report_id]

    def run_checks(self) -> None:
        """Check the values in memory; mark the fields, list the problems, count them."""
        if self.template is None or self.form is None:
            return
        self.problems = engine_for(self.template).run(self.values, self.check_context())
        self.form.mark_problems(self.problems)
        self.problems_panel.show_problems(self.template, self.problems, self.form.refused)
        count = summary(self.problems, len(self.form.refused))
        self.problem_count.setText(count)
        refused = len(self.form.refused)
        self.save_state.setText(f"Chưa lưu {refused} ô" if refused else self._saved_text)
        if self.problems or self.form.refused:
            self.problems_title.setText(f"<b>Lỗi và cảnh báo: {count}</b> — bấm đúp vào một dòng để đến ô cần sửa.")
        else:
            self.problems_title.setText("<b>Lỗi và cảnh báo:</b> không có lỗi hay cảnh báo nào.")

    def show_preview(self) -> None:
        if self.tabs.currentWidget() is self.preview_tab:
            self.refresh_preview()
        else:
            self.tabs.setCurrentWidget(self.preview_tab)  # refreshes

    def refresh_preview(self) -> None:
        """Rebuild the preview from what is saved, when it is the tab shown."""
        if self.tabs.currentWidget() is not self.preview_tab or self.library is None or self.report_id is None:
            return
        from export.builder import build_document

        if self.preview is None:
            from gui.preview import PreviewPane

            self.preview = PreviewPane(self.preview_tab)
            self.preview_tab.layout().addWidget(self.preview)
            self.preview.show()  # at once, not when Qt next handles events
        self.preview.show_document(build_document(self.library, self.report_id))

    def focus_field(self, key: str) -> None:
        if self.form is not None and key in self.form.editors:
            self.tabs.setCurrentIndex(0)
            self.form.focus_field(key)

    # ================================================================== edits
    def _value_edited(self, key: str, value: Value, session: int) -> None:
        if self.library is None or self.report_id is None or self.form is None or self.form.read_only:
            return
        if value == self.values.get(key):
            self.run_checks()  # refused text may have become readable again
            return
        command = SetFieldCommand(self.library, self.report_id, key, self.template.fields[key].label,
                                  self.values.get(key), value, session, self._written, self._write_failed,
                                  self._revisions)
        self._stack_for(self.report_id).push(command)

    def write_again(self, report_id: str, key: str, before: Value, typed: Value) -> None:
        """Write an edit the server could not take while it was away (see :class:`gui.server_link.Reconnector`)."""
        if self.library is None or report_id not in self._revisions:
            return
        template = self.template if report_id == self.report_id else self.library.template_of(report_id)
        if report_id == self.report_id and self.form is not None:
            self.form.refused.pop(key, None)
        command = SetFieldCommand(self.library, report_id, key, template.fields[key].label, before, typed, -1,
                                  self._written, self._write_failed, self._revisions)
        self._stack_for(report_id).push(command)

    def _written(self, report_id: str, written: dict[str, Value], typing_in: str | None) -> None:
        for key in written:  # saved now: an older value held while the server was away must not follow it
            self.reconnector.forget(report_id, key)
        if report_id != self.report_id:
            return
        for key, value in written.items():
            if value is None:
                self.values.pop(key, None)
            else:
                self.values[key] = value
        self.form.show_values(self.values, [k for k in written if k != typing_in])
        if typing_in in self.form.list_boxes:  # a list item was committed whole: show the items as saved
            QTimer.singleShot(0, lambda: self._reshow_field(report_id, typing_in))  # once Qt is done with it
        self._saved_text = f"Đã lưu lúc {datetime.now():%H:%M:%S}"
        self._failure_shown = ""
        self.run_checks()

    def explain_saving(self) -> None:
        """Ctrl+S, pressed from habit: every edit is already saved; say so, or say what is not."""
        refused = len(self.form.refused) if self.form is not None and self.report_id is not None else 0
        if refused:
            self.statusBar().showMessage(f"Còn {refused} ô gõ sai chưa được lưu (xem mục “Chưa lưu” trong danh sách "
                                         "lỗi); các thay đổi khác đã được lưu.", 10000)
        else:
            self.statusBar().showMessage("Mọi thay đổi đã được lưu ngay khi gõ; không cần bấm Lưu.", 10000)

    def _reshow_field(self, report_id: str, key: str) -> None:
        """Show ``key`` as saved: a pasted block of recipients becomes one row each, without dashes, tabs or
        control characters."""
        if report_id == self.report_id and self.form is not None and key not in self.form.refused:
            self.form.show_values(self.values, [key])

    def _write_failed(self, report_id: str, key: str, typed: Value, error: LibraryError) -> None:
        """The library refused a write: the field keeps what was typed, marked “Chưa lưu” with the reason;
        the reason is shown once (not at every keystroke while the file stays read-only). An edit the server
        could not take while away is written again when it is back; one made on a revision someone else has
        changed since reloads the report and says who changed what and what the clerk had typed."""
        message = str(error)
        if isinstance(error, StaleReport):
            self._reload_overtaken(report_id, key, typed, message)
            return
        if isinstance(error, ServerUnavailable):
            before = self.values.get(key) if report_id == self.report_id else typed
            self.reconnector.hold(report_id, key, before, typed)
            message += " Thay đổi được giữ trên màn hình và sẽ tự ghi khi máy chủ hoạt động lại."
        if report_id != self.report_id or self.form is None:
            return
        self.form.refused[key] = message
        self.run_checks()
        if message != self._failure_shown:
            self._failure_shown = message
            self.dialogs.error("Chưa lưu được", message)

    def _reload_overtaken(self, report_id: str, key: str, typed: Value, message: str) -> None:
        from model.values import display_value

        self._stack_for(report_id).clear()  # undoing would write values older than the other clerk's
        self.reconnector.forget(report_id, key)
        template = self.template if report_id == self.report_id else self.library.template_of(report_id)
        spec = template.fields[key]
        if report_id == self.report_id:
            self.reload_reports(report_id)
        shown = display_value(spec, typed) or "(để trống)"
        self.dialogs.error("Báo cáo vừa được người khác sửa",
                           f"{message}\n\nAnh/chị vừa gõ vào “{spec.label}”: {shown}")

    def _input_refused(self, _key: str, _message: str) -> None:
        self.run_checks()  # lists the refused text (“Chưa lưu”) and marks its field

    # ================================================================== report actions
    def _office_reports(self, organization_id: str) -> list[ReportInfo]:
        assert self.library is not None
        return [r for r in self.library.reports() if r.organization_id == organization_id]

    def _previous_label(self, organization_id: str, period: Period) -> str | None:
        previous = self._previous_report(organization_id, period)
        return f"{previous.period.short_text} ({previous.status_label})" if previous else None

    def _previous_report(self, organization_id: str, period: Period) -> ReportInfo | None:
        before = period.previous()
        matches = [r for r in self._office_reports(organization_id) if r.period == before]
        return matches[-1] if matches else None

    @clerk_errors
    def new_report(self) -> None:
        """Ask for the office and period; create the report blank or carried from the previous period."""
        if self.library is None:
            return
        organizations = self.library.organizations()
        if not organizations:
            office = self.dialogs.new_organization()
            if office is None:
                return
            self.library.add_organization(office.name, office.header_name, office.place,
                                          parent_header=office.parent_header, symbol_suffix=office.symbol_suffix)
            organizations = self.library.organizations()
        office_id = self.report_info.organization_id if self.report_info else organizations[0].id
        office_reports = [r for r in self._office_reports(office_id) if r.period.kind == "quarter"]
        today = date.today()
        suggested = office_reports[-1].period.next() if office_reports else Period(today.year,
                                                                                    (today.month + 2) // 3)
        kinds = {t.key: (t.key, t.name, t.period_kind) for t in self.library.templates()}  # the newest version wins
        request = self.dialogs.new_report(organizations, office_id, suggested, self._previous_label,
                                          kinds=sorted(kinds.values(), key=lambda kind: kind[1]))
        if request is None:
            return
        previous = self._previous_report(request.organization_id, request.period) if request.carry_forward else None
        if previous is not None and previous.template_key != request.template_key:
            previous = None  # another kind of report: nothing to carry
        new_id = self.library.create_report(request.organization_id, request.period,
                                            template_key=request.template_key,
                                            carry_from=previous.id if previous else None)
        self.reload_reports(new_id)
        self.statusBar().showMessage(f"Đã tạo báo cáo {request.period.text}.", 8000)
        notes = self.library.carry_notes(previous.id, self.library.template_of(new_id)) if previous else []
        if notes:
            self.dialogs.info("Báo cáo mới theo mẫu phiên bản mới", "\n".join(notes))

    @clerk_errors
    def duplicate_report(self) -> None:
        if self.library is None or self.report_info is None:
            return
        info = self.report_info
        period = self.dialogs.period("Nhân bản báo cáo",
                                     f"Chép mọi nội dung và số liệu của báo cáo {info.period.text} "
                                     "(trừ số và ngày ban hành) sang kỳ:", info.period.next())
        if period is None:
            return
        self.reload_reports(self.library.duplicate_report(info.id, period))
        self.statusBar().showMessage(f"Đã chép sang báo cáo {period.text}.", 8000)

    @clerk_errors
    def delete_report(self) -> None:
        if self.library is None or self.report_info is None:
            return
        info = self.report_info
        if not self.dialogs.confirm("Xóa báo cáo",
                                    f"Xóa hẳn báo cáo {info.period.text} của {info.organization_name} "
                                    f"({info.status_label})?\nKhông thể hoàn tác việc này.", "Xóa báo cáo"):
            return
        self.library.delete_report(info.id)
        self.report_id = None
        self.reload_reports()

    @clerk_errors
    def issue_report(self) -> None:
        if self.library is None or self.report_info is None or self.report_info.is_issued:
            return
        from gui.issue_dialog import ask_and_issue

        errors = sum(p.is_error for p in self.problems) + len(self.form.refused if self.form else ())
        warning = f"Báo cáo còn {errors} lỗi chưa sửa.\n" if errors else ""
        if ask_and_issue(self.dialogs, self.library, self.report_info, warning):
            self._stack_for(self.report_info.id).clear()
            self.reload_reports(self.report_info.id)

    @clerk_errors
    def reopen_report(self) -> None:
        if self.library is None or self.report_info is None or not self.report_info.is_issued:
            return
        if not self.dialogs.confirm("Mở lại để sửa",
                                    f"Báo cáo {self.report_info.period.text} đã ban hành. Mở lại để sửa? "
                                    "Nếu sửa, nhớ ban hành lại văn bản đã sửa.", "Mở lại để sửa"):
            return
        self._set_status("draft")

    def _set_status(self, status: str) -> None:
        assert self.library is not None and self.report_id is not None
        self.library.set_status(self.report_id, status)
        self._stack_for(self.report_id).clear()  # edits before the change of status stay as they are
        self.reload_reports(self.report_id)

    # ================================================================== window
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
        import main

        shown = self._library.server.display if self._library is not None and self._library.server else \
            self.library_path
        where = f"\nThư viện đang mở: {shown}" if shown else ""
        self.dialogs.info("Giới thiệu", f"{APP_TITLE} {main.__version__}\n\nSoạn, kiểm tra và xuất báo cáo định kỳ "
                                        f"Chính phủ điện tử (Nghị quyết 36a/NQ-CP).{where}")

    def restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 720)
        for name, splitter in (("window/main_split", self.main_split), ("window/right_split", self.right_split)):
            state = self.settings.value(name)
            if state is not None:
                splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/main_split", self.main_split.saveState())
        self.settings.setValue("window/right_split", self.right_split.saveState())
        self.settings.sync()
        self._close_library()
        super().closeEvent(event)

    def show_at_start(self, path: Path | None, default_path: Path) -> bool:
        """Show the library a start opens (``path``, else the last one used, else the default one) from a
        quick read, the window not yet painted; ``False`` when :meth:`open_at_start` must open it instead
        (a library to migrate or recover, a file that is not one, no library yet)."""
        from model.quickread import read_library

        if path is None:
            path = next((p for p in (last_library(self.settings), default_path) if p is not None and p.is_file()),
                        None)
        snapshot = read_library(path) if path is not None else None
        if snapshot is None:
            return False
        self.show_unopened(snapshot)
        return True

    def open_at_start(self, path: Path | None, default_path: Path, write_sample: Callable[[Path], None]) -> None:
        """Open ``path``, else the last library used, else the default one (written with the sample)."""
        if path is not None and self.open_library(path):
            return
        last = last_library(self.settings)
        if last is not None and last.is_file() and self.open_library(last):
            return
        from model.library import LibraryError

        if not default_path.exists():
            try:
                write_sample(default_path)
            except (LibraryError, OSError) as exc:
                self.dialogs.error("Không tạo được thư viện", str(exc))
        if default_path.exists() and self.open_library(default_path):
            return
        self.reload_reports()
