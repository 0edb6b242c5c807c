"""A PDF made without Times New Roman (ND30 names it) says so where the clerk sees it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from export.document import fonts
from export.document.service import export_report
from model.paths import resource_path
from tests.exchange_support import run_cli


@pytest.fixture
def no_windows_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WINDIR", raising=False)
    monkeypatch.delenv("SYSTEMROOT", raising=False)
    fonts.registered_fonts.cache_clear()
    yield
    fonts.registered_fonts.cache_clear()


def test_the_notice_names_the_substitute_and_times_new_roman(no_windows_fonts) -> None:
    notice = fonts.substitute_notice(fonts.find_fonts())
    assert "Liberation Serif" in notice and "Times New Roman" in notice and "Nghị định 30" in notice


def test_no_notice_when_windows_has_times_new_roman(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    for style, name in fonts.WINDOWS_FILES.items():
        shutil.copy(resource_path("fonts", fonts.BUNDLED_FILES[style]), folder / name.upper())  # any case
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    found = fonts.find_fonts()
    assert found.family_name == "Times New Roman"
    assert fonts.substitute_notice(found) == ""


def test_the_export_result_and_the_command_carry_the_notice(no_windows_fonts, sample_library, q2_id, sample_path,
                                                          tmp_path: Path, capsys) -> None:
    assert "Times New Roman" in export_report(sample_library, q2_id, tmp_path / "a.pdf").font_notice
    assert export_report(sample_library, q2_id, tmp_path / "a.docx").font_notice == ""  # Word supplies the font
    code, out, err = run_cli(capsys, "export", sample_path, "--report", "2018-Q2", "--to", tmp_path / "b.pdf")
    assert code == 0 and "Đã xuất" in out
    assert err.startswith("Lưu ý: Máy này không có phông Times New Roman") and err.count("\n") == 1
