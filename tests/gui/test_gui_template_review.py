"""Báo cáo → Mẫu báo cáo nhận được…: the differences are shown before a received template can be trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from gui.dialogs.template_review import TemplateReviewDialog
from model.exchange.dbimport import import_files
from model.library.library import Library
from tests.gui_support import ScriptedDialogs
from tests.template_support import PLANTED, sent_with_planted_v2


@pytest.fixture
def received(sample_path: Path, tmp_path: Path) -> Path:
    """The sample library after importing a district's file carrying a planted ``nq36a_quy`` version 2."""
    sent, _ = sent_with_planted_v2(tmp_path)
    with Library.open(sample_path) as library:
        assert import_files(library, [sent]).written == 1
    return sample_path


def test_the_planted_sentence_is_shown_and_accepting_makes_the_version_the_one_in_use(qtbot, received: Path,
                                                                                    tmp_path: Path) -> None:
    with Library.open(received) as library:
        dialog = TemplateReviewDialog(library)
        qtbot.addWidget(dialog)
        assert dialog.templates.count() == 1 and "phiên bản 2" in dialog.templates.item(0).text()
        shown = dialog.changes.toPlainText()
        assert "So với phiên bản 1 đang dùng cho báo cáo mới" in shown
        assert "Câu thêm vào" in shown and PLANTED in shown
        assert "Trường số liệu" not in shown  # the sentence is the only difference, and nothing hides it
        assert dialog.grab().save(str(tmp_path / "mau-nhan-duoc.png"))
        assert library.template_in_use("nq36a_quy").version == 1
        dialog.accept_button.click()
        assert dialog.accepted_templates == [("nq36a_quy", 2)] and dialog.result() == dialog.DialogCode.Accepted
        assert library.template_in_use("nq36a_quy").version == 2


def test_the_menu_action_opens_the_review_only_when_something_waits(qtbot, monkeypatch, sample_path: Path,
                                                                    received: Path) -> None:
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(received))
    qtbot.addWidget(window)
    opened = []
    window.template_review.review = lambda _window, library: opened.append(library.name)
    window.template_review.action.trigger()
    assert opened == [received.name]
    window.library.accept_template("nq36a_quy", 2)
    window.template_review.action.trigger()
    assert opened == [received.name]
    assert window.dialogs.infos[-1] == ("Mẫu báo cáo nhận được", "Thư viện không có mẫu nào nhận từ tệp đang chờ xem.")
