"""Exporting reports into a self-contained .db file to send to another office (design notes §6).

The chosen reports, the templates they are written with, their offices and those offices' parents are
written into a fresh library through the ORM; ``VACUUM INTO`` then copies it, compacted, to a temporary name
beside the destination, which is stamped (application_id, schema version, rollback journal), checked and
renamed into place. A reader never sees a half-written file, and a failure leaves no file behind.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import inspect, select

from model.errors import file_error_message, os_error_text
from model.library.library import Library, LibraryError
from model.library.storage import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Base,
    ConsolidationFigure,
    ConsolidationSource,
    FieldValue,
    Organization,
    Report,
    ReportEvent,
    ReturnComment,
    StoredTemplate,
)
from model.logfile import log
from model.oversight.events import record
from model.replacing import replacing

T = TypeVar("T")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    reports: int
    organizations: int

    @property
    def message(self) -> str:
        if not self.reports:
            return f"Đã ghi danh sách {self.organizations} cơ quan (không kèm báo cáo) vào {self.path.name}."
        return (f"Đã ghi {self.reports} báo cáo (cùng thông tin {self.organizations} cơ quan) vào "
                f"{self.path.name}.")


def _detached_copy(obj: Base) -> Base:
    """A new, unattached ORM object with the same column values."""
    mapper = inspect(type(obj))
    return type(obj)(**{attr.key: getattr(obj, attr.key) for attr in mapper.column_attrs})


def _write_fresh(library: Library, report_ids: Sequence[str], path: Path) -> tuple[int, int]:
    """Copy the reports, their offices (and parents) into a new library at ``path``."""
    fresh = Library.create(path, seed_templates=False)
    try:
        with library.session() as source, fresh.session() as target, target.begin():
            reports = source.scalars(select(Report).where(Report.id.in_(report_ids))).all()
            missing = set(report_ids) - {r.id for r in reports}
            if missing:
                raise LibraryError(f"Không có báo cáo “{sorted(missing)[0]}” trong thư viện.")
            org_ids: list[str] = []  # parents before children: each office's chain of parents, top first
            for report in reports:
                chain: list[str] = []
                org_id: str | None = report.organization_id
                while org_id is not None and org_id not in org_ids and org_id not in chain:
                    chain.append(org_id)
                    org_id = source.get(Organization, org_id).parent_id
                org_ids.extend(reversed(chain))
            for key, version in sorted({(r.template_key, r.template_version) for r in reports}):
                target.add(_detached_copy(source.get(StoredTemplate, (key, version))))
            for org_id in org_ids:
                target.add(_detached_copy(source.get(Organization, org_id)))
            target.flush()
            for report in reports:
                target.add(_detached_copy(report))
            target.flush()
            for table in (FieldValue, ConsolidationSource, ConsolidationFigure, ReportEvent, ReturnComment):
                for row in source.scalars(select(table).where(table.report_id.in_(report_ids))):
                    target.add(_detached_copy(row))
                target.flush()
        return len(reports), len(org_ids)
    finally:
        fresh.close()


def _vacuum_into(fresh: Path, temporary: Path) -> None:
    conn = sqlite3.connect(fresh)
    try:
        conn.execute("VACUUM INTO ?", (str(temporary),))
    finally:
        conn.close()
    conn = sqlite3.connect(temporary, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise LibraryError("Tệp vừa ghi không đạt kiểm tra toàn vẹn; hãy thử ghi vào thư mục khác.")
    finally:
        conn.close()


def _record_sent(library: Library, report_ids: list[str]) -> None:
    """Each report sent is a step of its receipt log: a newer revision sent answers a return."""
    moment = library.clock()
    with library.session() as session, session.begin():
        for report in session.scalars(select(Report).where(Report.id.in_(report_ids))):
            record(session, report.id, "sent", report.revision, moment, office_name=report.organization.name)


def export_reports(library: Library, report_ids: Sequence[str], destination: str | Path, *,
                   overwrite: bool = False) -> ExportResult:
    """Write ``report_ids`` with their offices into a new file at ``destination``."""
    if not report_ids:
        raise LibraryError("Chưa chọn báo cáo nào để xuất.")
    destination = Path(destination)
    chosen = list(dict.fromkeys(report_ids))
    reports, orgs = _write_file(library, destination, overwrite, lambda fresh: _write_fresh(library, chosen, fresh))
    try:
        _record_sent(library, chosen)
    except LibraryError as exc:  # the file is sent all the same; a read-only library keeps no log of it
        log.warning("Không ghi được nhật ký gửi của %s: %s", destination, exc)
    return ExportResult(destination, reports, orgs)


def export_office_tree(library: Library, destination: str | Path, *, root_id: str | None = None,
                       overwrite: bool = False) -> ExportResult:
    """Write the library's offices (those under ``root_id`` and their parents, or all) into a new .db without
    reports: the tree a district's or a department's new library starts from (``import``), so every office keeps
    one identity (its id) in every library of the province."""
    destination = Path(destination)
    orgs = _write_file(library, destination, overwrite, lambda fresh: _write_offices(library, root_id, fresh))
    return ExportResult(destination, 0, orgs)


def _write_offices(library: Library, root_id: str | None, path: Path) -> int:
    offices = library.organizations()
    parents = {o.id: o.parent_id for o in offices}

    def depth(org_id: str) -> int:
        seen, count, current = set(), 0, parents.get(org_id)
        while current is not None and current not in seen:
            seen.add(current)
            count, current = count + 1, parents.get(current)
        return count

    def under(org_id: str | None) -> bool:
        seen = set()
        while org_id is not None and org_id not in seen:
            if org_id == root_id:
                return True
            seen.add(org_id)
            org_id = parents.get(org_id)
        return False

    chosen = {o.id for o in offices if root_id is None or under(o.id)}
    for org_id in list(chosen):  # the parents of the subtree, so the file is complete
        current = parents.get(org_id)
        while current is not None and current not in chosen:
            chosen.add(current)
            current = parents.get(current)
    fresh = Library.create(path, seed_templates=False)
    try:
        with library.session() as source, fresh.session() as target, target.begin():
            for org_id in sorted(chosen, key=depth):
                target.add(_detached_copy(source.get(Organization, org_id)))
                target.flush()
    finally:
        fresh.close()
    return len(chosen)


def _write_file(library: Library, destination: Path, overwrite: bool, fill: Callable[[Path], T]) -> T:
    """``fill`` a fresh library, then copy it compacted and stamped to a temporary name renamed to ``destination``."""
    if library.path is not None and destination.exists() and destination.resolve() == library.path.resolve():
        raise LibraryError("Không thể xuất đè lên chính thư viện đang mở; chọn tên tệp khác.")
    if destination.is_dir():
        raise LibraryError(f"“{destination}” là một thư mục; hãy ghi tên tệp .db sẽ gửi.")
    if destination.exists() and not overwrite:
        raise LibraryError(f"Tệp “{destination.name}” đã có; chọn tên khác hoặc xóa tệp cũ trước.")
    if not destination.parent.is_dir():
        raise LibraryError(f"Không có thư mục “{destination.parent}”.")
    try:
        with tempfile.TemporaryDirectory(prefix="soanbaocao-xuat-") as workdir, replacing(destination) as temporary:
            fresh = Path(workdir) / "xuat.db"
            result = fill(fresh)
            _vacuum_into(fresh, temporary)
    except OSError as exc:
        raise LibraryError(f"Không ghi được tệp “{destination.name}”: {os_error_text(exc)}.") from exc
    except sqlite3.Error as exc:  # VACUUM INTO a folder that cannot be written, a full disk
        reason = file_error_message(destination, exc) or f"Không ghi được tệp “{destination.name}”."
        raise LibraryError(reason) from exc
    return result
