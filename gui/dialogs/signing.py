"""The signing and verifying dialogs (imported when the clerk first uses Tệp → Ký số… or Kiểm tra chữ ký số…),
over ``export.signing.sign`` and ``export.signing.verify``, the same services as the ``sign`` and ``verify`` commands.

The password or PIN is typed in a password field, handed to the service once and cleared; it is never saved.
The dialogs remember the key file, token library and label, images and trust folder (not secrets).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.support.settings import LAST_EXPORTED_PDF, remembered_folder

PDF_FILTER = "Văn bản PDF (*.pdf)"
IMAGE_FILTER = "Ảnh PNG, JPEG (*.png *.jpg *.jpeg)"
KEY_FILTER = "Chứng thư số (*.p12 *.pfx)"
LIBRARY_FILTER = "Thư viện PKCS#11 (*.dll *.so *.dylib);;Mọi tệp (*)"
ROLES = (("signer", "Người có thẩm quyền ký (ký trước)"), ("organization", "Cơ quan, tổ chức ký (con dấu, ký sau)"))


def signed_name(source: Path, role: str) -> Path:
    """``BC-154-UBND-2018-Q2-da-ky.pdf`` for the signer; the organisation's copy ends ``-co-dau``."""
    stem = source.stem.removesuffix("-da-ky")
    return source.with_name(f"{stem}-{'da-ky' if role == 'signer' else 'co-dau'}.pdf")


class _PathRow(QWidget):
    """A path field with a “Chọn…” button opening a file dialog."""

    def __init__(self, name: str, title: str, name_filter: str, *, save: bool = False, folder: bool = False,
                 start: Callable[[], Path] = Path.home) -> None:
        super().__init__()
        self.edit = QLineEdit(objectName=name)
        button = QPushButton("Chọn…", objectName=f"{name}_chon")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(button)
        self.title, self.name_filter, self.save, self.folder, self.start = title, name_filter, save, folder, start
        button.clicked.connect(self.choose)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None

    def set_path(self, path: Path | str | None) -> None:
        self.edit.setText(str(path) if path else "")

    def choose(self) -> None:
        current = self.path()
        start = str(current) if current else str(self.start())
        if self.folder:
            chosen = QFileDialog.getExistingDirectory(self, self.title, start)
        elif self.save:
            chosen, _ = QFileDialog.getSaveFileName(self, self.title, start, self.name_filter)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, self.title, start, self.name_filter)
        if chosen:
            self.set_path(chosen)


def _error_label(name: str) -> QLabel:
    label = QLabel(objectName=name)
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


