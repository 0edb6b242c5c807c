"""Save PNGs of the editor as a clerk sees it, offscreen at 1366×768 (the offices' usual screen).

    python tools/gui_screenshots.py [OUT_DIR]        (default: ./screenshots)

Shots: the main window on the sample's quý II report; the same form with problems (wrong figures,
letters in a figure, a signer in capitals); the figures section; an issued report; the new-report
dialog; a confirmation box. Look at every one before landing a change to the editor.
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
    from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

    from gui.app import start_editor
    from gui.dialogs.report import NewReportDialog
    from model.library.sample import write_sample
    from model.vietnamese.period import Period

    out_dir.mkdir(parents=True, exist_ok=True)
    sample = Path(os.environ["SOANBAOCAO_DATA_DIR"]) / "mau.db"
    write_sample(sample).close()
    window = start_editor(str(sample))
    window.resize(*SIZE)
    app = QApplication.instance()

    def shot(name: str, widget=window) -> None:
        app.processEvents()
        path = out_dir / f"{name}.png"
        widget.grab().save(str(path))
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
                             Period(2018, 3), window._previous_label, window)
    dialog.adjustSize()
    shot("5-hop-thoai-bao-cao-moi", dialog)
    box = QMessageBox(QMessageBox.Icon.Question, "Xóa báo cáo", "Xóa hẳn báo cáo quý II năm 2018?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, window)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    shot("6-hop-xac-nhan", box)
    box.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots")))
