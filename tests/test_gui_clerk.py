"""The editor as a provincial clerk meets it: files that cannot be written, what the status bar promises,
keyboard use. Each test asserts what the clerk sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from model.errors import LibraryError, file_error_message
from tests import test_gui_editor
from tests.test_gui_editor import field, problem_texts, stored, type_into

start, window = test_gui_editor.start, test_gui_editor.window  # the editor's fixtures


class _ReadOnly(Exception):
    sqlite_errorname = "SQLITE_READONLY"


def test_an_edit_the_library_cannot_save_is_marked_unsaved_and_said_once(qtbot, window, sample_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    library = window.library
    reason = file_error_message(sample_path, _ReadOnly())

    def refuse(*_args, **_kwargs):
        raise LibraryError(reason)

    monkeypatch.setattr(library, "set_values", refuse)  # what a read-only or locked file makes the library do
    level3 = field(window, "dvc_muc_3")
    type_into(qtbot, level3, "700")

    assert level3.text() == "700"  # what the clerk typed stays on screen
    assert level3.property("problem") == "error"
    assert problem_texts(window)[0] == f"Chưa lưu — Dịch vụ công mức 3: {reason}"
    assert window.save_state.text() == "Chưa lưu 1 ô"
    assert window.dialogs.errors == [("Chưa lưu được", reason)]  # once, not at every keystroke
    assert "ngoài dự kiến" not in str(window.dialogs.errors)
    assert window.undo_group.activeStack().count() == 0  # nothing to undo: nothing was saved
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") == 656

    monkeypatch.undo()  # the clerk copies the file somewhere writable; typing again saves it
    type_into(qtbot, level3, "656")
    type_into(qtbot, level3, "657")
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") == 657
    assert window.save_state.text().startswith("Đã lưu")
    assert not any(text.startswith("Chưa lưu") for text in problem_texts(window))


def test_the_status_bar_does_not_say_saved_while_typed_text_is_refused(qtbot, window) -> None:
    type_into(qtbot, field(window, "dvc_muc_3"), "7oo")
    type_into(qtbot, field(window, "htth_diem_cau"), "1,5")
    assert window.save_state.text() == "Chưa lưu 2 ô"
    type_into(qtbot, field(window, "dvc_muc_3"), "656")
    type_into(qtbot, field(window, "htth_diem_cau"), "21")
    assert window.save_state.text().startswith("Đã lưu")


def test_a_figure_too_large_is_refused_in_the_form(qtbot, window, sample_path: Path) -> None:
    level3 = window.findChild(QLineEdit, "dvc_muc_3")
    type_into(qtbot, level3, "99999999999999999999")
    assert problem_texts(window)[0].startswith("Chưa lưu — Dịch vụ công mức 3: “99999999999999999999” quá lớn")
    assert window.dialogs.errors == []  # no “unexpected error”: the write never reached the file
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") <= 999_999_999_999  # the last readable keystrokes
