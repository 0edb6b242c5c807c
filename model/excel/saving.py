"""Saving a workbook the way every export of ours is saved: a hidden name beside the target, then a rename,
so a failed write never leaves half a file where the clerk's old one was."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from model.errors import LibraryError, os_error_text
from model.replacing import replacing

if TYPE_CHECKING:
    from openpyxl import Workbook


def print_landscape(ws, title_rows: str, title_columns: str | None = None) -> None:
    """A4 landscape, ``title_rows`` (``"1:1"``) repeated on every page; one page wide, or, for a table too
    wide for that, ``title_columns`` (``"A:B"``) repeated on the pages to the right."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.print_title_rows = title_rows
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    if title_columns:
        ws.print_title_cols = title_columns
        return
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


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
    try:
        with replacing(destination) as temporary:
            workbook.save(temporary)
    except PermissionError as exc:
        raise LibraryError(f"Không ghi được tệp “{destination.name}”: tệp đang mở trong Excel hoặc chương trình "
                           "khác, hoặc không có quyền ghi. Hãy đóng tệp rồi thử lại.") from exc
    except OSError as exc:
        raise LibraryError(f"Không ghi được tệp “{destination.name}”: {os_error_text(exc)}.") from exc
