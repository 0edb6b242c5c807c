"""Before a library is used: is the file one of ours, of a version we read, and undamaged; or is it a server."""

from __future__ import annotations

from pathlib import Path

from model.errors import LibraryError, file_error_message
from model.library import migrations
from model.library.sqlitetext import SQLITE_FAILURES, error_detail
from model.library.storage import APPLICATION_ID, SCHEMA_VERSION, check_file, log, read_stamp
from model.library.wellformed import shape_problem
from model.server.connection import ServerAddress
from model.server.scheme import is_server_url


def check_library_file(path: Path) -> int:
    """Make sure ``path`` is one of our libraries and return its schema version; touch nothing."""
    if path.is_dir():
        raise LibraryError(f"“{path}” là một thư mục, không phải tệp thư viện báo cáo (.db).")
    if not path.is_file():
        raise LibraryError(f"Không tìm thấy tệp “{path}”.")
    try:
        app_id, version = read_stamp(path)
    except SQLITE_FAILURES as exc:  # not SQLite, or SQLite that cannot be read now (locked, no permission)
        raise LibraryError(file_error_message(path, exc) or f"Tệp “{path.name}” không phải thư viện báo cáo "
                           "(không phải tệp SQLite hoặc tệp đã hỏng).") from None
    if app_id != APPLICATION_ID:
        raise LibraryError(f"Tệp “{path.name}” không phải thư viện báo cáo của Soạn báo cáo.")
    if version > SCHEMA_VERSION:
        raise LibraryError(f"Tệp “{path.name}” được tạo bởi phiên bản Soạn báo cáo mới hơn "
                           f"(lược đồ {version}, phiên bản này đọc được đến {SCHEMA_VERSION}). "
                           "Hãy cập nhật phần mềm.")
    if version < 1 or (version < SCHEMA_VERSION and version not in migrations.STEPS):
        raise LibraryError(f"Tệp “{path.name}” có phiên bản lược đồ {version} không hợp lệ.")
    return version


def _damaged(path: Path) -> str:
    return f"Tệp “{path.name}” đã hỏng nên không đọc được. Hãy mở bản sao lưu của tệp."


def refuse_if_damaged(path: Path, version: int) -> None:
    """Before the library is used: SQLite's ``integrity_check`` (``quick_check`` misses an index that disagrees
    with its table, and a report listed by a scan is then not found by its id) and our :func:`shape_problem` on
    the tables of ``version``. A damaged library is refused, so it is never written to. It reads the whole file:
    a few milliseconds for a library of a few years, some 0.2 s for 18 MB (tests/benchmarks/bench_open.py)."""
    try:
        problems, shape = check_file(path, lambda conn: shape_problem(
            conn, migrations.TABLES_AT_VERSION[version], migrations.columns_missing_at(version)))
    except SQLITE_FAILURES as exc:
        log.warning("Thư viện %s không đọc được: %s", path, error_detail(exc))
        raise LibraryError(file_error_message(path, exc) or _damaged(path)) from exc
    if problems != ["ok"]:
        log.warning("Thư viện %s không qua integrity_check: %s", path, "; ".join(problems[:5]))
        raise LibraryError(_damaged(path))
    if shape is not None:
        log.warning("Thư viện %s hỏng: %s", path, shape)
        raise LibraryError(f"Tệp “{path.name}” đã hỏng ({shape}), nên không mở được. Hãy mở bản sao lưu của tệp.")


LibrarySource = str | Path | ServerAddress
"""Where a library is: a file, or a server (``postgresql://…`` text or a :class:`ServerAddress`)."""


def server_address(source: LibrarySource) -> ServerAddress | None:
    """The server ``source`` names, or ``None`` for a file."""
    if isinstance(source, ServerAddress):
        return source
    if isinstance(source, str) and is_server_url(source):
        return ServerAddress.parse(source)
    return None
