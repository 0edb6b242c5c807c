"""What the main window offers the parts it is made of: :class:`WindowServices`, a protocol the controllers, the
reconnector and pasting are typed against, so none of them imports :mod:`gui.main_window` (which imports them).

:class:`~gui.main_window.MainWindow` satisfies it; it is also the Qt parent of the controllers and of the dialogs
they open. Here too: the application's title and :func:`clerk_errors`, which every menu action shares.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from model.errors import os_error_text

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction, QKeySequence, QUndoStack
    from PySide6.QtWidgets import QMenu, QStatusBar

    from gui.dialogs.modal import Dialogs
    from gui.form.form import ReportForm
    from gui.panes.problems import ProblemsPanel
    from model.errors import LibraryError
    from model.library.library import Library
    from model.report.checks import Problem
    from model.report.report_info import ReportInfo
    from model.report.values import Value
    from model.server.connection import ServerAddress

APP_TITLE = "Soạn báo cáo"


class WindowServices(Protocol):
    """The window as its parts see it: settings and dialogs, the library and the report shown, the File menu,
    actions, the status bar, and the few things they ask the window to do."""

    settings: QSettings
    dialogs: Dialogs
    file_menu: QMenu
    report_id: str | None
    report_info: ReportInfo | None
    values: dict[str, Value]
    problems: list[Problem]
    problems_panel: ProblemsPanel

    @property
    def library(self) -> Library | None: ...

    @property
    def has_library(self) -> bool: ...

    @property
    def form(self) -> ReportForm | None: ...

    def statusBar(self) -> QStatusBar: ...

    def make_action(self, text: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None,
                    tip: str = "", name: str = "") -> QAction: ...

    def open_library(self, path: Path | ServerAddress) -> bool: ...

    def reload_reports(self, select_id: str | None = None, reports: Sequence[ReportInfo] | None = None) -> None: ...

    def discard_history(self, report_ids: Iterable[str]) -> None: ...

    def write_again(self, report_id: str, key: str, before: Value, typed: Value) -> None: ...

    # the edit write-through (gui.editing), which a pasted column goes through as well
    def _stack_for(self, report_id: str) -> QUndoStack: ...

    def _written(self, report_id: str, written: dict[str, Value], typing_in: str | None) -> None: ...

    def _write_failed(self, report_id: str, key: str, typed: Value, error: LibraryError) -> None: ...


def clerk_errors(method: Callable[..., Any]) -> Callable[..., Any]:
    """Show a :class:`LibraryError` or file error of an action as a message instead of failing (the action's
    object has the window's ``dialogs``)."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any) -> Any:
        from model.library.library import LibraryError

        try:
            return method(self, *args)
        except LibraryError as exc:
            self.dialogs.error(APP_TITLE, str(exc))
        except OSError as exc:
            self.dialogs.error(APP_TITLE, f"Không đọc/ghi được tệp: {os_error_text(exc)}.")
        return None
    return wrapper
