"""A library on a PostgreSQL server: its address, the connection, and what its errors mean to a clerk.

The tables are the same SQLAlchemy model as a library file's. What only a file has is replaced, not
copied: the file's ``application_id``/``user_version`` stamp by the table ``soanbaocao_library``, the
backup copy before a migration by PostgreSQL's transactional DDL (a failed step rolls back whole), the
quick ``sqlite3`` read by the ordinary ORM read. psycopg is imported by SQLAlchemy when the first server
engine is made, never at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError

from model.errors import LibraryError, ServerUnavailable

DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT = 5
"""Seconds a connection attempt waits for the server before the clerk is told it cannot be reached."""

ISSUED_SQLSTATE = "SB001"
"""Raised by the server's trigger on an edit of an issued report (model.server.security)."""
DELETE_ISSUED_SQLSTATE = "SB002"
"""Raised when a clerk deletes an issued report."""
REISSUE_SQLSTATE = "SB003"
"""Raised when a report reopened in a transaction is issued again in the same transaction."""
MOVE_OFFICE_SQLSTATE = "SB004"
"""Raised when a clerk moves an office under one they were not granted."""

_REFUSALS = {
    ISSUED_SQLSTATE: "Báo cáo đã ban hành nên chỉ xem được; mở lại báo cáo trước khi sửa.",
    DELETE_ISSUED_SQLSTATE: "Báo cáo đã ban hành không xóa được trên máy chủ: chỉ quản trị viên (tài khoản đã chạy "
                            "server-init) xóa được báo cáo đã ban hành.",
    REISSUE_SQLSTATE: "Báo cáo vừa được mở lại trong cùng giao dịch này nên chưa ban hành lại được: việc mở lại phải "
                      "được lưu riêng trước (máy chủ ghi lại ai mở lại, lúc nào).",
    MOVE_OFFICE_SQLSTATE: "Chỉ quản trị viên chuyển được cơ quan sang dưới một cơ quan mà tài khoản này không được "
                          "cấp quyền.",
}
_RLS_REFUSALS = {
    "organizations": "Tài khoản “{user}” chỉ thêm được cơ quan trực thuộc cơ quan mình được cấp quyền; cơ quan khác "
                     "do quản trị viên (tài khoản đã chạy server-init) thêm.",
    "templates": "Trên máy chủ chỉ quản trị viên (tài khoản đã chạy server-init) thêm được mẫu báo cáo dùng cho báo "
                 "cáo mới; tài khoản “{user}” chỉ đọc các mẫu.",
}



@dataclass(frozen=True)
class ServerAddress:
    """Where a server library is. The password stays in memory only (never in settings nor in messages)."""

    url: URL
    password: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def parse(cls, text: str, password: str | None = None) -> ServerAddress:
        try:
            url = make_url(text.strip())
        except ArgumentError:
            raise LibraryError(f"Địa chỉ máy chủ “{text}” không đúng dạng postgresql://tên@máy/cơ_sở_dữ_liệu.") \
                from None
        if url.get_backend_name() not in ("postgresql", "postgres") or not url.database:
            raise LibraryError(f"Địa chỉ máy chủ “{text}” không đúng dạng postgresql://tên@máy/cơ_sở_dữ_liệu.")
        if url.password is not None and password is None:
            password = str(url.password)
        return cls(url.set(drivername=DRIVER, password=None), password)

    @property
    def user(self) -> str:
        return self.url.username or ""

    @property
    def host(self) -> str:
        return self.url.host or str(self.url.query.get("host", "")) or "máy này"

    @property
    def display(self) -> str:
        """``user@host/database`` for titles and messages (never the password)."""
        user = f"{self.url.username}@" if self.url.username else ""
        port = f":{self.url.port}" if self.url.port else ""
        return f"{user}{self.host}{port}/{self.url.database}"

    @property
    def name(self) -> str:
        """What messages call the library (a file's name for a file)."""
        return self.display

    @property
    def typed(self) -> str:
        """The address as a clerk types it, without the password (for the recent-libraries list)."""
        return self.url.set(drivername="postgresql").render_as_string(hide_password=True)


def _server_error_message(address: ServerAddress, error: BaseException) -> tuple[str, bool] | None:
    """(What a server error means to a clerk, whether the server is unreachable), or ``None`` for a fault of
    ours. psycopg's errors carry the SQLSTATE; a lost connection has none or class 08."""
    state = getattr(error, "sqlstate", None) or ""
    text = str(error)
    if state in _REFUSALS:
        return _REFUSALS[state], False
    if state == "28P01" or "password authentication failed" in text:
        return f"Máy chủ {address.host} không nhận tên đăng nhập “{address.user}” với mật khẩu này.", False
    if state == "28000" or "no password supplied" in text:
        return (f"Máy chủ {address.host} cần mật khẩu của “{address.user}” (hoặc không cho tài khoản này vào "
                "cơ sở dữ liệu).", False)
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return f"Máy chủ {address.host} không có cơ sở dữ liệu “{address.url.database}”.", False
    if "role" in text and "does not exist" in text:
        return f"Máy chủ {address.host} không có tài khoản “{address.user}”.", False
    for table, message in _RLS_REFUSALS.items():
        if state == "42501" and (f'policy for table "{table}"' in text or f"denied for table {table}" in text):
            return message.format(user=address.user), False
    if state == "42501":
        return (f"Tài khoản “{address.user}” không có quyền với dữ liệu này trên máy chủ (báo cáo của cơ quan "
                "khác, hoặc chưa được cấp quyền).", False)
    if state in ("40001", "40P01"):
        return "Máy chủ đang bận với thay đổi khác trên cùng báo cáo; hãy thử lại.", False
    lost = state.startswith("08") or state in ("57P01", "57P02", "57P03") or (
        not state and type(error).__name__ in ("OperationalError", "InterfaceError"))
    if lost:
        return (f"Không kết nối được tới máy chủ {address.host}: máy chủ tắt, đang khởi động lại hoặc mạng bị "
                "ngắt.", True)
    return None


def make_server_engine(address: ServerAddress) -> Engine:
    """An engine on the server library; errors a clerk can put right raise :class:`LibraryError`
    (:class:`ServerUnavailable` when the server cannot be reached). A connection broken while the server
    was away is noticed when it is next taken from the pool and replaced (``pool_pre_ping``)."""
    connect_args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT, "application_name": "Soan bao cao"}
    if address.password is not None:
        connect_args["password"] = address.password
    engine = create_engine(address.url, pool_pre_ping=True, pool_size=2, max_overflow=4,
                           connect_args=connect_args)

    def explain(context: ExceptionContext) -> None:
        meaning = _server_error_message(address, context.original_exception)
        if meaning is not None:
            message, unreachable = meaning
            error = ServerUnavailable(message) if unreachable else LibraryError(message)
            raise error from context.original_exception

    event.listen(engine, "handle_error", explain)
    return engine
