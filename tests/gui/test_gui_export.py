"""Exporting from the editor: where the file goes, its name, refusing a report with errors, the preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTextBrowser

from gui.support.workers import busy
from tests.gui_support import ScriptedDialogs


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(sample_path))
    qtbot.addWidget(window)
    return window


def wait_for_export(qtbot) -> None:
    qtbot.waitUntil(lambda: not busy(), timeout=60000)


def test_export_pdf_with_the_usual_name_then_offer_to_open(qtbot, window, tmp_path):
    out = tmp_path / "bao-cao.pdf"
    window.dialogs.export_answer = out
    window.exports.pdf_action.trigger()
    kind, suggested = window.dialogs.export_asked[0]
    assert (kind, suggested.name) == ("pdf", "BC-154-UBND-2018-Q2.pdf")
    wait_for_export(qtbot)
    assert out.read_bytes().startswith(b"%PDF")
    assert "Đã lưu tệp PDF" in window.dialogs.confirms[-1]
    assert window.dialogs.opened == [out]
    assert window.exports.pdf_action.isEnabled()
    window.exports.docx_action.trigger()
    assert window.dialogs.export_asked[1][0] == "docx"
    assert window.dialogs.export_asked[1][1] == tmp_path / "BC-154-UBND-2018-Q2.docx"  # the folder used last


def test_export_docx(qtbot, window, tmp_path):
    out = tmp_path / "bao-cao.docx"
    window.dialogs.export_answer = out
    window.dialogs.confirm_answer = False  # do not open it
    window.exports.docx_action.trigger()
    wait_for_export(qtbot)
    assert out.read_bytes().startswith(b"PK")
    assert window.dialogs.opened == []


def test_report_with_errors_is_exported_only_when_the_clerk_insists(qtbot, window, tmp_path):
    level3 = window.findChild(QLineEdit, "dvc_muc_3")
    level3.setFocus()
    level3.selectAll()
    qtbot.keyClicks(level3, "700")
    qtbot.keyClick(level3, Qt.Key.Key_Return)
    out = tmp_path / "co-loi.pdf"
    window.dialogs.export_answer = out
    window.dialogs.confirm_answer = False
    window.exports.pdf_action.trigger()
    assert "còn 1 lỗi" in window.dialogs.confirms[-1]
    assert window.dialogs.export_asked == [] and not out.exists()
    window.dialogs.confirm_answer = True
    window.exports.pdf_action.trigger()
    wait_for_export(qtbot)
    assert out.read_bytes().startswith(b"%PDF")


def test_export_failure_is_told_and_leaves_nothing(qtbot, window, tmp_path):
    window.dialogs.export_answer = tmp_path / "khong-co-thu-muc" / "x.pdf"
    window.exports.pdf_action.trigger()
    wait_for_export(qtbot)
    assert "Không có thư mục" in window.dialogs.errors[-1][1]
    assert not (tmp_path / "khong-co-thu-muc").exists()
    assert window.exports.pdf_action.isEnabled()


def test_print_preview_opens_the_pdf(qtbot, window):
    from model.paths import user_data_dir

    window.exports.print_action.trigger()
    wait_for_export(qtbot)
    (opened,) = window.dialogs.opened
    assert opened.name == "BC-154-UBND-2018-Q2.pdf" and opened.is_relative_to(user_data_dir())
    assert opened.read_bytes().startswith(b"%PDF")


def test_preview_shows_the_document_and_follows_edits_on_demand(qtbot, window):
    window.preview_action.trigger()
    preview = window.findChild(QTextBrowser, "xem_truoc")
    assert preview is not None and preview.isVisible()
    text = preview.toPlainText()
    for expected in ("BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 154/BC-UBND",
                     "đã triển khai cung cấp 1.972 dịch vụ công trực tuyến", "Mai Văn Huỳnh", "Nơi nhận:"):
        assert expected in text, expected
    window.tabs.setCurrentIndex(0)
    total = window.findChild(QLineEdit, "dvc_tong")
    total.setFocus()
    total.selectAll()
    qtbot.keyClicks(total, "2000")
    window.preview_action.trigger()
    assert "cung cấp 2.000 dịch vụ" in preview.toPlainText()
    q1 = window.library.find_report("2018-Q1").id
    window.library_pane.tree.setCurrentItem(window.library_pane.item_of(q1))
    assert "Số: 62/BC-UBND" in preview.toPlainText()


def test_preview_escapes_markup_typed_by_the_clerk(window):
    from export.document.builder import build_document
    from gui.panes.preview import document_html

    window.library.set_values(window.report_id, {"qlvb_tinh_hinh": "A <b>đậm</b> & B"})
    html = document_html(build_document(window.library, window.report_id))
    assert "A &lt;b&gt;đậm&lt;/b&gt; &amp; B" in html


def test_a_pdf_without_times_new_roman_says_so_in_the_dialog(qtbot, window, tmp_path, monkeypatch):
    from export.document import fonts

    monkeypatch.delenv("WINDIR", raising=False)
    monkeypatch.delenv("SYSTEMROOT", raising=False)
    fonts.registered_fonts.cache_clear()
    window.dialogs.export_answer = tmp_path / "bao-cao.pdf"
    window.dialogs.confirm_answer = False
    window.exports.pdf_action.trigger()
    wait_for_export(qtbot)
    assert "Lưu ý: Máy này không có phông Times New Roman" in window.dialogs.confirms[-1]
    assert "Liberation Serif" in window.dialogs.confirms[-1]
    fonts.registered_fonts.cache_clear()
