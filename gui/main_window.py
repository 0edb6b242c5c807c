"""The main window: the report library beside the form, the problems panel below, menus and actions.

Every edit goes through a :class:`SetFieldCommand` on the report's own undo stack (one stack per report in a
``QUndoGroup``), which writes through the library at once; the checks run again after each edit on the
values held in memory, with the previous period's values fetched once per report shown.

At start the window shows the library from a quick ``sqlite3`` read and opens the real :class:`Library` once
the window is painted, or sooner, the moment an edit or an action asks for :attr:`MainWindow.library`.

Other parts of the editor extend the File menu through :meth:`MainWindow.add_file_actions` (import and
export of .db files, consolidation) and refresh the window with :meth:`MainWindow.reload_reports`.

Mixed in: which library is shown and its opening (:mod:`gui.opening`), the actions and menus, title and Giới thiệu
(:mod:`gui.menus`), the edit write-through (:mod:`gui.editing`). The menus' work is in the controllers
(:mod:`gui.controllers`), which see the window only through :class:`gui.services.WindowServices`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.controllers.reports import ReportController
from gui.controllers.server_link import Reconnector
from gui.dialogs.modal import Dialogs
from gui.editing import EditWriting
from gui.form.form import ReportForm
from gui.form.paste import connect_paste
from gui.menus import WindowMenus
from gui.opening import LibraryOpening
from gui.panes.library import LibraryPane
from gui.panes.problems import ProblemsPanel, summary
from gui.services import clerk_errors
from model.report.checks import CheckContext, Problem, engine_for
from model.report.report_info import ReportInfo
from model.report.template import Template
from model.report.values import Value

if TYPE_CHECKING:  # imported when a library is opened, after the window shows (SQLAlchemy is slow to load)
    from PySide6.QtGui import QCloseEvent

    from gui.panes.preview import PreviewPane
    from model.library.library import Library
    from model.library.quickread import LibrarySnapshot, ReportSnapshot


class MainWindow(LibraryOpening, WindowMenus, EditWriting, QMainWindow):
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
        self.reports = ReportController(self)
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
        self.reopen_button.clicked.connect(self.reports.reopen_report)
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
        self.main_split.setSizes([300, 1066])  # an office's name on one line in the library pane
        self.setCentralWidget(self.main_split)

        self.problem_count = QLabel(objectName="so_loi")
        self.save_state = QLabel(objectName="trang_thai_luu")
        for label in (self.problem_count, self.save_state):
            label.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addPermanentWidget(self.save_state)
        self.statusBar().addPermanentWidget(self.problem_count)

    # ================================================================== the library shown
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
        self.library_pane.set_offices(self.library.organizations() if self.library else ())
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
        form.set_calendar_month(info.period.end)
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
            self.problems_title.setText(f"<b>Lỗi và cảnh báo: {count}</b> — bấm đúp vào một dòng để đến ô cần sửa "
                                        "(F8: đến danh sách này).")
        else:
            self.problems_title.setText("<b>Lỗi và cảnh báo:</b> không có lỗi hay cảnh báo nào.")

    def show_preview(self) -> None:
        """F5: the preview, or back to the form when the preview is shown (so the same key returns)."""
        if self.tabs.currentWidget() is self.preview_tab:
            self.tabs.setCurrentWidget(self.form_stack)
        else:
            self.tabs.setCurrentWidget(self.preview_tab)  # refreshes

    def refresh_preview(self) -> None:
        """Rebuild the preview from what is saved, when it is the tab shown."""
        if self.tabs.currentWidget() is not self.preview_tab or self.library is None or self.report_id is None:
            return
        from export.document.builder import build_document

        if self.preview is None:
            from gui.panes.preview import PreviewPane

            self.preview = PreviewPane(self.preview_tab)
            self.preview_tab.layout().addWidget(self.preview)
            self.preview.show()  # at once, not when Qt next handles events
        self.preview.show_document(build_document(self.library, self.report_id))

    def focus_field(self, key: str) -> None:
        if self.form is not None and key in self.form.editors:
            self.tabs.setCurrentIndex(0)
            self.form.focus_field(key)

    # ================================================================== window
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
