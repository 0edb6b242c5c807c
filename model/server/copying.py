"""Copying a library between a file and a server: up to start a server library from an office's file, down to
take a copy offline.

Both ways go through the exchange code, so what crosses is validated as an imported file is: the upload is
an import (:func:`model.exchange.dbimport.import_files`: the file is copied, checked, its rows validated like typed
input, and written in one transaction); the download is an export (:func:`model.exchange.dbexport.export_reports`)
whose file is then read back through the same checks before it is kept, so rows on the server that typed
input would refuse never reach a clerk's PC.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from model.errors import LibraryError
from model.exchange.dbexport import ExportResult, export_reports
from model.exchange.dbimport import ConflictPolicy, ImportResult, import_files
from model.exchange.rows import read_content
from model.exchange.untrusted import RefusedFile, open_untrusted
from model.library.library import Library


def upload(file: Path, server: Library, *, on_conflict: ConflictPolicy = "skip") -> ImportResult:
    """Every report of the library ``file`` into the ``server`` library, with the checks of an import."""
    return import_files(server, [file], on_conflict=on_conflict)


def download(server: Library, destination: Path) -> ExportResult:
    """Every report the signed-in role may read on ``server`` into a new library file ``destination``."""
    report_ids = [r.id for r in server.reports()]
    if not report_ids:
        raise LibraryError(f"Thư viện trên máy chủ {server.name} không có báo cáo nào tài khoản này xem được.")
    result = export_reports(server, report_ids, destination)
    try:
        with tempfile.TemporaryDirectory(prefix="soanbaocao-tai-") as workdir, \
                open_untrusted(destination, Path(workdir)) as conn:
            read_content(conn)
    except RefusedFile as exc:
        destination.unlink(missing_ok=True)
        raise LibraryError(f"Dữ liệu trên máy chủ không đạt kiểm tra, không ghi tệp: {exc}") from None
    return result
