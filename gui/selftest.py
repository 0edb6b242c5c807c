"""``SoanBaoCao --self-test``: prove that an installed copy works, end to end, without a screen.

It creates the Qt application offscreen, finds every bundled resource through ``model.paths``, writes the
sample library to a temporary folder, opens and checks it, upgrades a copy of the library of every released
schema version (``tests/fixtures``, which ``build.spec`` bundles for this), sends the quý II report as a
``.db`` file and receives it into a new library, shows the editor on the sample,
and exports the quý II report to DOCX and PDF, checking that the PDF embeds the font the lookup chose. It
prints one ``OK`` line and exits 0, or prints what failed and exits 1. The office's own data and settings
are never touched.

Where the result goes: to stdout (stderr for a failure), and always also to ``selftest.log`` in the user data
folder (``%APPDATA%\\SoanBaoCao``), because a windowed Windows build has no stdout unless it was started from
a console window (``main.py`` then attaches to that console). CI reads the log file and the exit status.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

LOG_NAME = "selftest.log"
SCREENSHOT_NAME = "selftest.png"  # the editor as the self-test drew it: how this PC renders the Vietnamese
TIMEOUT_SECONDS = 180  # a step that hangs (a dialog waiting for a click) is a failure, not a stuck installer


class SelfTestFailure(Exception):
    """One step failed; the message says what, in the clerk's IT staff's language."""


@dataclass
class Run:
    """What the steps share: a temporary folder, and the Qt application once started."""

    folder: Path
    app: object | None = None
    qt_messages: list[str] = field(default_factory=list)


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
    from model.report.shipped import load_template

    needed = [resource_path("templates", "nq36a_quy.toml"), resource_path("icons", "app.png")]
    missing = [str(path) for path in needed if not path.is_file()]
    if missing:
        raise SelfTestFailure("thiếu tệp tài nguyên: " + ", ".join(missing))
    if QPixmap(str(resource_path("icons", "app.png"))).isNull():
        raise SelfTestFailure("không đọc được biểu tượng PNG (thiếu hỗ trợ ảnh của Qt)")
    template = load_template("nq36a_quy")
    guide = ""
    if getattr(sys, "frozen", False):  # a bundle ships the guide F1 opens (a source checkout may not have built it)
        from model.paths import user_guide_path

        if user_guide_path() is None:
            raise SelfTestFailure("gói thiếu hướng dẫn sử dụng (docs/huong-dan-su-dung.pdf)")
        guide = "; hướng dẫn sử dụng (F1)"
    return f"mẫu {template.key} ({len(template.fields)} trường){guide}"


def _check_library(run: Run) -> str:
    from model.library.library import Library
    from model.library.opening import check_library_file
    from model.library.sample import write_sample
    from model.library.storage import SCHEMA_VERSION

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


def _migrate_released_versions(run: Run) -> str:
    """Open a copy of the library of every released schema version (``tests/fixtures``, bundled by build.spec)."""
    from model.library.library import Library
    from model.library.opening import check_library_file
    from model.library.storage import SCHEMA_VERSION
    from model.paths import resource_root

    fixtures = sorted(resource_root().glob("tests/fixtures/library_v*.db"))
    if not fixtures:
        raise SelfTestFailure(f"thiếu thư viện của các lược đồ đã phát hành trong {resource_root() / 'tests'}")
    opened = []
    for fixture in fixtures:
        copy = run.folder / fixture.name
        shutil.copyfile(fixture, copy)
        old_version = check_library_file(copy)
        with Library.open(copy) as library:
            if not library.reports():
                raise SelfTestFailure(f"{fixture.name}: không còn báo cáo nào sau khi mở")
        if check_library_file(copy) != SCHEMA_VERSION:
            raise SelfTestFailure(f"{fixture.name}: không nâng cấp được lên lược đồ {SCHEMA_VERSION}")
        opened.append(f"{old_version}→{SCHEMA_VERSION}" if old_version < SCHEMA_VERSION else str(old_version))
    return "mở thư viện lược đồ " + ", ".join(opened)


def _exchange_files(run: Run) -> str:
    """The quý II report sent as a .db file and received into a new library, every figure intact."""
    from model.exchange.dbexport import export_reports
    from model.exchange.dbimport import import_files
    from model.library.library import Library

    sent, received = run.folder / "gui-di.db", run.folder / "nhan.db"
    with Library.open(run.folder / "mau.db") as library:
        report_id = library.find_report("2018-Q2").id
        values = library.values(report_id)
        export_reports(library, [report_id], sent)
    with Library.create(received) as library:
        result = import_files(library, [sent])
        if result.any_refused or result.written != 1:
            raise SelfTestFailure("nhập tệp .db: " + " ".join(line for f in result.files for line in f.lines()))
        if library.values(report_id) != values:
            raise SelfTestFailure("báo cáo nhận được khác báo cáo đã gửi")
    return f"gửi và nhận tệp .db ({len(values)} trường khớp)"


def _server_driver(_run: Run) -> str:
    """The PostgreSQL driver of a server library is in the bundle and loads its libpq (no server needed)."""
    from model.server.connection import ServerAddress, make_server_engine

    engine = make_server_engine(ServerAddress.parse("postgresql://kiemtra@localhost/kiemtra"))
    try:
        import psycopg

        if engine.dialect.dbapi is not psycopg or psycopg.pq.version() < 100000:
            raise SelfTestFailure("trình điều khiển PostgreSQL (psycopg) không nạp được")
        return f"trình điều khiển máy chủ (psycopg {psycopg.__version__}, {psycopg.pq.__impl__})"
    finally:
        engine.dispose()


class _RefuseDialogs:
    """Stands in for ``gui.dialogs.modal.Dialogs``: a dialog would wait for a click nobody makes, so any dialog the
    editor opens during the self-test is a failure that quotes it."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        def refuse(*args: object, **_kwargs: object) -> None:
            raise SelfTestFailure(f"trình soạn mở hộp thoại ({name}): " + " — ".join(map(str, args[:2])))

        return refuse


