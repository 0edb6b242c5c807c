"""The installer's wizard speaks Vietnamese: installer/Vietnamese.isl translates every message of the compiler's
Default.isl (Inno Setup 6.4.1 from the npm package innosetup, stored in tests/data/innosetup; also the copy in
tools/build_windows_wine.sh's cache when a Wine build ran on this machine)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.locations import ROOT
from tools.isl_messages import main, problems, read_isl

OURS = ROOT / "installer" / "Vietnamese.isl"
STORED_DEFAULT = ROOT / "tests" / "data" / "innosetup" / "Default-6.4.1.isl"
# Where tools/build_windows_wine.sh unpacks ISCC (its SBC_WIN_CACHE, or the fallback when that is not writable).
COMPILER_DEFAULTS = [Path(folder) / "innosetup-6.4.1" / "bin" / "Default.isl" for folder in (
    os.environ.get("SBC_WIN_CACHE", "/var/cache/soanbaocao-win"), Path.home() / ".cache" / "soanbaocao-win")]
# Messages whose English text is also the right Vietnamese (a button label, units, placeholders only).
SAME_IN_BOTH = {"ButtonOK", "ComponentSize1", "ComponentSize2", "UninstallDisplayNameMark",
                "UninstallDisplayNameMarks"}


def _defaults() -> list[Path]:
    return [STORED_DEFAULT, *(path for path in COMPILER_DEFAULTS if path.is_file())]


@pytest.mark.parametrize("default", _defaults(), ids=str)
def test_every_message_of_the_compilers_default_file_has_a_vietnamese_value(default: Path):
    found, compared = problems(OURS, default)
    assert found == []
    assert compared >= 270  # 6.4.1: 266 [Messages] + 12 [CustomMessages]


def test_stored_default_is_the_compilers_when_a_wine_build_left_it():
    compilers = [path for path in COMPILER_DEFAULTS if path.is_file()]
    if not compilers:
        pytest.skip("no ISCC unpacked on this machine (tools/build_windows_wine.sh not run)")
    assert compilers[0].read_bytes() == STORED_DEFAULT.read_bytes()


def test_messages_are_translated_not_copied():
    english = read_isl(STORED_DEFAULT)
    ours = read_isl(OURS)
    untranslated = [name for section in ("Messages", "CustomMessages")
                    for name, text in english[section].items()
                    if text and ours[section][name] == text and name not in SAME_IN_BOTH]
    assert untranslated == []
    assert ours["Messages"]["ButtonNext"] == "&Tiếp theo >"
    assert ours["CustomMessages"]["CreateDesktopIcon"] == "Tạo lối tắt ngoài &màn hình"
    assert ours["LangOptions"]["LanguageID"] == "$042A"  # Vietnamese, for Windows' language matching


def test_file_is_utf8_with_bom_so_inno_setup_reads_the_vietnamese():
    assert OURS.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Chào mừng đến với trình cài đặt [name]" in OURS.read_text(encoding="utf-8-sig")


def test_a_missing_message_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    text = OURS.read_text(encoding="utf-8-sig")
    broken = tmp_path / "Vietnamese.isl"
    broken.write_text(re.sub(r"^ButtonNext=.*\n", "", text, flags=re.MULTILINE).replace(
        "LaunchProgram=Mở %1", "LaunchProgram=Mở chương trình"), encoding="utf-8-sig")
    assert main([str(broken), str(STORED_DEFAULT)]) == 1
    errors = capsys.readouterr().err
    assert "[Messages] ButtonNext: chưa dịch" in errors
    assert "[CustomMessages] LaunchProgram: chỗ điền [] khác bản gốc ['%1']" in errors


def test_script_uses_our_messages_over_the_compilers_default():
    script = (ROOT / "installer" / "SoanBaoCao.iss").read_text(encoding="utf-8-sig")
    languages = re.findall(r"^Name: .*MessagesFile: .*$", script, flags=re.MULTILINE)
    assert languages == ['Name: "vi"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"']
