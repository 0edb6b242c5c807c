"""Save PNGs of the editor as a clerk sees it, offscreen at 1366×768 (the offices' usual screen).

    python tools/gui_screenshots.py [OUT_DIR]        (default: ./screenshots)

Shots: the main window on the sample's quý II report; the same form with problems (wrong figures,
letters in a figure, a signer in capitals); the figures section; an issued report; the new-report
dialog; a confirmation box; then, for the user guide (tools/build_guide.py), the File and Help menus and
the dialogs of issuing, sending, receiving (with the outcome of a real import), consolidation, the
6-month/year report, Excel forms, signing and checking a signature, and a real error message. Every picture is
the whole 1366×768 window: a dialog or a menu is drawn over it where the clerk sees it, a dialog with its
title bar. Look at every one before landing a change to the editor.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1366, 768)


def main(out_dir: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="soanbaocao-shots-") as folder:
        os.environ["SOANBAOCAO_DATA_DIR"] = folder
        return _shoot(out_dir)


def _shoot(out_dir: Path) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

    from gui.app import start_editor
    from gui.dialogs.report import NewReportDialog
    from model.library.sample import write_sample
    from model.vietnamese.period import Period

    out_dir.mkdir(parents=True, exist_ok=True)
    sample = Path(os.environ["SOANBAOCAO_DATA_DIR"]) / "mau.db"
    write_sample(sample).close()
    window = start_editor(str(sample))
    # An error must stop the run, not wait offscreen for a click on the editor's error box.
    sys.excepthook = _stop_on_error
    window.resize(*SIZE)
    app = QApplication.instance()

    def shot(name: str, popup: QWidget | None = None) -> None:
        """The window, with ``popup`` (a dialog, a message box or an open menu) drawn over it."""
        app.processEvents()
        path = out_dir / f"{name}.png"
        picture = window.grab()
        if popup is not None:
            _draw_over(picture, popup, window)
        picture.save(str(path))
        sys.stdout.write(f"{path}\n")

    shot("1-cua-so-chinh")
    window.preview_action.trigger()
    shot("1b-xem-truoc")
    window.tabs.setCurrentIndex(0)

    def type_text(key: str, text: str) -> None:
        editor = window.findChild(QLineEdit, key)
        editor.setFocus()
        editor.selectAll()
        event = QInputMethodEvent()  # how Vietnamese input methods deliver text
        event.setCommitString(text)
        QApplication.sendEvent(editor, event)
        QTest.keyClick(editor, Qt.Key.Key_Return)

    type_text("nguoi_ky_ho_ten", "MAI VĂN HUỲNH")
    type_text("dvc_muc_3", "700")
    type_text("mot_cua_tinh_dung_han", "1.400")
    type_text("htth_diem_cau", "2o")
    window.focus_field("dvc_muc_3")
    shot("2-bieu-mau-co-loi")
    window.focus_field("mot_cua_tinh_dung_han")
    shot("3-so-lieu-co-loi")
    for _ in range(4):
        window.undo_action.trigger()

    q1 = window.library.find_report("2018-Q1").id
    window.library_pane.tree.setCurrentItem(window.library_pane.item_of(q1))
    window.focus_field("nhiem_vu")
    shot("4-bao-cao-da-ban-hanh")

    dialog = NewReportDialog(window.library.organizations(), window.report_info.organization_id,
                             Period(2018, 3), window.reports._previous_label, window)
    shot("5-hop-thoai-bao-cao-moi", dialog)
    box = QMessageBox(QMessageBox.Icon.Question, "Xóa báo cáo", "Xóa hẳn báo cáo quý II năm 2018?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, window)
    shot("6-hop-xac-nhan", box)

    from tools.guide_shots import shoot_guide

    shoot_guide(window, shot, Path(os.environ["SOANBAOCAO_DATA_DIR"]))
    window.close()
    return 0


def _stop_on_error(exc_type, exc, tb) -> None:
    import traceback

    traceback.print_exception(exc_type, exc, tb)
    sys.stderr.flush()
    os._exit(1)


def _draw_over(picture, popup, window) -> None:
    """Paint ``popup`` onto the window's picture: a menu where it drops down, a dialog centred with a title bar
    (the offscreen platform draws no window frames) over the window dimmed as behind a modal dialog."""
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QPainter, QPen
    from PySide6.QtWidgets import QApplication, QMenu

    if isinstance(popup, QMenu):
        painter = QPainter(picture)
        painter.drawPixmap(window.mapFromGlobal(popup.pos()), popup.grab())
        painter.end()
        return
    # Shown (not modal: nothing may wait for a click) so that it lays its text out as on screen.
    popup.setWindowModality(Qt.WindowModality.NonModal)
    popup.show()
    popup.adjustSize()
    QApplication.processEvents()
    image = popup.grab()
    popup.close()
    painter = QPainter(picture)
    bar = 30
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
    left = (picture.width() - image.width()) // 2
    top = max(bar + 4, (picture.height() - image.height() - bar) // 2 + bar)
    frame = QRect(left - 1, top - bar - 1, image.width() + 1, image.height() + bar + 1)
    painter.fillRect(frame, QColor("#ffffff"))
    painter.fillRect(QRect(left, top - bar, image.width(), bar), QColor("#dde5ee"))
    title = QFont(popup.font())
    title.setBold(True)
    painter.setFont(title)
    painter.setPen(QColor("#1b2733"))
    painter.drawText(QRect(left + 12, top - bar, image.width() - 24, bar),
                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, popup.windowTitle())
    painter.drawPixmap(QPoint(left, top), image)
    painter.setPen(QPen(QColor("#5b6b7b"), 1))
    painter.drawRect(frame)
    painter.end()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots")))
