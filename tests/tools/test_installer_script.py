"""The Inno Setup script keeps the promises made to office IT staff (tools/build_windows_wine.sh compiles it)."""

from __future__ import annotations

import re

from tests.locations import ROOT

ISS = ROOT / "installer" / "SoanBaoCao.iss"
# Released installers carry this AppId; a different one would install beside the old version, not over it.
APP_ID = "{{050DE647-8213-40C1-AAC5-4A8B05C901FA}"


def _directives() -> dict[str, str]:
    text = ISS.read_text(encoding="utf-8-sig")
    setup = text.split("[Setup]", 1)[1].split("\n[", 1)[0]
    return dict(re.findall(r"^(\w+)=(.*?)\s*$", setup, flags=re.MULTILINE))


def test_script_is_utf8_with_bom_so_inno_setup_reads_the_vietnamese():
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Soạn báo cáo" in raw.decode("utf-8-sig")


def test_per_user_install_over_the_previous_version():
    setup = _directives()
    assert setup["AppId"] == APP_ID
    assert setup["PrivilegesRequired"] == "lowest"
    # {autopf} with PrivilegesRequired=lowest, spelled out (Wine cannot expand {autopf}).
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\SoanBaoCao"


def test_vietnamese_wizard_shortcuts_and_user_data_kept():
    text = ISS.read_text(encoding="utf-8-sig")
    # Our Vietnamese messages over the compiler's Default.isl (tests/tools/test_installer_messages.py).
    assert 'MessagesFile: "compiler:Default.isl,Vietnamese.isl"' in text
    assert r'Name: "{autoprograms}\{#AppName}"' in text
    assert re.search(r"^Name: \"\{autodesktop\}.*Tasks: desktopicon", text, re.MULTILINE)
    assert "[UninstallDelete]" not in text.replace("; No [UninstallDelete]", "")
    assert "{userappdata}" not in text and "{app}\\_internal" in text
