"""Exporting a report to DOCX or PDF: the one function the command line and the GUI both call.

Importing this module is cheap: python-docx and reportlab are imported by the writer modules, only
when a file is written. The file is written to a temporary name in the target folder and renamed
into place, so a failed export never leaves a half-written file (and never damages an older one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from export.document.builder import build_document
from export.document.document import Appendix
from export.document.source import ReportSource
from model.errors import os_error_text
from model.replacing import replacing
from model.report.checks import Problem

FORMATS = {".docx": "docx", ".pdf": "pdf"}


class ExportError(Exception):
    """An export the clerk can put right (report with errors, bad file name, file open elsewhere);
    ``str()`` is a Vietnamese message."""


class ReportHasErrors(ExportError):
    """The report still fails checks with severity ``error``; exporting needs ``force``."""

    def __init__(self, message: str, errors: tuple[Problem, ...]) -> None:
        super().__init__(message)
        self.errors = errors


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    errors: tuple[Problem, ...]
    """Check errors the report still had: non-empty only when the export was forced."""
    warnings: tuple[Problem, ...]
    font_notice: str = ""
    """Non-empty when the PDF was made with a font other than Times New Roman (``export.document.fonts``)."""

    @property
    def forced(self) -> bool:
        return bool(self.errors)


def export_format(path: str | Path) -> str:
    """``docx`` or ``pdf`` from the file name's extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"Không xuất được tệp “{Path(path).name}”: tên tệp phải kết thúc bằng .docx hoặc .pdf.")
    return FORMATS[suffix]


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\s]+')


def suggested_filename(library: ReportSource, report_id: str, fmt: str = "pdf") -> str:
    """A file name such as ``BC-154-UBND-2018-Q2.pdf``; a draft without a number gets
    ``BC-UBND-2018-Q2-du-thao.pdf``."""
    values = library.values(report_id)
    period = library.report(report_id).period
    symbol = str(values.get("ky_hieu") or library.template_of(report_id).type_code)
    number = values.get("so")
    if isinstance(number, int):
        kind, sep, rest = symbol.partition("-")
        stem = f"{kind}-{number:02d}{sep}{rest}-{period}"
    else:
        stem = f"{symbol}-{period}-du-thao"
    stem = _UNSAFE.sub("-", stem)
    return f"{stem.strip('-.')}.{fmt}"


def _write(document, fmt: str, path: Path) -> str:
    """Write the file; returns the font notice of a PDF made without Times New Roman (a DOCX names the font and
    the clerk's Word supplies it)."""
    if fmt == "docx":
        from export.document.docx_writer import write_docx

        write_docx(document, path)
        return ""
    from export.document.fonts import registered_fonts, substitute_notice
    from export.document.pdf_writer import write_pdf

    write_pdf(document, path)
    return substitute_notice(registered_fonts())


def export_report(library: ReportSource, report_id: str, out_path: str | Path, *, force: bool = False,
                  appendices: Sequence[Appendix] = ()) -> ExportResult:
    """Write report ``report_id`` to ``out_path`` (.docx or .pdf, replacing an existing file).

    A report with check errors is refused unless ``force``. Raises :class:`ExportError` for anything
    the clerk can put right; the target is untouched when the export fails.
    """
    from export.document.fonts import FontError

    out = Path(out_path)
    fmt = export_format(out)
    problems = library.check(report_id)
    errors = tuple(p for p in problems if p.is_error)
    if errors and not force:
        more = f" (và {len(errors) - 1} lỗi khác)" if len(errors) > 1 else ""
        raise ReportHasErrors(f"Báo cáo còn {len(errors)} lỗi nên chưa xuất: {errors[0].message}{more}", errors)
    if not out.parent.is_dir():
        raise ExportError(f"Không có thư mục “{out.parent}”; hãy chọn thư mục khác.")
    if out.is_dir():
        raise ExportError(f"“{out}” là một thư mục; hãy ghi tên tệp.")
    document = build_document(library, report_id, appendices=appendices)
    try:
        with replacing(out) as temp:  # the writer creates it with the user's normal permissions
            font_notice = _write(document, fmt, temp)
    except PermissionError as exc:
        raise ExportError(f"Không ghi được tệp “{out.name}”: tệp đang mở trong chương trình khác hoặc không có "
                          "quyền ghi. Hãy đóng tệp rồi thử lại.") from exc
    except FontError as exc:
        raise ExportError(str(exc)) from exc
    except OSError as exc:
        raise ExportError(f"Không ghi được tệp “{out.name}”: {os_error_text(exc)}.") from exc
    return ExportResult(out, fmt, errors if force else (), tuple(p for p in problems if not p.is_error),
                        font_notice)
