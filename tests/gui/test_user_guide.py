"""The user guide: built from docs/huong-dan-su-dung with screenshots of the editor, shipped in the bundle
(build.spec's datas), opened by Trợ giúp → Hướng dẫn sử dụng (F1)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from model.paths import GUIDE_NAME, user_guide_path
from tests.gui_support import ScriptedDialogs
from tests.locations import ROOT
from tools.build_guide import build, guide_datas
from tools.guide_markup import MarkupError, inline, parse


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(sample_path))
    qtbot.addWidget(window)
    return window


def _bundle_with_guide(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen bundle's folder holding the guide where build.spec's datas put it."""
    built = root / "source" / "build" / "huong-dan-su-dung" / GUIDE_NAME
    built.parent.mkdir(parents=True)
    built.write_bytes(b"%PDF-1.4 guide")
    (source, destination), = guide_datas(root / "source")
    bundle = root / "bundle"
    (bundle / destination).mkdir(parents=True)
    shutil.copy(source, bundle / destination)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    return bundle / destination / GUIDE_NAME


def test_f1_opens_the_guide_shipped_in_the_bundle(qtbot, window, tmp_path, monkeypatch):
    shipped = _bundle_with_guide(tmp_path, monkeypatch)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Trợ &giúp")
    assert help_menu.actions()[0] is window.guide_action
    assert window.guide_action.text() == "&Hướng dẫn sử dụng"
    assert window.guide_action.shortcut() == QKeySequence("F1")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.dialogs.opened == [shipped]
    assert window.dialogs.errors == []


def test_without_the_guide_the_clerk_is_told_what_to_do(window, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)  # a bundle without docs/
    assert user_guide_path() is None
    window.guide_action.trigger()
    assert window.dialogs.opened == []
    title, text = window.dialogs.errors[0]
    assert title == "Chưa có hướng dẫn sử dụng" and "cài lại phần mềm" in text


def test_build_spec_ships_the_built_guide(tmp_path):
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    datas = spec[spec.index("datas=["):spec.index("\n    ],", spec.index("datas=["))]
    assert "*guide_datas(ROOT)," in datas
    with pytest.raises(SystemExit, match=r"python3 tools/build_guide\.py"):
        guide_datas(tmp_path)  # not built yet: the bundle build stops and says how to build it


def test_markup_refuses_what_it_would_print_as_stray_symbols():
    with pytest.raises(MarkupError, match="dòng 2"):
        parse("Đoạn văn.\n```\ncode\n```")
    with pytest.raises(MarkupError, match="không đóng"):
        inline("**đậm", ("<b>", "</b>"), ("<i>", "</i>"), ("<c>", "</c>"))
    assert inline("**tệp `.db`** & *x*", ("<b>", "</b>"), ("<i>", "</i>"), ("<c>", "</c>")) == \
        "<b>tệp <c>.db</c></b> &amp; <i>x</i>"
    blocks = parse("# Tiêu đề\n\n- một\n  tiếp\n- hai\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n![Hình](anh/x.png)\n")
    assert [b.kind for b in blocks] == ["heading", "bullets", "table", "image"]
    assert blocks[1].items == ["một tiếp", "hai"] and blocks[2].rows == [["A", "B"], ["1", "2"]]


def test_guide_builds_with_screenshots_of_the_application(tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    pdf = build(tmp_path / "guide")
    shots = sorted((tmp_path / "guide" / "anh").glob("*.png"))
    assert len(shots) >= 12
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    used = set(re.findall(r'<img src="anh/([^"]+)"', html))
    assert len(used) >= 12 and used <= {shot.name for shot in shots}
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
        pictures = [image for page in document.pages for image in page.images]
    assert len(pictures) >= 12
    assert {(image["srcsize"][0], image["srcsize"][1]) for image in pictures} == {(1366, 768)}
    for section in ("Cài đặt", "Mở phần mềm lần đầu", "Soạn báo cáo quý, từng bước", "Gửi và nhận báo cáo",
                    "Tổng hợp báo cáo", "Phiếu nhập Excel", "Ký số văn bản", "Các thông báo và ý nghĩa",
                    "Dữ liệu nằm ở đâu", "Sao lưu"):
        assert section in text, section
    assert "F1" in text and "Hình 12." in text
