"""The error a clerk can put right, in a module of its own so the command line can catch it without
importing the ORM (``model.library.library`` re-exports it), and what SQLite's file errors mean to a clerk."""

from __future__ import annotations

import errno
from pathlib import Path


class LibraryError(Exception):
    """Something the clerk can put right; ``str()`` is a Vietnamese message for them."""


class ServerUnavailable(LibraryError):
    """The library's server cannot be reached now (stopped, restarting, network cut): the edit may be tried
    again once it is back."""


class StaleReport(LibraryError):
    """An edit made on a revision of the report someone else has since changed; ``str()`` says who and what."""


# SQLite's primary result codes a clerk can cause or put right (the file, its folder, the disk, another
# program), and what they mean; ``{name}`` is the file's name. Every other code is a fault of ours.
_FILE_ERRORS = {
    "SQLITE_BUSY": "Tệp “{name}” đang bị chương trình khác dùng (có thể thư viện đang mở ở cửa sổ hoặc máy "
                   "khác, hoặc đang được sao chép). Hãy đợi một lát rồi thử lại.",
    "SQLITE_LOCKED": "Tệp “{name}” đang bị chương trình khác dùng. Hãy đợi một lát rồi thử lại.",
    "SQLITE_READONLY": "Tệp “{name}” chỉ cho đọc (tệp hoặc thư mục chứa nó không cho ghi, hoặc nằm trên đĩa "
                       "CD, USB khóa ghi), nên không ghi được thay đổi. Hãy chép tệp vào thư mục Tài liệu rồi "
                       "mở bản chép.",
    "SQLITE_CANTOPEN": "Không mở được tệp “{name}”: không có quyền đọc, ghi tệp hoặc thư mục chứa nó, hoặc tệp "
                       "đã bị chuyển đi.",
    "SQLITE_PERM": "Không có quyền dùng tệp “{name}”.",
    "SQLITE_AUTH": "Không có quyền dùng tệp “{name}”.",
    "SQLITE_FULL": "Ổ đĩa chứa tệp “{name}” đã đầy, nên không ghi được. Hãy xóa bớt tệp trên ổ đĩa rồi thử lại.",
    "SQLITE_IOERR": "Không đọc/ghi được tệp “{name}” (ổ đĩa lỗi, USB hoặc ổ mạng bị ngắt, hoặc không có quyền "
                    "với tệp tạm “{name}-journal” bên cạnh).",
    "SQLITE_NOTADB": "Tệp “{name}” không phải thư viện báo cáo (không phải tệp SQLite hoặc tệp đã hỏng).",
    "SQLITE_CORRUPT": "Tệp “{name}” đã hỏng nên không đọc được. Hãy mở bản sao lưu của tệp.",
}


def file_error_message(path: Path, error: BaseException) -> str | None:
    """What SQLite's ``error`` on the library ``path`` means to a clerk; ``None`` when it is not a file error
    (a fault of the program, to be logged, not explained)."""
    if isinstance(error, UnicodeDecodeError):  # SQLite's message quoted bytes of the file that are not UTF-8
        return _FILE_ERRORS["SQLITE_CORRUPT"].format(name=path.name)
    code = getattr(error, "sqlite_errorname", "") or ""
    for prefix, message in _FILE_ERRORS.items():
        if code == prefix or code.startswith(prefix + "_"):
            return message.format(name=path.name)
    return None


_OS_ERRORS = {
    errno.ENOENT: "không có tệp hoặc thư mục đó",
    errno.EACCES: "không có quyền, hoặc tệp đang mở trong chương trình khác",
    errno.EPERM: "không có quyền, hoặc tệp đang mở trong chương trình khác",
    errno.EBUSY: "tệp đang bị chương trình khác dùng",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EISDIR: "đó là một thư mục, không phải tệp",
    errno.ENOTDIR: "đường dẫn có phần không phải thư mục",
    errno.EEXIST: "tệp đã có",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EINVAL: "tên tệp có ký tự không dùng được",
    errno.EIO: "ổ đĩa lỗi, hoặc USB, ổ mạng bị ngắt",
}


def os_error_text(error: OSError) -> str:
    """Why a file operation failed, in Vietnamese (the system's own text is English on many PCs)."""
    return _OS_ERRORS.get(error.errno, f"lỗi hệ thống {error.errno or ''}".strip())


FOREIGN_DATA_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, EOFError, RecursionError, MemoryError)
"""What a parser of bytes from outside (asn1crypto, pyHanko, openpyxl) raises on input it cannot read: a refusal
the clerk reads. Anything else is caught after these, logged with its traceback by :func:`log_unexpected`, and
refused too: a fault of ours must never pass as a damaged file with nothing in the log."""


def log_unexpected(what: str) -> None:
    """Log the exception being handled (call from an ``except`` block), for a parser error nobody foresaw."""
    from model.logfile import log

    log.exception("Lỗi ngoài dự kiến khi đọc %s (coi như tệp hỏng)", what)
