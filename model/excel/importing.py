"""Importing filled data-entry workbooks: :mod:`model.exchange.dbimport`'s rules, :mod:`model.excel.reading` reading.

Reading a workbook is CPU-bound Python (openpyxl parses some 20 ms of XML per form), so a batch of many
workbooks is read by several processes at once while the import consumes them in order; threads would not
run in parallel. Should the processes fail to start (a locked-down PC), the workbooks are read one by one.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor, CancelledError, Future, ProcessPoolExecutor
from pathlib import Path
from pickle import PicklingError

from model.errors import log_unexpected
from model.excel.reading import read_workbook
from model.exchange.dbimport import ConflictPolicy, ImportResult, import_files
from model.exchange.rows import FileContent
from model.exchange.untrusted import RefusedFile
from model.library.library import Library
from model.progress import NO_PROGRESS, Progress

PARALLEL_FROM = 60
"""Fewer workbooks are read (~20 ms each) faster than worker processes start: each imports Python, SQLAlchemy
and openpyxl afresh (spawn), which took over a second on a busy machine."""
MAX_WORKERS = 4


def _read(path: Path) -> FileContent | str:
    """In a worker process: the content, or the refusal's message (what the import shows)."""
    try:
        return read_workbook(path)
    except RefusedFile as exc:
        return str(exc)


class WorkbookReader:
    """A reader for :func:`model.exchange.dbimport.import_files` whose workbooks are already being read in parallel."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[Path, Future] = {}
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        if len(paths) < PARALLEL_FROM or workers < 2:
            return
        try:
            # spawn, as on Windows: forking a process whose other threads (Qt's, SQLite's) hold locks can hang
            self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            self._futures = {path: self._pool.submit(_read, path) for path in dict.fromkeys(paths)}
        except (OSError, RuntimeError):
            self.close()

    def __call__(self, path: Path, _workdir: Path) -> FileContent:
        future = self._futures.pop(path, None)
        outcome: FileContent | str | None = None
        if future is not None:
            try:
                outcome = future.result()
            except (BrokenExecutor, CancelledError, OSError, EOFError, PicklingError):  # a worker killed: read here
                outcome = None
            except Exception:  # the worker's own fault: log it, and read the workbook here, where it is judged
                log_unexpected(f"sổ Excel {path.name} (tiến trình phụ)")
                outcome = None
        if outcome is None:
            return read_workbook(path)
        if isinstance(outcome, str):
            raise RefusedFile(outcome)
        return outcome

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def import_workbooks(library: Library, paths: Sequence[str | Path], *, on_conflict: ConflictPolicy = "skip",
                     progress: Progress = NO_PROGRESS) -> ImportResult:
    """Import filled workbooks into ``library`` in one transaction.

    See :func:`model.exchange.dbimport.import_files`."""
    files = [Path(p) for p in paths]
    reader = WorkbookReader(files)
    try:
        return import_files(library, files, on_conflict=on_conflict, progress=progress, reader=reader)
    finally:
        reader.close()