class SignDialog(QDialog):
    """Choose the PDF, the role, a .p12 file or a token, the image; type the password or PIN; sign."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None,
                 confirm: Callable[[str, str, str, str], bool] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ký số văn bản")
        self.setMinimumWidth(560)
        self.settings = settings
        self.signed: Path | None = None
        if confirm is None:
            from gui.dialogs.modal import Dialogs

            confirm = Dialogs(self).confirm
        self.confirm = confirm

        def folder() -> Path:
            return remembered_folder(settings, "export/folder")

        self.source = _PathRow("tep_can_ky", "Chọn văn bản PDF cần ký", PDF_FILTER, start=folder)
        self.target = _PathRow("tep_da_ky", "Lưu văn bản đã ký", PDF_FILTER, save=True, start=folder)
        self.role = QComboBox(objectName="vai_tro")
        for _key, label in ROLES:
            self.role.addItem(label)
        self.use_file = QRadioButton("Tệp chứng thư số (.p12, .pfx)", objectName="dung_tep")
        self.use_token = QRadioButton("Thiết bị ký số (USB token)", objectName="dung_token")
        self.key_file = _PathRow("tep_chung_thu", "Chọn tệp chứng thư số", KEY_FILTER)
        self.token_library = _PathRow("thu_vien_token", "Chọn thư viện PKCS#11 của token", LIBRARY_FILTER)
        self.token_label = QLineEdit(objectName="ten_token")
        self.image = _PathRow("anh_chu_ky", "Chọn ảnh chữ ký hoặc con dấu", IMAGE_FILTER)
        self.image.edit.setPlaceholderText("không bắt buộc: không có ảnh thì ghi tên, chức vụ, thời gian ký")
        self.secret = QLineEdit(objectName="mat_khau")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText("không được lưu lại")
        self.message = _error_label("loi_ky_so")
        self.busy = QLabel("Đang ký số… (lần ký đầu tiên có thể mất vài giây)", objectName="dang_ky_so")
        self.busy.hide()

        form = QFormLayout()
        form.addRow("Văn bản &PDF:", self.source)
        form.addRow("&Lưu bản đã ký:", self.target)
        form.addRow("&Vai trò:", self.role)
        form.addRow("Khóa ký:", self.use_file)
        form.addRow("", self.key_file)
        form.addRow("", self.use_token)
        form.addRow("Thư viện token:", self.token_library)
        form.addRow("Tên token:", self.token_label)
        form.addRow("Ả&nh:", self.image)
        form.addRow("&Mật khẩu / PIN:", self.secret)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Ký số")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(buttons)

        self._restore()
        self.use_file.toggled.connect(self._update_key_rows)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.source.edit.textChanged.connect(lambda _text: self._suggest_target())
        self._update_key_rows()

    # ------------------------------------------------------------------ state
    def role_key(self) -> str:
        return ROLES[self.role.currentIndex()][0]

    def _restore(self) -> None:
        value = self.settings.value
        self.key_file.set_path(value("ky_so/p12", ""))
        self.token_library.set_path(value("ky_so/thu_vien_token", ""))
        self.token_label.setText(str(value("ky_so/ten_token", "")))
        (self.use_token if value("ky_so/dung_token", "0") == "1" else self.use_file).setChecked(True)
        last = value(LAST_EXPORTED_PDF, "")
        if last and Path(last).is_file():
            self.source.set_path(last)
        self._role_changed()

    def _remember(self) -> None:
        settings = self.settings
        settings.setValue("ky_so/p12", self.key_file.edit.text().strip())
        settings.setValue("ky_so/thu_vien_token", self.token_library.edit.text().strip())
        settings.setValue("ky_so/ten_token", self.token_label.text().strip())
        settings.setValue("ky_so/dung_token", "1" if self.use_token.isChecked() else "0")
        settings.setValue(f"ky_so/anh_{self.role_key()}", self.image.edit.text().strip())

    def _update_key_rows(self) -> None:
        by_file = self.use_file.isChecked()
        self.key_file.setEnabled(by_file)
        self.token_library.setEnabled(not by_file)
        self.token_label.setEnabled(not by_file)

    def _role_changed(self) -> None:
        self.image.set_path(self.settings.value(f"ky_so/anh_{self.role_key()}", ""))
        self._suggest_target()

    def _suggest_target(self) -> None:
        source = self.source.path()
        if source is not None and source.suffix.lower() == ".pdf":
            self.target.set_path(signed_name(source, self.role_key()))

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # ------------------------------------------------------------------ signing
    def accept(self) -> None:
        from export.signing.certificates import SigningError

        secret = self.secret.text()
        self.secret.clear()
        source, target = self.source.path(), self.target.path()
        if source is None or target is None:
            self.show_error("Hãy chọn văn bản PDF cần ký và nơi lưu bản đã ký.")
            return
        if target.exists() and target.resolve() != source.resolve() and not self.confirm(
                "Tệp đã có", f"Đã có tệp “{target.name}” trong thư mục:\n{target.parent}\nGhi đè bằng bản ký mới?",
                "Ghi đè", "Hủy"):
            self.show_error("Chưa ký: hãy chọn tên khác cho bản đã ký (tệp có sẵn được giữ nguyên).")
            return
        self._set_busy(True)
        try:
            self.signed = self._sign(source, target, secret)
        except SigningError as exc:
            self.show_error(str(exc))
            return
        finally:
            self._set_busy(False)
        self._remember()
        super().accept()

    def _set_busy(self, busy: bool) -> None:
        """While the key signs (seconds the first time: pyHanko loads, a token is slow) the dialog says so, its
        buttons are disabled and the cursor waits; shown before the work starts."""
        self.busy.setVisible(busy)
        self.buttons.setEnabled(not busy)
        if busy:
            self.message.hide()
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            QApplication.processEvents()  # paint the label now: the signing blocks this thread
        else:
            QGuiApplication.restoreOverrideCursor()

    def _sign(self, source: Path, target: Path, secret: str) -> Path:
        from export.signing.certificates import SigningError, load_pkcs12, open_token
        from export.signing.sign import check_can_sign, sign_pdf

        image = self.image.path()
        check_can_sign(source, target, self.role_key(), image)  # before the key file or token is opened
        if self.use_file.isChecked():
            key_file = self.key_file.path()
            if key_file is None:
                raise SigningError("Hãy chọn tệp chứng thư số (.p12, .pfx).")
            return sign_pdf(source, target, self.role_key(), load_pkcs12(key_file, secret), image=image)
        library, label = self.token_library.path(), self.token_label.text().strip()
        if library is None or not label:
            raise SigningError("Hãy chọn thư viện PKCS#11 của token và ghi tên token.")
        with open_token(library, label, secret) as signer:
            return sign_pdf(source, target, self.role_key(), signer, image=image)


class VerifyDialog(QDialog):
    """Choose a PDF (and the office's trust folder) and list its signatures."""

    HEADERS = ("Người ký", "Tổ chức cấp chứng thư", "Thời điểm ký", "Văn bản", "Chứng thư số")

    def __init__(self, settings: QSettings, parent: QWidget | None = None, pdf: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Kiểm tra chữ ký số")
        self.resize(820, 360)
        self.settings = settings
        self.pdf = _PathRow("tep_kiem_tra", "Chọn văn bản PDF đã ký", PDF_FILTER,
                            start=lambda: remembered_folder(settings, "export/folder"))
        self.pdf.set_path(pdf)
        self.trust = _PathRow("thu_muc_tin_cay", "Chọn thư mục chứng thư gốc tin cậy", "", folder=True)
        from export.signing.verify import trust_store

        self.trust.set_path(settings.value("ky_so/thu_muc_tin_cay", "") or trust_store(None))
        self.trust.edit.setPlaceholderText("thư mục chứng thư gốc (CA) cơ quan tin cậy")
        check = QPushButton("&Kiểm tra", objectName="kiem_tra")
        check.clicked.connect(self.check)
        self.table = QTableWidget(0, len(self.HEADERS), objectName="danh_sach_chu_ky")
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the CA's long name wraps
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary = QLabel(objectName="ket_qua")
        self.summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Văn bản &PDF:", self.pdf)
        form.addRow("&Tin cậy:", self.trust)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(close)
        if pdf is not None:
            self.check()

    def check(self) -> None:
        from export.signing.certificates import SigningError
        from export.signing.verify import verify_pdf

        self.table.setRowCount(0)
        pdf, trust = self.pdf.path(), self.trust.path()
        if pdf is None:
            self._say("Hãy chọn văn bản PDF cần kiểm tra.", good=False)
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            checks = verify_pdf(pdf, trust)
        except SigningError as exc:
            self._say(str(exc), good=False)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.settings.setValue("ky_so/thu_muc_tin_cay", str(trust) if trust else "")
        for check in checks:
            row = self.table.rowCount()
            self.table.insertRow(row)
            texts = (check.signer, check.issuer, check.when_text, check.integrity_text, check.trust_text)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if (column == 3 and not (check.intact and not check.changed_after)) or (column == 4 and
                                                                                        not check.trusted):
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        bad = sum(not check.ok for check in checks)
        if bad:
            reasons = "; ".join(dict.fromkeys(check.failure for check in checks if not check.ok))
            self._say(f"{bad}/{len(checks)} chữ ký số KHÔNG đạt: {reasons}.", good=False)
        else:
            self._say(f"Cả {len(checks)} chữ ký số hợp lệ, văn bản nguyên vẹn.", good=True)

    def _say(self, text: str, *, good: bool) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #1b5e20;" if good else "color: #b00020;")
