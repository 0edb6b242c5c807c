"""The bundle trimming in ``tools/bundle_filter.py`` on analysis entries shaped like PyInstaller's."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.bundle_filter import excluded_modules, trim_binaries, trim_datas

# Who links to whom, as ldd/pefile would say.
LINUX_LINKS = {
    "QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libQt6Gui.so.6", "libQt6Core.so.6"],
    "libQt6Widgets.so.6": ["libQt6Gui.so.6", "libQt6Core.so.6"],
    "libQt6Gui.so.6": ["libQt6Core.so.6", "libQt6DBus.so.6", "libX11.so.6"],
    "libQt6DBus.so.6": ["libQt6Core.so.6", "libdbus-1.so.3"],
    "libqxcb.so": ["libQt6XcbQpa.so.6", "libQt6Gui.so.6"],
    "libQt6XcbQpa.so.6": ["libQt6Gui.so.6", "libxcb.so.1"],
    "libqoffscreen.so": ["libQt6Gui.so.6"],
    "libqgtk3.so": ["libQt6Gui.so.6", "libgtk-3.so.0", "libcairo.so.2"],
    "libgtk-3.so.0": ["libcairo.so.2"],
    "libqtiff.so": ["libQt6Gui.so.6", "libtiff.so.6"],
    "libqopensslbackend.so": ["libQt6Network.so.6"],
    "libQt6Network.so.6": ["libQt6Core.so.6"],
}


from tests.locations import ROOT  # noqa: E402


def _entry(dest: str, typecode: str = "BINARY") -> tuple[str, str, str]:
    return (dest, f"/site/{dest}", typecode)


def _imports_of(src: str) -> list[str]:
    return LINUX_LINKS.get(Path(src).name, [])


LINUX = [
    _entry("libpython3.11.so.1.0"),  # linked by nobody: collected on purpose
    _entry("PySide6/QtWidgets.abi3.so", "EXTENSION"),
    *(_entry(f"PySide6/Qt/lib/{name}") for name in ("libQt6Widgets.so.6", "libQt6Gui.so.6", "libQt6Core.so.6",
                                                    "libQt6DBus.so.6", "libQt6XcbQpa.so.6", "libQt6Network.so.6")),
    *(_entry(name) for name in ("libX11.so.6", "libdbus-1.so.3", "libxcb.so.1", "libgtk-3.so.0", "libcairo.so.2",
                                "libtiff.so.6")),
    _entry("PySide6/Qt/plugins/platforms/libqxcb.so"),
    _entry("PySide6/Qt/plugins/platforms/libqoffscreen.so"),
    _entry("PySide6/Qt/plugins/platformthemes/libqgtk3.so"),
    _entry("PySide6/Qt/plugins/imageformats/libqtiff.so"),
    _entry("PySide6/Qt/plugins/tls/libqopensslbackend.so"),
]


def test_linux_keeps_platforms_and_what_they_link_drops_the_rest():
    kept, dropped = trim_binaries(LINUX, _imports_of)
    kept_names = {Path(dest).name for dest, _, _ in kept}
    assert kept_names == {"libpython3.11.so.1.0", "QtWidgets.abi3.so", "libQt6Widgets.so.6", "libQt6Gui.so.6",
                          "libQt6Core.so.6", "libQt6DBus.so.6", "libdbus-1.so.3", "libX11.so.6", "libqxcb.so",
                          "libQt6XcbQpa.so.6", "libxcb.so.1", "libqoffscreen.so"}
    # The GTK theme, TIFF and TLS plugins go, and with them the libraries only they needed.
    assert {Path(dest).name for dest, _, _ in dropped} == {
        "libqgtk3.so", "libgtk-3.so.0", "libcairo.so.2", "libqtiff.so", "libtiff.so.6", "libqopensslbackend.so",
        "libQt6Network.so.6"}


def test_windows_keeps_native_platform_and_style_drops_software_opengl():
    links = {"QtWidgets.pyd": ["Qt6Widgets.dll", "Qt6Gui.dll", "Qt6Core.dll", "python3.dll"],
             "Qt6Widgets.dll": ["Qt6Gui.dll", "Qt6Core.dll"], "Qt6Gui.dll": ["Qt6Core.dll"],
             "qwindows.dll": ["Qt6Gui.dll", "Qt6Core.dll"], "qmodernwindowsstyle.dll": ["Qt6Widgets.dll"],
             "qjpeg.dll": ["Qt6Gui.dll"], "qtvirtualkeyboardplugin.dll": ["Qt6Gui.dll"]}
    binaries = [
        _entry("python311.dll"), _entry("python3.dll"),
        _entry("PySide6\\QtWidgets.pyd", "EXTENSION"),
        *(_entry(f"PySide6\\{name}") for name in ("Qt6Widgets.dll", "Qt6Gui.dll", "Qt6Core.dll", "opengl32sw.dll")),
        *(_entry(f"PySide6\\plugins\\{name}") for name in (
            "platforms\\qwindows.dll", "platforms\\qoffscreen.dll", "platforms\\qdirect2d.dll",
            "styles\\qmodernwindowsstyle.dll", "imageformats\\qjpeg.dll",
            "platforminputcontexts\\qtvirtualkeyboardplugin.dll")),
    ]
    kept, dropped = trim_binaries(binaries, lambda src: links.get(src.replace("\\", "/").split("/")[-1], []))
    kept_names = {dest.split("\\")[-1] for dest, _, _ in kept}
    assert kept_names == {"python311.dll", "python3.dll", "QtWidgets.pyd", "Qt6Widgets.dll", "Qt6Gui.dll",
                          "Qt6Core.dll", "qwindows.dll", "qoffscreen.dll", "qmodernwindowsstyle.dll"}
    assert {dest.split("\\")[-1] for dest, _, _ in dropped} == {
        "opengl32sw.dll", "qdirect2d.dll", "qjpeg.dll", "qtvirtualkeyboardplugin.dll"}


def test_translations_other_than_vietnamese_and_dangling_links_are_dropped():
    datas = [("PySide6/Qt/translations/qtbase_de.qm", "/site/de.qm", "DATA"),
             ("PySide6/Qt/translations/qtbase_vi.qm", "/site/vi.qm", "DATA"),
             ("resources/templates/nq36a_quy.toml", "/src/nq36a_quy.toml", "DATA"),
             ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
             ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK")]
    kept, dropped = trim_datas(datas, [_entry("PySide6/Qt/lib/libQt6Network.so.6")])
    assert [dest for dest, _, _ in kept] == ["PySide6/Qt/translations/qtbase_vi.qm",
                                             "resources/templates/nq36a_quy.toml", "libQt6Gui.so.6"]
    assert [dest for dest, _, _ in dropped] == ["PySide6/Qt/translations/qtbase_de.qm", "libQt6Network.so.6"]


def test_unused_qt_modules_are_excluded_used_ones_are_not():
    excluded = excluded_modules()
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick"} <= set(excluded)
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} & set(excluded)


def test_windows_keeps_every_copy_of_a_needed_runtime_dll():
    """python311.dll loads the VCRUNTIME140.dll beside it; Qt's DLLs load the copies in their own folders.
    On a PC without the Visual C++ redistributable a missing copy means the program does not start."""
    links = {"python311.dll": ["VCRUNTIME140.dll"], "QtCore.pyd": ["Qt6Core.dll", "shiboken6.abi3.dll"],
             "Qt6Core.dll": ["MSVCP140.dll", "VCRUNTIME140.dll"], "shiboken6.abi3.dll": ["MSVCP140.dll"],
             "MSVCP140.dll": ["VCRUNTIME140.dll"]}
    binaries = [_entry("python311.dll"), _entry("VCRUNTIME140.dll"), _entry("MSVCP140.dll"),
                _entry("PySide6\\QtCore.pyd", "EXTENSION"), _entry("PySide6\\Qt6Core.dll"),
                _entry("PySide6\\MSVCP140.dll"), _entry("PySide6\\VCRUNTIME140.dll"),
                _entry("shiboken6\\shiboken6.abi3.dll"), _entry("shiboken6\\MSVCP140.dll"),
                _entry("shiboken6\\VCRUNTIME140.dll")]
    kept, dropped = trim_binaries(binaries, lambda src: links.get(src.replace("\\", "/").split("/")[-1], []))
    assert dropped == []
    assert {dest for dest, _, _ in kept} >= {"VCRUNTIME140.dll", "MSVCP140.dll", "PySide6\\MSVCP140.dll",
                                              "shiboken6\\MSVCP140.dll", "shiboken6\\VCRUNTIME140.dll"}


def _imported_by_our_code() -> set[str]:
    """Every module name the application's own sources import (``a.b.c`` also counts as ``a`` and ``a.b``)."""
    names: set[str] = set()
    folders = ("model", "export", "gui", "cli")
    sources = [ROOT / "main.py", *(path for folder in folders for path in (ROOT / folder).rglob("*.py"))]
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found = [node.module]
            else:
                continue
            names |= {".".join(name.split(".")[:i]) for name in found for i in range(1, name.count(".") + 2)}
    return names


