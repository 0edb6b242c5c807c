"""The editor and a library on a server: File → Kết nối máy chủ…, and edits made while the server is away.

The dialog asks where the server is and the clerk's name and password. The address (never the password) is
kept in the settings for next time; the password lives only in memory, in the open library's
:class:`~model.server.connection.ServerAddress`, and is asked again at the next start: the program never stores a
password or PIN anywhere. When the library used last was on a server, the next start opens this dialog
(:func:`server_was_last`) rather than a file the clerk did not mean.

An edit the server cannot take because it is gone (stopped, restarting, network cut) stays on screen marked
“Chưa lưu” with the reason; :class:`Reconnector` asks the server every few seconds whether it is back and then
writes those edits, each on the revision the clerk saw, so an edit someone else overtook meanwhile is refused
and the report reloaded rather than written over theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from model.report.values import Value

if TYPE_CHECKING:
    from gui.services import WindowServices
    from model.server.connection import ServerAddress

RETRY_INTERVAL_MS = 3000
"""How often the editor asks a server that went away whether it is back."""

_SETTINGS = {"host": "server/host", "port": "server/port", "database": "server/database", "user": "server/user"}


class ServerDialog(QDialog):
    """Where the server is and who signs in; the password field shows dots."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="ket_noi_may_chu")
        self.setWindowTitle("Kết nối máy chủ")
        form = QFormLayout(self)
        form.addRow(QLabel("Thư viện báo cáo dùng chung trên máy chủ PostgreSQL của cơ quan. Hỏi cán bộ công nghệ "
                           "thông tin địa chỉ máy chủ, tên cơ sở dữ liệu và tài khoản của anh/chị.", wordWrap=True))
        self.host = QLineEdit(str(settings.value(_SETTINGS["host"], "")), objectName="may_chu",
                              placeholderText="ví dụ 192.168.1.10 hoặc maychu.tinh.gov.vn")
        self.port = QSpinBox(objectName="cong", minimum=1, maximum=65535)
        self.port.setValue(int(settings.value(_SETTINGS["port"], 5432)))
        self.database = QLineEdit(str(settings.value(_SETTINGS["database"], "soanbaocao")), objectName="co_so_du_lieu")
        self.user = QLineEdit(str(settings.value(_SETTINGS["user"], "")), objectName="ten_dang_nhap")
        self.password = QLineEdit(objectName="mat_khau", echoMode=QLineEdit.EchoMode.Password)
        form.addRow("&Máy chủ:", self.host)
        form.addRow("&Cổng:", self.port)
        form.addRow("Cơ sở &dữ liệu:", self.database)
        form.addRow("&Tên đăng nhập:", self.user)
        form.addRow("Mật &khẩu:", self.password)
        form.addRow(QLabel("Mật khẩu chỉ giữ trong bộ nhớ đến khi đóng chương trình, không ghi vào máy.",
                           wordWrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Kết nối")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        (self.password if self.host.text() and self.user.text() else self.host).setFocus()
        self.resize(460, self.sizeHint().height())

    def address(self) -> ServerAddress:
        from sqlalchemy.engine import URL

        from model.server.connection import DRIVER, ServerAddress

        url = URL.create(DRIVER, username=self.user.text().strip() or None, host=self.host.text().strip() or None,
                         port=self.port.value(), database=self.database.text().strip())
        return ServerAddress(url, self.password.text() or None)

    def remember(self, settings: QSettings) -> None:
        """Keep where the server is for next time; never the password."""
        for field, key in _SETTINGS.items():
            widget = getattr(self, field)
            settings.setValue(key, widget.value() if isinstance(widget, QSpinBox) else widget.text().strip())


LAST_WAS_SERVER = "server/last_used"
"""Settings key: the library used last was on a server, so the next start asks to sign in again."""


def connect_to_server(window: WindowServices) -> bool:
    """Ask where the server is and the password, and open its library; ``False`` when the clerk gave up."""
    dialog = ServerDialog(window.settings, window)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        if not dialog.host.text().strip() or not dialog.database.text().strip():
            window.dialogs.error("Kết nối máy chủ", "Hãy ghi địa chỉ máy chủ và tên cơ sở dữ liệu.")
            continue
        if window.open_library(dialog.address()):
            dialog.remember(window.settings)
            return True
        dialog.password.selectAll()
        dialog.password.setFocus()
    return False


def connect_action(window: WindowServices) -> QAction:
    """File → Kết nối máy chủ…: open the library on a server in place of the current one."""
    return window.make_action("&Kết nối máy chủ…", lambda: connect_to_server(window), "Ctrl+Shift+K",
                              "Mở thư viện báo cáo dùng chung trên máy chủ của cơ quan", "ket_noi_may_chu")


def server_was_last(settings: QSettings) -> bool:
    return str(settings.value(LAST_WAS_SERVER, "false")).lower() == "true"



def open_server_at_start(window: WindowServices, text: str) -> None:
    """Open the server library named on the command line (its password from the address, ``PGPASSWORD`` or
    the ``pgpass`` file)."""
    from model.errors import LibraryError
    from model.server.connection import ServerAddress

    try:
        address = ServerAddress.parse(text)
    except LibraryError as exc:
        window.dialogs.error("Không mở được thư viện", str(exc))
        window.reload_reports()
        return
    if not window.open_library(address):
        window.reload_reports()


class Reconnector(QObject):
    """Edits the server could not take while it was away, written again once it answers."""

    def __init__(self, window: WindowServices) -> None:
        super().__init__(window)
        self.window = window
        self.pending: dict[tuple[str, str], tuple[Value, Value]] = {}
        """(report id, field key) → (value before, value typed)."""
        self.timer = QTimer(self, interval=RETRY_INTERVAL_MS)
        self.timer.timeout.connect(self.try_again)
        self._asking = False

    def hold(self, report_id: str, key: str, before: Value, typed: Value) -> None:
        before = self.pending.get((report_id, key), (before, typed))[0]
        self.pending[(report_id, key)] = (before, typed)
        self.timer.start()

    def forget(self, report_id: str, key: str) -> None:
        self.pending.pop((report_id, key), None)
        if not self.pending:
            self.timer.stop()

    def clear(self) -> None:
        self.pending.clear()
        self.timer.stop()

    def try_again(self) -> None:
        """Ask, off the GUI thread (a server host that does not answer takes seconds to time out), whether the
        server is back; if so write the held edits, otherwise wait for the next tick."""
        from gui.support.workers import run_in_background

        library = self.window.library
        if library is None:
            self.clear()
            return
        if self._asking:
            return
        self._asking = True
        run_in_background(lambda _progress: _answers(library), self._answered, lambda _exc: self._answered(False))

    def _answered(self, back: bool) -> None:
        from shiboken6 import isValid

        if not isValid(self):  # the window closed while the server was being asked
            return
        self._asking = False
        if not back or not self.pending or self.window.library is None:
            return
        held, self.pending = self.pending, {}
        self.timer.stop()
        for (report_id, key), (before, typed) in held.items():
            self.window.write_again(report_id, key, before, typed)
        if not self.pending:
            self.window.statusBar().showMessage("Đã kết nối lại máy chủ; các thay đổi chưa lưu đã được ghi.", 10000)


def _answers(library: Any) -> bool:
    """Whether the library's server answers now (runs on a pool thread: the engine hands it its own connection)."""
    from model.errors import LibraryError

    try:
        library.ping()
    except LibraryError:
        return False
    return True