def _open_editor(run: Run) -> str:
    """The main window on the sample library, shown offscreen, with the quý II draft checked in the form."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

    # Settings in the temporary folder: the self-test must not add itself to the clerk's recent libraries.
    window = MainWindow(QSettings(str(run.folder / "cai-dat.ini"), QSettings.Format.IniFormat))
    window.dialogs = _RefuseDialogs()
    try:
        window.open_library(run.folder / "mau.db")
        window.resize(1100, 720)
        window.show()
        QApplication.processEvents()
        if window.report_info is None or str(window.report_info.period) != "2018-Q2":
            raise SelfTestFailure("trình soạn không hiện báo cáo quý II/2018 của thư viện mẫu")
        if any(problem.is_error for problem in window.problems):
            raise SelfTestFailure(f"trình soạn báo lỗi trên báo cáo mẫu: {window.problem_count.text()}")
        shot = window.grab()
        if shot.isNull() or shot.width() < 200:
            raise SelfTestFailure("không vẽ được cửa sổ chính")
        _save_beside_log(shot, SCREENSHOT_NAME)
        return f"trình soạn {shot.width()}×{shot.height()} ({window.problem_count.text()})"
    finally:
        window.close()
        window.deleteLater()


def _export_documents(run: Run) -> str:
    """DOCX and PDF of the quý II report; every font in the PDF is an embedded face of the one the lookup chose."""
    from docx import Document
    from reportlab.pdfbase import pdfmetrics

    from export.document.fonts import BUNDLED_FILES, FACE_NAMES, registered_fonts
    from export.document.service import export_report
    from model.library.library import Library
    from model.paths import resource_path

    missing = [name for name in BUNDLED_FILES.values() if not resource_path("fonts", name).is_file()]
    if missing:  # Times New Roman may be there today; the fallback must be there for the PC that lacks it
        raise SelfTestFailure("thiếu phông kèm theo: " + ", ".join(missing))
    docx_path, pdf_path = run.folder / "bao-cao.docx", run.folder / "bao-cao.pdf"
    with Library.open(run.folder / "mau.db") as library:
        report_id = library.find_report("2018-Q2").id
        export_report(library, report_id, docx_path)
        export_report(library, report_id, pdf_path)
    text = "\n".join(paragraph.text for paragraph in Document(str(docx_path)).paragraphs)
    if "Ủy ban nhân dân tỉnh Kiên Giang báo cáo" not in text:
        raise SelfTestFailure("tệp DOCX không có nội dung báo cáo mẫu")
    fonts = registered_fonts()
    chosen = {pdfmetrics.getFont(face_name).face.name for face_name in FACE_NAMES.values()}
    pdf = pdf_path.read_bytes()
    used = re.findall(rb"/BaseFont\s*/([^\s/<>\[\]()]+)", pdf)
    embedded = {name.split(b"+", 1)[1] for name in used if re.match(rb"[A-Z]{6}\+", name)}
    if not pdf.startswith(b"%PDF-") or not used:
        raise SelfTestFailure("tệp PDF hỏng")
    if len(embedded) != len(used) or not embedded <= chosen or pdf.count(b"/FontFile2") < len(used):
        names = ", ".join(name.decode(errors="replace") for name in used)
        raise SelfTestFailure(f"PDF dùng phông không nhúng hoặc khác {fonts.describe()}: {names}")
    if pdfmetrics.getFont(FACE_NAMES["regular"]).face.name not in embedded:
        raise SelfTestFailure(f"PDF không nhúng phông thường của {fonts.describe()}")
    kb = (docx_path.stat().st_size + 1023) // 1024, (pdf_path.stat().st_size + 1023) // 1024
    return f"DOCX {kb[0]} KB, PDF {kb[1]} KB, phông {fonts.family_name} ({fonts.source}), nhúng {len(embedded)} kiểu"


def _sign_and_verify(run: Run) -> str:
    """Sign the exported PDF with a throw-away certificate and verify it: pyHanko, cryptography, python-pkcs11
    and what they import (ssl, Pillow) are in the bundle and work."""
    from datetime import UTC, datetime, timedelta

    import pkcs11  # noqa: F401 (the token support is bundled)
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    from export.signing.certificates import load_pkcs12
    from export.signing.sign import SIGNER, sign_pdf
    from export.signing.verify import verify_pdf

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Tự kiểm tra")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(hours=1))
            .not_valid_after(now + timedelta(hours=1)).sign(key, hashes.SHA256()))
    password = os.urandom(8).hex()
    p12 = run.folder / "tu-kiem-tra.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"tu-kiem-tra", key, cert, None, serialization.BestAvailableEncryption(password.encode())))
    trust = run.folder / "tu-kiem-tra.pem"
    trust.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signed = sign_pdf(run.folder / "bao-cao.pdf", run.folder / "bao-cao-da-ky.pdf", SIGNER,
                      load_pkcs12(p12, password))
    checks = verify_pdf(signed, trust)
    if [check.ok for check in checks] != [True]:
        raise SelfTestFailure("chữ ký số vừa ký không kiểm tra được")
    return "ký số PAdES và kiểm tra chữ ký"


STEPS: list[tuple[str, Callable[[Run], str]]] = [
    ("khởi động Qt", _start_qt),
    ("tài nguyên", _check_resources),
    ("thư viện", _check_library),
    ("nâng cấp thư viện cũ", _migrate_released_versions),
    ("trao đổi tệp", _exchange_files),
    ("máy chủ", _server_driver),
    ("trình soạn", _open_editor),
    ("xuất văn bản", _export_documents),
    ("ký số", _sign_and_verify),
]


def _report(lines: list[str], *, failed: bool, console: bool = True, details: str = "") -> None:
    """``lines`` to the console (when there is one) and to the log file; ``details`` to the log file only."""
    text = "\n".join(lines) + "\n"
    stream = (sys.stderr if failed else sys.stdout) if console else None
    if stream is not None:
        stream.write(text)
        stream.flush()
    try:
        from model.paths import user_data_dir

        (user_data_dir() / LOG_NAME).write_text(text + details, encoding="utf-8")
    except OSError:
        pass  # a read-only profile must not turn a passing self-test into a failure


def _save_beside_log(pixmap: object, name: str) -> None:
    """Best effort: only a picture for whoever supports the office (``QPixmap.save`` reports by returning)."""
    from model.paths import user_data_dir

    with contextlib.suppress(OSError):
        pixmap.save(str(user_data_dir() / name))


def _fail_after_timeout() -> None:
    _report([f"LỖI: tự kiểm tra không xong sau {TIMEOUT_SECONDS} giây (treo)."], failed=True)
    os._exit(1)


def _collect_qt_messages(run: Run) -> object:
    """Keep Qt's warnings out of the console (they go with a failure report). A fatal one (no platform
    plugin in the bundle) is reported at once: Qt ends the process right after."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        run.qt_messages.append(message)
        if kind == QtMsgType.QtFatalMsg:
            _report([f"LỖI tự kiểm tra: Qt dừng chương trình: {message}"], failed=True)

    return qInstallMessageHandler(handler)