def test_packages_excluded_on_both_systems_are_none_the_application_imports(tmp_path: Path):
    for suffix in (".abi3.so", ".pyd"):  # a Linux and a Windows PySide6 folder
        pyside = tmp_path / suffix
        pyside.mkdir()
        for name in ("QtCore", "QtGui", "QtWidgets", "QtNetwork"):
            (pyside / f"{name}{suffix}").touch()
        excluded = excluded_modules(pyside)
        assert {"setuptools", "pkg_resources", "cffi", "sqlalchemy.dialects.mysql", "PySide6.QtNetwork"} \
            <= set(excluded)
        assert not set(excluded) & _imported_by_our_code()


@pytest.mark.slow  # a Python process running the whole self-test: 4 s
def test_the_self_test_imports_none_of_the_excluded_packages(tmp_path: Path):
    """The self-test signs, verifies, upgrades every schema and loads the PostgreSQL driver: what it imports is what
    the bundle must hold. (Modules loaded before main, such as a venv's site hooks, do not count.)"""
    probe = ("import sys; before = set(sys.modules); import main; status = main.main(['--self-test']); "
             "print(sorted(set(sys.modules) - before)); sys.exit(status)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SOANBAOCAO_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    loaded = set(ast.literal_eval(done.stdout.strip().splitlines()[-1]))
    excluded = set(excluded_modules())
    assert "pyhanko" in loaded and "psycopg" in loaded
    assert not {name for name in loaded
                if any(".".join(name.split(".")[:i]) in excluded for i in range(1, name.count(".") + 2))}
