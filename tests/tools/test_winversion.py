"""The Windows version resource carries main.__version__."""

from __future__ import annotations

import pytest

import main
from tests.locations import ROOT
from tools.winversion import app_version, version_file_text, version_tuple


def test_version_is_read_from_main_py():
    assert app_version(ROOT / "model" / "version.py") == main.__version__


@pytest.mark.parametrize(("text", "numbers"), [("0.1.0", (0, 1, 0, 0)), ("2", (2, 0, 0, 0)),
                                                ("1.2.3.4", (1, 2, 3, 4))])
def test_version_tuple(text, numbers):
    assert version_tuple(text) == numbers


@pytest.mark.parametrize("bad", ["1.2.3.4.5", "1.x", "70000.1", ""])
def test_version_tuple_refuses_what_windows_cannot_store(bad):
    with pytest.raises(ValueError):
        version_tuple(bad)


def test_version_file_evaluates_to_the_structure_pyinstaller_expects():
    # PyInstaller eval()s the file with its versioninfo classes; record what each is called with.
    def record(name):
        return lambda *args, **kwargs: (name, args, kwargs)

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct"]
    info = eval(version_file_text("1.4.2"), {name: record(name) for name in names})
    assert info[0] == "VSVersionInfo"
    fixed, (string_info, var_info) = info[2]["ffi"], info[2]["kids"]
    assert fixed[2]["filevers"] == fixed[2]["prodvers"] == (1, 4, 2, 0)
    table = string_info[1][0][0]
    assert table[1][0] == "042A04B0"  # Vietnamese, Unicode
    strings = {s[1][0]: s[1][1] for s in table[1][1]}
    assert strings["ProductVersion"] == "1.4.2"
    assert strings["ProductName"] == "Soạn báo cáo"
    assert strings["OriginalFilename"] == "SoanBaoCao.exe"
    assert var_info[1][0][0][1] == ("Translation", [0x042A, 1200])
