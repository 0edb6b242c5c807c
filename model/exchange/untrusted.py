"""Opening a .db file from another office, which we do not trust (design notes §6).

The file is copied into a private temporary folder and only the copy is opened, read-only, with
``trusted_schema`` off. It must pass ``quick_check``, carry our application_id and a known schema
version, and hold exactly our tables: no trigger, no view, no unknown table, index or column. An older
version is migrated in the copy. Nothing from the file is ever executed, and it is never ATTACHed to
the library: callers read its rows with their own queries on the connection :func:`open_untrusted` gives.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from model.errors import os_error_text
from model.library import migrations
from model.library.sqlitetext import SQLITE_FAILURES, error_detail, untrusted_text
from model.library.storage import APPLICATION_ID, SCHEMA_VERSION, Base, log
from model.report.template import TemplateError

SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100

_EXPECTED_COLUMNS: dict[str, frozenset[str]] = {
    name: frozenset(column.name for column in table.columns) for name, table in Base.metadata.tables.items()
}
_KNOWN_INDEXES = frozenset(index.name for table in Base.metadata.tables.values() for index in table.indexes)


class RefusedFile(Exception):
    """The file cannot be imported; ``str()`` says why, in Vietnamese, for the clerk."""


def unreadable(message: str, error: BaseException) -> RefusedFile:
    """The refusal of a file SQLite failed on: ``message`` for the clerk, SQLite's own words in the log."""
    log.warning("Tệp nhận được không đọc được: %s", error_detail(error))
    return RefusedFile(message)


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(_HEADER_SIZE)
    except FileNotFoundError:
        raise RefusedFile("Không tìm thấy tệp.") from None
    except IsADirectoryError:
        raise RefusedFile("Đây là một thư mục, không phải tệp .db.") from None
    except OSError as exc:
        raise RefusedFile(f"Không đọc được tệp ({os_error_text(exc)}).") from None


def _check_stamp(app_id: int, version: int) -> None:
    if app_id != APPLICATION_ID:
        raise RefusedFile("Đây là tệp SQLite của phần mềm khác, không phải tệp báo cáo của Soạn báo cáo.")
    if version > SCHEMA_VERSION:
        raise RefusedFile(f"Tệp do phiên bản Soạn báo cáo mới hơn tạo ra (lược đồ {version}; phiên bản này đọc "
                          f"được đến lược đồ {SCHEMA_VERSION}). Hãy cập nhật phần mềm rồi nhập lại.")
    if version not in migrations.TABLES_AT_VERSION:
        raise RefusedFile(f"Tệp ghi phiên bản lược đồ {version}, không phải phiên bản nào của Soạn báo cáo.")


def _precheck(path: Path) -> None:
    """Refuse what the header alone gives away, before copying a possibly large foreign file."""
    header = _read_header(path)
    if not header.startswith(SQLITE_MAGIC):
        raise RefusedFile("Không phải tệp dữ liệu SQLite (có thể là tệp khác bị đổi đuôi thành .db).")
    if len(header) < _HEADER_SIZE:
        raise RefusedFile("Tệp bị cắt cụt: ngắn hơn phần đầu của một tệp SQLite.")
    _check_stamp(int.from_bytes(header[68:72], "big"), int.from_bytes(header[60:64], "big"))


