"""The log file and the last-resort handler of unexpected errors.

An exception nobody caught is written to a rotating log in the user data folder and the clerk reads a
short Vietnamese message, never a traceback. Every edit was already written through, so data is safe.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from model.logfile import log, log_path, setup_logging


def unexpected_error_message(path: Path) -> str:
    return ("Đã xảy ra lỗi ngoài dự kiến. Những gì đã nhập vẫn được lưu trong thư viện.\n\n"
            f"Chi tiết đã được ghi vào tệp nhật ký:\n{path}\n"
            "Nếu lỗi lặp lại, hãy gửi tệp này cho bộ phận hỗ trợ.")


def install_excepthook(show_message: Callable[[str], None]) -> None:
    """Log every uncaught exception and show ``show_message`` a short Vietnamese text."""
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        with contextlib.suppress(OSError):
            setup_logging()  # the editor sets the log up once its window is painted: an error may come first
        log.error("Lỗi ngoài dự kiến", exc_info=(exc_type, exc, tb))
        if showing:
            return
        showing = True
        try:
            show_message(unexpected_error_message(log_path()))
        except Exception:
            log.exception("Không hiện được thông báo lỗi")
        finally:
            showing = False

    sys.excepthook = hook
