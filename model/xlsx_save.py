"""Saving a workbook the way every export of ours is saved: a hidden name beside the target, then a rename,
so a failed write never leaves half a file where the clerk's old one was."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from model.errors import LibraryError, os_error_text

if TYPE_CHECKING:
    from openpyxl import Workbook


def check_destination(destination: Path) -> None:
    """Refuse a target the workbook cannot go to, before any work is done."""
    if destination.suffix.lower() != ".xlsx":
        raise LibraryError(f"Tệp “{destination.name}” phải có đuôi .xlsx (sổ Excel).")
    if destination.is_dir():
        raise LibraryError(f"“{destination}” là một thư mục; hãy ghi tên tệp .xlsx.")
    if not destination.parent.is_dir():
        raise LibraryError(f"Không có thư mục “{destination.parent}”.")


def save_workbook(workbook: Workbook, destination: Path) -> None:
    """Write ``workbook`` to ``destination`` (replacing an existing file) or raise :class:`LibraryError`."""
    temporary = destination.with_name(f".~{destination.stem}-{os.urandom(4).hex()}.xlsx")
    try:
        workbook.save(temporary)
        os.replace(temporary, destination)
    except PermissionError as exc:
        raise LibraryError(f"Không ghi được tệp “{destination.name}”: tệp đang mở trong Excel hoặc chương trình "
                           "khác, hoặc không có quyền ghi. Hãy đóng tệp rồi thử lại.") from exc
    except OSError as exc:
        raise LibraryError(f"Không ghi được tệp “{destination.name}”: {os_error_text(exc)}.") from exc
    finally:
        temporary.unlink(missing_ok=True)