def _connect_readonly(copy: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    conn.text_factory = untrusted_text
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA query_only=ON")
    return conn


def _check_integrity(conn: sqlite3.Connection) -> tuple[int, int]:
    """quick_check, then (application_id, user_version) as SQLite itself reads them."""
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except SQLITE_FAILURES as exc:
        raise unreadable("Tệp bị hỏng hoặc bị cắt cụt (SQLite không đọc được).", exc) from None
    if problems != ["ok"]:
        log.warning("Tệp nhận được không qua quick_check: %s", "; ".join(map(str, problems[:5])))
        raise RefusedFile("Tệp bị hỏng hoặc bị cắt cụt (kiểm tra toàn vẹn không đạt).")
    return app_id, version


def _check_objects(conn: sqlite3.Connection, version: int) -> None:
    """Exactly the tables of ``version`` and our indexes; nothing that could run code."""
    try:
        objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    except SQLITE_FAILURES as exc:
        raise unreadable("Tệp bị hỏng: không đọc được cấu trúc dữ liệu.", exc) from None
    if not all(isinstance(kind, str) and isinstance(name, str) for kind, name in objects):
        raise RefusedFile("Tệp bị hỏng: tên bảng trong cấu trúc dữ liệu không đọc được (sai mã chữ).")
    for kind, name in objects:
        if kind == "trigger":
            raise RefusedFile(f"Tệp có trigger (lệnh tự chạy) “{name}”; tệp báo cáo thật không có, nên không nhận "
                              "để giữ an toàn cho thư viện.")
        if kind == "view":
            raise RefusedFile(f"Tệp có view “{name}”; tệp báo cáo thật không có, nên không nhận.")
    tables = {name for kind, name in objects if kind == "table"}
    expected = migrations.TABLES_AT_VERSION[version]
    if unknown := sorted(tables - expected):
        raise RefusedFile(f"Tệp có bảng lạ “{unknown[0]}”, không phải tệp báo cáo của Soạn báo cáo.")
    if missing := sorted(expected - tables):
        raise RefusedFile(f"Tệp thiếu bảng “{missing[0]}”; tệp bị hỏng hoặc không đầy đủ.")
    for kind, name in objects:
        if kind == "index" and not name.startswith("sqlite_autoindex_") and name not in _KNOWN_INDEXES:
            raise RefusedFile(f"Tệp có chỉ mục lạ “{name}”, không phải tệp báo cáo của Soạn báo cáo.")
        if kind not in {"table", "index"}:
            raise RefusedFile(f"Tệp có thành phần lạ “{name}” ({kind}).")


def _check_columns(conn: sqlite3.Connection) -> None:
    """Every table has exactly our columns, none generated or hidden (our queries read them by name)."""
    for table, expected in _EXPECTED_COLUMNS.items():
        try:
            rows = conn.execute("SELECT name, hidden FROM pragma_table_xinfo(?)", (table,)).fetchall()
        except SQLITE_FAILURES as exc:
            raise unreadable(f"Tệp bị hỏng: không đọc được cấu trúc bảng “{table}”.", exc) from None
        if {name for name, _ in rows} != expected or any(hidden for _, hidden in rows):
            raise RefusedFile(f"Bảng “{table}” trong tệp có cấu trúc lạ; không phải tệp báo cáo của Soạn báo cáo.")


@contextmanager
def open_untrusted(path: Path, workdir: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection on a checked (and, if older, migrated) private copy of ``path``.

    ``workdir`` is a private temporary folder; the copy is deleted on leaving. Raises
    :class:`RefusedFile` with the reason.
    """
    _precheck(path)
    copy = workdir / "tep-nhan.db"
    try:
        shutil.copyfile(path, copy)
    except OSError as exc:
        raise RefusedFile(f"Không sao chép được tệp để kiểm tra ({os_error_text(exc)}).") from None
    try:
        conn = _connect_readonly(copy)
        try:
            app_id, version = _check_integrity(conn)
            _check_stamp(app_id, version)
            _check_objects(conn, version)
        finally:
            conn.close()
        if version < SCHEMA_VERSION:
            try:
                migrations.migrate(copy, version, backup=False)
            except SQLITE_FAILURES as exc:
                raise unreadable(f"Không nâng cấp được tệp lược đồ {version} lên lược đồ {SCHEMA_VERSION}; "
                                 "tệp bị hỏng.", exc) from None
            except TemplateError as exc:  # a report of a template version this program never shipped
                raise RefusedFile(f"Không nâng cấp được tệp lược đồ {version}: {exc}") from None
        conn = _connect_readonly(copy)
        try:
            _check_objects(conn, SCHEMA_VERSION)
            _check_columns(conn)
            yield conn
        finally:
            conn.close()
    finally:
        copy.unlink(missing_ok=True)
