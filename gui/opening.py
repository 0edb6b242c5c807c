"""Which library the main window shows, and opening it: a file or a server, the quick read at start, switching,
a new library, closing.

At start the window shows the library from a quick ``sqlite3`` read (:mod:`model.library.quickread`) and opens the
real :class:`Library` (SQLAlchemy, slow to import) once the window is painted, or sooner, the moment an edit
or an action asks for :attr:`LibraryOpening.library`.

:class:`LibraryOpening` is mixed into :class:`~gui.main_window.MainWindow`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gui.controllers.server_link import LAST_WAS_SERVER
from gui.services import clerk_errors
from gui.support.crash import unexpected_error_message
from gui.support.settings import last_library, remember_library
from model.logfile import log, log_path
from model.report.report_info import ReportInfo, report_to_open

if TYPE_CHECKING:  # imported when a library is opened, after the window shows (SQLAlchemy is slow to load)
    from model.library.library import Library
    from model.library.quickread import LibrarySnapshot
    from model.server.connection import ServerAddress

EDITOR_BUSY_TIMEOUT = 0.5
"""Seconds an edit waits for a library another program holds locked before it is marked “Chưa lưu”.

Each keystroke writes on the GUI thread, so SQLite's 5 s froze the window for 5 s per keystroke. Another copy
of the editor, an import by this one (its write takes the lock only briefly at the end, and behind a modal
progress dialog while it lasts) or a virus scanner hold it for milliseconds; a lock held longer (a program
with the file open in a transaction) will not be freed by waiting, and the next keystroke tries again."""


class LibraryOpening:
    """The library shown in the main window it is mixed into, and its opening."""

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

        from model.library.library import Library, LibraryError

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
        """Show a library read by :func:`model.library.quickread.read_library` (its reports and the report it opens on)
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
        offices = self._library.organizations()
        if tuple(reports) != snapshot.reports:
            self.reload_reports(self.report_id, reports)
        elif any(o.parent_id for o in offices):  # the quick read shows offices side by side: nest the units
            self.library_pane.set_offices(offices)
            self.library_pane.show_reports(reports, self.report_id)

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
        from model.library.library import Library

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

    def show_at_start(self, path: Path | None, default_path: Path) -> bool:
        """Show the library a start opens (``path``, else the last one used, else the default one) from a
        quick read, the window not yet painted; ``False`` when :meth:`open_at_start` must open it instead
        (a library to migrate or recover, a file that is not one, no library yet)."""
        from model.library.quickread import read_library

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
        from model.library.library import LibraryError

        if not default_path.exists():
            try:
                write_sample(default_path)
            except (LibraryError, OSError) as exc:
                self.dialogs.error("Không tạo được thư viện", str(exc))
        if default_path.exists() and self.open_library(default_path):
            return
        self.reload_reports()