def _restore_qt_messages(previous: object) -> None:
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(previous)


def run_self_test(version: str) -> int:
    """Run every step; report one OK line (exit status 0) or what failed (exit status 1)."""
    # Replaced by the result below; stays if Qt aborts the process (a platform plugin missing from the bundle).
    _report(["LỖI: tự kiểm tra dừng giữa chừng (chương trình bị ngắt)."], failed=True, console=False)
    started = time.perf_counter()
    watchdog = threading.Timer(TIMEOUT_SECONDS, _fail_after_timeout)
    watchdog.daemon = True
    watchdog.start()
    results: list[str] = []
    with tempfile.TemporaryDirectory(prefix="soanbaocao-selftest-") as tmp:
        run = Run(Path(tmp))
        previous_handler = _collect_qt_messages(run)
        try:
            for name, step in STEPS:
                try:
                    results.append(step(run))
                except Exception as exc:  # any surprise in a bundle is a failed self-test, never a traceback
                    reason = str(exc) if isinstance(exc, SelfTestFailure) else f"{type(exc).__name__}: {exc}"
                    # For whoever supports the office: where it failed, in the log file only.
                    details = "" if isinstance(exc, SelfTestFailure) else "".join(traceback.format_exception(exc))
                    _report([f"LỖI tự kiểm tra, bước {name}: {reason}",
                             *(f"  Qt: {message}" for message in run.qt_messages)], failed=True, details=details)
                    return 1
        finally:
            watchdog.cancel()
            _restore_qt_messages(previous_handler)
    elapsed = time.perf_counter() - started
    _report([f"OK: Soạn báo cáo {version} tự kiểm tra đạt ({elapsed:.1f} s): " + "; ".join(results)], failed=False)
    return 0
