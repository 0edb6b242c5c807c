"""The File menu's exchange actions: send reports as a .db file, import received .db files, consolidate
sub-units' reports into the parent office's draft.

Each calls the same model services as the command line (``model.exchange.dbexport``, ``model.exchange.dbimport``,
``model.exchange.consolidation``) on a pool thread with its own library connection. Import and consolidation show
progress and can be cancelled; the model writes everything in one transaction at the end, so a cancel
leaves the library as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from gui.support.crash import unexpected_error_message
from gui.support.settings import remember_folder, remembered_folder
from model.errors import os_error_text
from model.logfile import log, log_path
from model.progress import Cancelled, Progress
from model.vietnamese.period import Period

if TYPE_CHECKING:  # the dialogs are imported when the clerk first uses an exchange action
    from gui.dialogs.exchange import ExchangeDialogs, ResultGroup
    from gui.services import WindowServices
    from model.exchange.consolidation import ConsolidationResult
    from model.exchange.dbexport import ExportResult
    from model.exchange.dbimport import ImportResult
    from model.library.infos import OrganizationInfo
    from model.library.opening import LibrarySource

_FOLDER_KEY = "exchange/folder"


def _export(library_path: LibrarySource, report_ids: list[str], out: Path) -> ExportResult:
    from model.exchange.dbexport import export_reports
    from model.library.library import Library

    with Library.open(library_path) as library:
        return export_reports(library, report_ids, out, overwrite=True)


def _import(library_path: LibrarySource, paths: tuple[Path, ...], policy: str, progress: Progress) -> ImportResult:
    from model.exchange.dbimport import import_files
    from model.library.library import Library

    with Library.open(library_path) as library:
        return import_files(library, paths, on_conflict=policy, progress=progress)  # type: ignore[arg-type]


def _consolidate(library_path: LibrarySource, office_id: str, period: Period, source_ids: tuple[str, ...],
                 replace: bool, progress: Progress) -> ConsolidationResult:
    from model.exchange.consolidation import consolidate
    from model.library.library import Library

    with Library.open(library_path) as library:
        return consolidate(library, period, office_id, source_ids, replace=replace, progress=progress)


def import_summary(result: ImportResult) -> tuple[str, list[ResultGroup]]:
    """The clerk's reading of an import: one line overall, then each file with what happened to it."""
    from gui.dialogs.exchange import ResultGroup

    refused = sum(f.refused is not None for f in result.files)
    summary = f"Đã nhập {result.written} báo cáo từ {len(result.files) - refused}/{len(result.files)} tệp."
    if refused:
        summary += f" {refused} tệp bị từ chối (tô đỏ) và không làm thay đổi thư viện."
    names = Counter(f.path.name for f in result.files)
    groups = []
    for f in result.files:
        heading = f.summary if names[f.path.name] == 1 else f"{f.path}{f.summary.removeprefix(f.path.name)}"
        groups.append(ResultGroup(heading, tuple(line.strip() for line in f.lines()[1:]), f.refused is not None))
    return summary, groups


def _likely_parent(organizations: Sequence[OrganizationInfo], shown: str | None) -> str:
    """The office a clerk most likely consolidates for: the office of the report shown when it has
    sub-units, else its parent, else any office with sub-units."""
    parents = {o.parent_id for o in organizations if o.parent_id}
    known = {o.id: o for o in organizations}
    if shown in parents:
        return shown
    if shown in known and known[shown].parent_id in known:
        return known[shown].parent_id
    return next((o.id for o in organizations if o.id in parents), shown or organizations[0].id)


