"""Vietnamese for Qt's own texts (standard buttons, context menus, the file dialog).

Qt ships no ``qtbase_vi.qm`` (PySide6 6.12's translations folder has none), so this translator answers the
strings Qt's widgets ask for. It is looked up first; a ``.qm`` found in Qt's folder is installed as well in
case a later Qt ships one. Keyboard names (Ctrl, Shift) stay as printed on the keys.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# Source text → Vietnamese, whatever the context (Qt uses these words with one meaning each).
_TEXTS: dict[str, str] = {
    # QPlatformTheme: the standard buttons of QMessageBox and QDialogButtonBox
    "OK": "Đồng ý",
    "Save": "Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Yes": "&Có",
    "Yes to &All": "Có với &tất cả",
    "&No": "&Không",
    "N&o to All": "K&hông với tất cả",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "Discard": "Bỏ thay đổi",
    "Don't Save": "Không lưu",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
    # QMessageBox
    "Show Details...": "Xem chi tiết…",
    "Hide Details...": "Ẩn chi tiết…",
    # QLineEdit, QWidgetTextControl, QAbstractSpinBox context menus
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "&Select All": "&Chọn tất cả",
    "&Step up": "&Tăng",
    "Step &down": "&Giảm",
    # QUndoGroup / QUndoStack actions
    "Undo %1": "Hoàn tác %1",
    "Redo %1": "Làm lại %1",
    "Undo": "Hoàn tác",
    "Redo": "Làm lại",
    "<empty>": "<trống>",
    # QScrollBar context menu
    "Scroll here": "Cuộn đến đây",
    "Left edge": "Mép trái",
    "Top": "Trên cùng",
    "Right edge": "Mép phải",
    "Bottom": "Dưới cùng",
    "Page left": "Sang trái một trang",
    "Page up": "Lên một trang",
    "Page right": "Sang phải một trang",
    "Page down": "Xuống một trang",
    "Scroll left": "Cuộn sang trái",
    "Scroll up": "Cuộn lên",
    "Scroll right": "Cuộn sang phải",
    "Scroll down": "Cuộn xuống",
    # QFileDialog and its file system model (Qt's own dialog; Windows' native one speaks Windows' language)
    "Look in:": "Tìm trong:",
    "File &name:": "&Tên tệp:",
    "File name:": "Tên tệp:",
    "Files of type:": "Loại tệp:",
    "Back": "Quay lại",
    "Forward": "Tiến tới",
    "Parent Directory": "Thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "List View": "Dạng danh sách",
    "Detail View": "Dạng chi tiết",
    "Sidebar": "Thanh bên",
    "All Files (*)": "Mọi tệp (*)",
    "Save As": "Lưu thành",
    "Find Directory": "Chọn thư mục",
    "&Open": "&Mở",
    "&Save": "&Lưu",
    "&Choose": "&Chọn",
    "&Rename": "Đổi &tên",
    "&Delete": "&Xóa",
    "Show &hidden files": "Hiện tệp &ẩn",
    "&New Folder": "Thư mục &mới",
    "New Folder": "Thư mục mới",
    "Directory:": "Thư mục:",
    "Directories": "Thư mục",
    "Recent Places": "Nơi gần đây",
    "Go back": "Quay lại",
    "Go forward": "Tiến tới",
    "Go to the parent directory": "Lên thư mục cha",
    "Create a New Folder": "Tạo thư mục mới",
    "Change to list view mode": "Xem dạng danh sách",
    "Change to detail view mode": "Xem dạng chi tiết",
    "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nGhi đè lên tệp đó?",
    "%1\nFile not found.\nPlease verify the correct file name was given.":
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
    "'%1' is write protected.\nDo you want to delete it anyway?": "“%1” đang được bảo vệ chống ghi.\nVẫn xóa?",
    "Are you sure you want to delete '%1'?": "Xóa “%1”?",
    "Could not delete directory.": "Không xóa được thư mục.",
    "Name": "Tên",
    "Size": "Kích thước",
    "Type": "Loại",
    "Kind": "Loại",
    "Date Modified": "Ngày sửa",
    "My Computer": "Máy tính",
    "Computer": "Máy tính",
    "Drive": "Ổ đĩa",
    "File": "Tệp",
    "File Folder": "Thư mục",
    "Folder": "Thư mục",
    "Directory": "Thư mục",
    "Shortcut": "Lối tắt",
    "Unknown": "Không rõ",
    "Invalid filename": "Tên tệp không hợp lệ",
    "Error": "Lỗi",
}


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's own strings from :data:`_TEXTS`; ``None`` lets Qt keep its English text."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return _TEXTS.get(source_text)

    def isEmpty(self) -> bool:
        return False


def install_vietnamese(app: QCoreApplication) -> list[QTranslator]:
    """Use the Vietnamese locale (month names in the calendar) and install the translators.

    Returns them: they must stay referenced as long as the application lives.
    """
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translators: list[QTranslator] = []
    shipped = QTranslator(app)
    if shipped.load(QLocale(QLocale.Language.Vietnamese), "qtbase", "_",
                    QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(shipped)
        translators.append(shipped)
    ours = VietnameseQtTranslator(app)
    app.installTranslator(ours)  # installed last = asked first
    translators.append(ours)
    return translators
