"""Tệp → Ký số… and Tệp → Kiểm tra chữ ký số…: the File menu's signing actions. The dialogs
(``gui.dialogs.signing``) and the signing libraries are imported when the clerk first uses one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from gui.services import WindowServices


class SigningController(QObject):
    """The File menu's signing actions of a main window."""

    def __init__(self, window: WindowServices) -> None:
        super().__init__(window)
        self.window = window
        self.sign_action = window.make_action("&Ký số…", self.sign, None,
                                              "Ký số văn bản PDF đã xuất (người ký, rồi cơ quan)", "ky_so")
        self.verify_action = window.make_action("Kiểm tra chữ &ký số…", self.verify, None,
                                                "Xem các chữ ký số của một văn bản PDF nhận được", "kiem_tra_ky_so")

    @property
    def actions(self) -> list[QAction]:
        return [self.sign_action, self.verify_action]

    def sign(self) -> None:
        from gui.dialogs.signing import SignDialog, VerifyDialog

        dialog = SignDialog(self.window.settings, self.window, self.window.dialogs.confirm)
        dialog.exec()
        if dialog.signed is None:  # set only when the signing succeeded
            return
        if self.window.dialogs.offer("Đã ký số", f"Đã lưu văn bản đã ký “{dialog.signed.name}” vào thư mục:\n"
                                       f"{dialog.signed.parent}", "Kiểm tra chữ ký", "Đóng"):
            VerifyDialog(self.window.settings, self.window, dialog.signed).exec()

    def verify(self) -> None:
        from gui.dialogs.signing import VerifyDialog

        VerifyDialog(self.window.settings, self.window).exec()
