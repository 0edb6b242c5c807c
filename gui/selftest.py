"""``SoanBaoCao --self-test``: prove that an installed copy works, end to end, without a screen.

It creates the Qt application offscreen, finds every bundled resource through ``model.paths``, writes the
sample library to a temporary folder, opens (migrates) and checks it. It prints one ``OK`` line and exits
0, or prints what failed and exits 1. The office's own data is never touched.

Where the result goes: a windowed Windows build has no ``sys.stdout``. The result is therefore always also
written to ``selftest.log`` in the user data folder (``%APPDATA%\\SoanBaoCao``), and when the program was
started from a console window (cmd, PowerShell) it attaches to that console and writes there as well. CI
reads the log file and the exit status.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

LOG_NAME = "selftest.log"
TIMEOUT_SECONDS = 180  # a step that hangs (a dialog waiting for a click) is a failure, not a stuck installer


class SelfTestFailure(Exception):
    """One step failed; the message says what, in the clerk's IT staff's language."""


@dataclass
class Run:
    """What the steps share: a temporary folder, and the Qt application once started."""

    folder: Path
    app: object | None = None


def _start_qt(run: Run) -> str:
    """The QApplication on the offscreen platform (or the one that exists already, under pytest-qt)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication

    run.app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "SoanBaoCao"])
    return f"Qt {pyside_version} offscreen"


def _check_resources(_run: Run) -> str:
    from PySide6.QtGui import QPixmap

    from model.paths import resource_path
    from model.template import load_template

    needed = [resource_path("templates", "nq36a_quy.toml"), resource_path("icons", "app.png")]
    missing = [str(path) for path in needed if not path.is_file()]
    if missing:
        raise SelfTestFailure("thiếu tệp tài nguyên: " + ", ".join(missing))
    if QPixmap(str(resource_path("icons", "app.png"))).isNull():
        raise SelfTestFailure("không đọc được biểu tượng PNG (thiếu hỗ trợ ảnh của Qt)")
    template = load_template("nq36a_quy")
    return f"mẫu {template.key} ({len(template.fields)} trường)"


def _check_library(run: Run) -> str:
    from model.library import Library, check_library_file
    from model.sample import write_sample
    from model.storage import SCHEMA_VERSION

    path = run.folder / "mau.db"
    write_sample(path).close()
    with Library.open(path) as library:
        reports = library.reports()
        if len(reports) != 2:
            raise SelfTestFailure(f"thư viện mẫu có {len(reports)} báo cáo, cần 2")
        errors = [f"{info.period.short_text}: {problem.message}"
                  for info in reports for problem in library.check(info.id) if problem.is_error]
    if errors:
        raise SelfTestFailure("báo cáo mẫu có lỗi kiểm tra: " + "; ".join(errors))
    version = check_library_file(path)
    if version != SCHEMA_VERSION:
        raise SelfTestFailure(f"thư viện ở lược đồ {version}, cần {SCHEMA_VERSION}")
    return f"thư viện mẫu (lược đồ {version}, {len(reports)} báo cáo, 0 lỗi)"


STEPS: list[tuple[str, Callable[[Run], str]]] = [
    ("khởi động Qt", _start_qt),
    ("tài nguyên", _check_resources),
    ("thư viện", _check_library),
]


def _console_stream(failed: bool) -> TextIO | None:
    """stdout (stderr for a failure), or on a windowed Windows build the console of the program that started
    us, if any."""
    stream = sys.stderr if failed else sys.stdout
    if stream is not None:
        return stream
    if sys.platform != "win32":
        return None
    import ctypes

    attach_parent_process = -1
    if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        return None
    try:
        return open("CONOUT$", "w", encoding="utf-8")
    except OSError:
        return None


def _report(lines: list[str], *, failed: bool, console: bool = True) -> None:
    text = "\n".join(lines) + "\n"
    stream = _console_stream(failed) if console else None
    if stream is not None:
        stream.write(text)
        stream.flush()
    try:
        from model.paths import user_data_dir

        (user_data_dir() / LOG_NAME).write_text(text, encoding="utf-8")
    except OSError:
        pass  # a read-only profile must not turn a passing self-test into a failure


def _fail_after_timeout() -> None:
    _report([f"LỖI: tự kiểm tra không xong sau {TIMEOUT_SECONDS} giây (treo)."], failed=True)
    os._exit(1)


def run_self_test(version: str) -> int:
    """Run every step; report one OK line (exit status 0) or what failed (exit status 1)."""
    # Replaced by the result below; stays if Qt aborts the process (a platform plugin missing from the bundle).
    _report(["LỖI: tự kiểm tra dừng giữa chừng (chương trình bị ngắt)."], failed=True, console=False)
    started = time.perf_counter()
    watchdog = threading.Timer(TIMEOUT_SECONDS, _fail_after_timeout)
    watchdog.daemon = True
    watchdog.start()
    results: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="soanbaocao-selftest-") as tmp:
            run = Run(Path(tmp))
            for name, step in STEPS:
                try:
                    results.append(step(run))
                except SelfTestFailure as exc:
                    _report([f"LỖI tự kiểm tra, bước {name}: {exc}"], failed=True)
                    return 1
                except Exception as exc:  # any surprise in a bundle is a failed self-test, never a traceback
                    _report([f"LỖI tự kiểm tra, bước {name}: {type(exc).__name__}: {exc}"], failed=True)
                    return 1
    finally:
        watchdog.cancel()
    elapsed = time.perf_counter() - started
    _report([f"OK: Soạn báo cáo {version} tự kiểm tra đạt ({elapsed:.1f} s): " + "; ".join(results)], failed=False)
    return 0
