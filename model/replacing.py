"""Writing a file so that a reader never sees it half-written, and a power cut never leaves it empty.

Every file we write for the clerk (DOCX, PDF, signed PDF, .db to send, Excel workbook) goes through
:func:`replacing`: the writer fills a hidden temporary file in the target's folder (so the rename cannot cross
file systems), its bytes are flushed to the disk (``fsync``), it is renamed over the target in one step, and the
folder's entry is flushed too. On any failure the temporary file is removed and the target is as it was.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def temporary_beside(target: Path) -> Path:
    """A hidden name in ``target``'s folder, unique to this write."""
    return target.with_name(f".~{target.stem}-{os.urandom(4).hex()}{target.suffix}")


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable. Windows cannot open a folder this way (NTFS journals the rename)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield the temporary path to write; when the block ends normally it becomes ``target``, durably."""
    temporary = temporary_beside(target)
    try:
        yield temporary
        _fsync_file(temporary)
        os.replace(temporary, target)
        _fsync_folder(target.parent)
    finally:
        temporary.unlink(missing_ok=True)