class ExchangeController(QObject):
    """The exchange actions of a main window; ``dialogs`` is replaceable in tests."""

    def __init__(self, window: WindowServices) -> None:
        super().__init__(window)
        self.window = window
        self._dialogs: ExchangeDialogs | None = None
        self.running = False
        self.export_action = window.make_action("Xuất tệp .&db để gửi…", self.export_db, None,
                                                "Ghi các báo cáo đã chọn ra một tệp .db để gửi cơ quan khác",
                                                "xuat_tep_db")
        self.import_action = window.make_action("&Nhập tệp .db…", self.import_db, None,
                                                "Nhập báo cáo từ các tệp .db nhận được của đơn vị khác", "nhap_tep_db")
        self.consolidate_action = window.make_action("&Tổng hợp báo cáo các đơn vị…", self.consolidate, None,
                                                     "Tạo dự thảo báo cáo của cơ quan cấp trên từ báo cáo các đơn vị",
                                                     "tong_hop")
        window.file_menu.aboutToShow.connect(self.update_enabled)

    @property
    def dialogs(self) -> ExchangeDialogs:
        """The exchange dialogs, made on first use (tests set their own)."""
        if self._dialogs is None:
            from gui.dialogs.exchange import ExchangeDialogs

            self._dialogs = ExchangeDialogs(self.window)
        return self._dialogs

    @dialogs.setter
    def dialogs(self, dialogs: ExchangeDialogs) -> None:
        self._dialogs = dialogs

    @property
    def actions(self) -> list[QAction]:
        return [self.export_action, self.import_action, self.consolidate_action]

    def update_enabled(self) -> None:
        has_library = self.window.has_library and not self.running
        for action in self.actions:
            action.setEnabled(has_library)

    def _ready(self) -> bool:
        if self.running:
            return False
        if self.window.library is None:
            self.window.dialogs.error("Chưa mở thư viện", "Hãy mở một thư viện báo cáo trước (Tệp → Mở thư viện).")
            return False
        return True

    # ------------------------------------------------------------------ export
    def export_db(self) -> None:
        if not self._ready():
            return
        window = self.window
        reports = window.library.reports()
        if not reports:
            window.dialogs.error("Chưa có báo cáo", "Thư viện chưa có báo cáo nào để gửi.")
            return
        checked = {window.report_id} if window.report_id else set()
        chosen = self.dialogs.choose_reports(reports, checked)
        if not chosen:
            return
        first = next(r for r in reports if r.id == chosen[0])
        suggested = f"{first.organization_name.replace(' ', '-')}-{first.period}.db" if len(chosen) == 1 \
            else f"bao-cao-{len(chosen)}.db"
        out = self.dialogs.send_path(remembered_folder(self.window.settings, _FOLDER_KEY) / suggested)
        if out is None:
            return
        remember_folder(self.window.settings, _FOLDER_KEY, out)
        library_path = window.library.source
        self._start("Đang ghi tệp .db…",
                    lambda progress: _export(library_path, chosen, out), self._exported)

    def _exported(self, result: ExportResult) -> None:
        self.window.dialogs.info("Đã xuất tệp .db", f"{result.message}\nThư mục: {result.path.parent}")

    # ------------------------------------------------------------------ import
    def import_db(self) -> None:
        if not self._ready():
            return
        request = self.dialogs.import_request(remembered_folder(self.window.settings, _FOLDER_KEY))
        if request is None or not request.paths:
            return
        remember_folder(self.window.settings, _FOLDER_KEY, request.paths[0])
        library_path = self.window.library.source
        self._start(f"Đang kiểm tra và nhập {len(request.paths)} tệp…",
                    lambda progress: _import(library_path, request.paths, request.on_conflict, progress),
                    self._imported)

    def _imported(self, result: ImportResult) -> None:
        self.show_imported(result, "Kết quả nhập tệp .db")

    def show_imported(self, result: ImportResult, title: str) -> None:
        """After an import (.db files or Excel forms): the changed reports lose their undo history, the library
        pane is reread, and each file's outcome is shown."""
        window = self.window
        window.discard_history(result.changed_report_ids)
        window.reload_reports()
        summary, groups = import_summary(result)
        self.dialogs.show_result(title, summary, groups)

    # ------------------------------------------------------------------ consolidation
    def consolidate(self) -> None:
        if not self._ready():
            return
        from model.exchange.consolidation import candidate_sources

        window = self.window
        library = window.library
        info = window.report_info
        period = info.period if info is not None else max((r.period for r in library.reports()),
                                                          default=Period(2018, 1))
        organizations = library.organizations()
        if not organizations:
            window.dialogs.error("Chưa có cơ quan", "Thư viện chưa có cơ quan nào.")
            return
        office_id = _likely_parent(organizations, info.organization_id if info is not None else None)
        request = self.dialogs.consolidation_request(
            organizations, office_id, period, lambda office, chosen: candidate_sources(library, office, chosen))
        if request is None or not request.source_ids:
            return
        existing = [r for r in library.reports() if r.organization_id == request.office_id
                    and r.period == request.period and not r.is_issued]
        if existing and not window.dialogs.confirm(
                "Đã có dự thảo cùng kỳ",
                f"{existing[0].organization_name} đã có dự thảo báo cáo {request.period.text} "
                f"(mã {existing[0].id[:8]}).\nXóa dự thảo đó và thay bằng bản tổng hợp mới? "
                "Không thể hoàn tác việc này.", "Thay dự thảo cũ"):
            return
        library_path, replace = library.source, bool(existing)
        self._start(f"Đang tổng hợp {len(request.source_ids)} báo cáo…",
                    lambda progress: _consolidate(library_path, request.office_id, request.period,
                                                  request.source_ids, replace, progress),
                    self._consolidated)

    def _consolidated(self, result: ConsolidationResult) -> None:
        self.window.reload_reports(result.report_id)
        from gui.dialogs.exchange import ResultGroup

        groups = [ResultGroup("Lưu ý khi soát lại số liệu:", result.notes)] if result.notes else []
        self.dialogs.show_result("Đã tổng hợp báo cáo", result.message, groups)

    # ------------------------------------------------------------------ running
    def _start(self, label: str, work: Any, done: Any) -> None:
        self.running = True
        self.update_enabled()

        def finished(result: Any) -> None:
            self.running = False
            self.update_enabled()
            done(result)

        from gui.support.progress_work import run_with_progress

        run_with_progress(self.window, "Soạn báo cáo", label, work, finished, self._failed)

    def _failed(self, exc: BaseException) -> None:
        from model.library.library import LibraryError

        self.running = False
        self.update_enabled()
        if isinstance(exc, Cancelled):
            self.window.dialogs.info("Đã hủy", "Đã hủy theo yêu cầu; thư viện giữ nguyên như trước.")
        elif isinstance(exc, LibraryError):
            self.window.dialogs.error("Không thực hiện được", str(exc))
        elif isinstance(exc, OSError):
            self.window.dialogs.error("Không thực hiện được", f"Không đọc/ghi được tệp: {os_error_text(exc)}.")
        else:
            log.error("Trao đổi tệp .db thất bại: %r", exc)
            self.window.dialogs.error("Không thực hiện được", unexpected_error_message(log_path()))
