"""The editor's Cơ quan menu (Quản lý cơ quan…) and Báo cáo → Cập nhật số liệu từ các đơn vị.

Offices are added, changed and merged through the command line's services (:mod:`model.offices.actions`,
:mod:`model.offices.editing`); a merge asks first. A consolidated draft whose units sent newer revisions is
rebuilt by :func:`model.exchange.staleness.refresh_consolidation`, one undo step that puts the old figures back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenuBar, QStatusBar

from model.exchange.appendix import REFRESH_ACTION
from model.report.values import Value

if TYPE_CHECKING:
    from gui.dialogs.modal import Dialogs
    from model.library.library import Library
    from model.offices.editing import OfficeChanges


class MainWindow(Protocol):
    """What these actions use of :class:`gui.main_window.MainWindow` (named here, not imported: no circle)."""

    library: Library | None
    report_id: str | None
    dialogs: Dialogs
    _revisions: dict[str, int]
    _contexts: dict[str, Any]

    def make_action(self, text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = "",
                    name: str = "") -> QAction: ...
    def reload_reports(self, select_id: str | None = None) -> None: ...
    def _written(self, report_id: str, written: dict[str, Value], typing_in: str | None) -> None: ...
    def _stack_for(self, report_id: str) -> QUndoStack: ...
    def statusBar(self) -> QStatusBar: ...


class RefreshCommand(QUndoCommand):
    """Figures rebuilt from the units (already written when pushed); undo writes the old figures back."""

    def __init__(self, window: MainWindow, report_id: str, before: dict[str, Value], after: dict[str, Value]) -> None:
        super().__init__(REFRESH_ACTION[0].lower() + REFRESH_ACTION[1:])
        self.window = window
        self.report_id = report_id
        self.before = before
        self.after = after
        self._pushed = False

    def _write(self, values: dict[str, Value]) -> None:
        library = self.window.library
        assert library is not None
        written = library.set_values(self.report_id, values)
        self.window._revisions[self.report_id] = library.report(self.report_id).revision
        self.window._contexts.pop(self.report_id, None)  # the units' revisions changed: check again
        self.window._written(self.report_id, written, None)

    def redo(self) -> None:
        if self._pushed:
            self._write(self.after)
        self._pushed = True

    def undo(self) -> None:
        self._write(self.before)


class OfficesController(QObject):
    def __init__(self, window: MainWindow, menu_bar: QMenuBar) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.window = window
        self.manage_action = window.make_action("&Quản lý cơ quan…", self.manage, None,
                                                "Thêm, sửa, gộp cơ quan; cơ quan cấp trên, cấp, mã định danh",
                                                "quan_ly_co_quan")
        self.refresh_action = window.make_action(REFRESH_ACTION.replace("đơn vị", "đơn &vị"), self.refresh, None,
                                                 "Tính lại số liệu của báo cáo tổng hợp từ bản mới nhất của các đơn "
                                                 "vị; phần chữ giữ nguyên", "cap_nhat_tu_don_vi")
        menu = menu_bar.addMenu("&Cơ quan")
        menu.addAction(self.manage_action)

    # ------------------------------------------------------------------ offices
    def manage(self) -> None:
        from gui.dialogs.offices import OfficesDialog

        library = self.window.library
        if library is None:
            return
        dialog = OfficesDialog(library.organizations, self.save, self.merge, self.window)  # type: ignore[arg-type]
        dialog.exec()
        if dialog.changed:
            self.window.reload_reports()

    def save(self, office_id: str | None, changes: OfficeChanges) -> str:
        from model.offices.actions import add_office
        from model.offices.editing import edit_office

        library = self.window.library
        assert library is not None
        if office_id is None:
            office = add_office(library, changes.name or "", changes.place or "",
                                header_lines=changes.header_lines or (),
                                parent_header_lines=changes.parent_header_lines or (),
                                symbol=changes.symbol or "UBND", parent_ref=changes.parent_ref or None,
                                level=changes.level or "", code=changes.code or "")
            return office.id
        return edit_office(library, office_id, changes).id

    def merge(self, duplicate_id: str, keep_id: str) -> bool:
        from model.offices.editing import merge_offices, merge_plan

        library = self.window.library
        assert library is not None
        duplicate, kept, moved = merge_plan(library, duplicate_id, keep_id)
        if not self.window.dialogs.confirm(
                "Gộp cơ quan trùng",
                f"Gộp “{duplicate.name}” vào “{kept.name}”?\n\n{moved} báo cáo và các cơ quan trực thuộc của "
                f"“{duplicate.name}” được chuyển sang “{kept.name}”; không báo cáo nào bị xóa. Cơ quan trùng bị xóa "
                "và việc gộp không hoàn tác được.", "Gộp"):
            return False
        merge_offices(library, duplicate_id, keep_id)
        return True

    # ------------------------------------------------------------------ a stale consolidation
    def refresh(self) -> None:
        from model.errors import LibraryError
        from model.exchange.staleness import refresh_consolidation

        window = self.window
        if window.library is None or window.report_id is None:
            return
        report_id = window.report_id
        try:
            result = refresh_consolidation(window.library, report_id)
        except LibraryError as exc:
            window.dialogs.error(REFRESH_ACTION, str(exc))
            return
        window._revisions[report_id] = window.library.report(report_id).revision
        window._contexts.pop(report_id, None)
        window._stack_for(report_id).push(RefreshCommand(window, report_id, result.before, result.changes))
        window._written(report_id, result.changes, None)
        window.statusBar().showMessage(result.message, 8000)
