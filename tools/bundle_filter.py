"""Trim a PyInstaller analysis of Soạn báo cáo to the Qt parts the application uses (called by ``build.spec``).

PyInstaller's PySide6 hooks collect every plugin of every collected Qt module, all Qt translations and the
libraries those plugins link to. The application is a widgets program: it needs QtCore, QtGui and QtWidgets,
one platform plugin per system (plus ``offscreen`` for ``--self-test``), the native Windows style, and on
Linux the input-method plugins that let ibus type Vietnamese. Everything else is dropped here, and then every
shared library that no kept binary links to any more (what only the dropped plugins needed) goes too.

Entries are PyInstaller TOC tuples ``(dest_name, src_name, typecode)``; the functions work on plain tuples so
they can be tested without running PyInstaller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

Entry = tuple[str, str, str]
ImportsOf = Callable[[str], Iterable[str]]
Split = tuple[list[Entry], list[Entry]]  # (kept, dropped)

# PySide6 modules the application imports (gui/); every other Qt module is excluded from the analysis.
QT_MODULES_USED = frozenset({"QtCore", "QtGui", "QtWidgets"})

# Optional Pillow extension modules (each imported only when its image format is used).
PILLOW_EXTRAS = ("PIL._avif", "PIL._webp", "PIL._imagingcms", "PIL._imagingtk", "PIL.ImageTk", "PIL.ImageQt")

# lxml modules python-docx never imports (it uses lxml.etree); the lxml hook collects every submodule.
LXML_EXTRAS = ("lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.sax", "lxml.builder")

# Optional imports the signing stack drags in and never uses offline: yarl (under aiohttp, under pyHanko) looks for
# pydantic, whose python-dotenv has IPython glue, which brings jedi, trio … (70 MB, thousands of files).
SIGNING_EXTRAS = ("pydantic", "pydantic_core", "dotenv", "IPython", "jedi", "parso", "trio")

# Packages the analysis reaches and the application never imports (its self-test, which signs, verifies, opens every
# schema and loads the PostgreSQL driver, imports none of them): cffi's C parser and its setuptools/distutils shim
# (only the compiled _cffi_backend is used at run time), with setuptools comes pkg_resources, whose PyInstaller
# runtime hook would also load it at every start; packaging; charset_normalizer; the SQLAlchemy dialects of other
# databases; the standard library's test and help-text packages.
UNUSED_PACKAGES = ("cffi", "pycparser", "setuptools", "pkg_resources", "distutils", "_distutils_hack", "packaging",
                   "charset_normalizer", "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.oracle",
                   "sqlalchemy.dialects.mssql", "unittest", "doctest", "pydoc_data")

# Qt plugins kept, by plugin folder; names without the "lib" prefix and the file extension.
PLUGINS_KEPT: dict[str, frozenset[str]] = {
    # windows: the desktop; xcb: a Linux desktop; offscreen: --self-test and CI.
    "platforms": frozenset({"qwindows", "qxcb", "qoffscreen"}),
    # The Windows 10/11 look of buttons and fields (Qt falls back to Fusion without it).
    "styles": frozenset({"qmodernwindowsstyle"}),
    # Linux typing: ibus (Vietnamese input methods such as ibus-unikey) and compose keys.
    "platforminputcontexts": frozenset({"ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"}),
}

# Qt's own translations kept: Vietnamese only (Qt ships none today, so none are collected).
TRANSLATION_SUFFIXES = ("_vi.qm",)

# Collected by the PySide6 hooks without being linked by anything: Mesa's software OpenGL for Qt Quick.
UNLINKED_DROPS = frozenset({"opengl32sw.dll"})


def excluded_modules(pyside_dir: Path | None = None) -> list[str]:
    """Every ``PySide6.Qt*`` module the application does not use, and optional extras of other packages.

    Pillow itself stays (reportlab 5 imports ``PIL.Image`` unconditionally in ``reportlab.lib.utils``), but
    the documents hold no images: its AVIF, WebP and colour-management codecs and Tk glue go, and numpy,
    which Pillow only uses when it is installed. lxml keeps only what python-docx uses. ssl stays: pyHanko's
    certificate validator imports aiohttp, which imports ssl, although signing and verifying never connect; psycopg
    (a library on a PostgreSQL server) imports it too."""
    if pyside_dir is None:
        import PySide6

        pyside_dir = Path(PySide6.__file__).parent
    modules = {path.name.split(".")[0] for path in pyside_dir.glob("Qt*.*") if path.suffix in {".so", ".pyd"}}
    unused = sorted(f"PySide6.{name}" for name in modules - QT_MODULES_USED)
    return [*unused, *PILLOW_EXTRAS, *LXML_EXTRAS, *SIGNING_EXTRAS, *UNUSED_PACKAGES, "numpy", "tkinter"]


def _posix(dest: str) -> PurePosixPath:
    return PurePosixPath(dest.replace("\\", "/"))


def _plugin_kept(dest: PurePosixPath) -> bool | None:
    """True/False for a Qt plugin (kept or not); None when ``dest`` is not a Qt plugin."""
    parts = dest.parts
    if parts[0] != "PySide6" or "plugins" not in parts[:3]:
        return None
    at = parts.index("plugins")
    folder = parts[at + 1] if len(parts) == at + 3 else ""
    name = dest.name.split(".")[0]
    name = name.removeprefix("lib") if dest.suffix == ".so" else name
    return name in PLUGINS_KEPT.get(folder, frozenset())


def _translation_kept(dest: PurePosixPath) -> bool | None:
    if dest.suffix != ".qm" or dest.parts[0] != "PySide6":
        return None
    return dest.name.endswith(TRANSLATION_SUFFIXES)


def _default_imports_of(src: str) -> Iterable[str]:
    from PyInstaller.depend.bindepend import get_imports

    return [name for name, _path in get_imports(src)]


def _library_key(name: str) -> str:
    """How a link refers to a library: its file name (compared without case, as Windows does)."""
    return _posix(name).name.lower()


def trim_binaries(binaries: list[Entry], imports_of: ImportsOf = _default_imports_of) -> Split:
    """Drop unused Qt plugins, then every shared library no kept binary needs. Returns (kept, dropped).

    Roots are the Python extension modules, the kept plugins, and binaries nothing in the original analysis
    links to (a hook collected them on purpose, such as the Python runtime). A library is kept when a root
    needs it, directly or through other kept libraries. A link names a file, not a folder, so every copy of a
    needed name stays: on Windows ``VCRUNTIME140.dll`` beside ``python311.dll`` and the copies in
    ``PySide6`` and ``shiboken6`` are each the one found first by a different DLL (keeping only one left
    ``python311.dll`` without its C runtime on a PC without the Visual C++ redistributable).
    """
    needs = {dest: {_library_key(name) for name in imports_of(src)} for dest, src, _ in binaries}
    linked_by_anything = set().union(*needs.values())
    candidates = [e for e in binaries
                  if _plugin_kept(_posix(e[0])) is not False and _library_key(e[0]) not in UNLINKED_DROPS]
    copies_by_key: dict[str, list[Entry]] = {}
    for entry in candidates:
        copies_by_key.setdefault(_library_key(entry[0]), []).append(entry)
    roots = [e for e in candidates
             if e[2] == "EXTENSION" or _plugin_kept(_posix(e[0])) or _library_key(e[0]) not in linked_by_anything]
    kept_dests = {e[0] for e in roots}
    queue = list(kept_dests)
    while queue:
        for key in needs[queue.pop()]:
            for entry in copies_by_key.get(key, ()):
                if entry[0] not in kept_dests:
                    kept_dests.add(entry[0])
                    queue.append(entry[0])
    kept = [e for e in binaries if e[0] in kept_dests]
    return kept, [e for e in binaries if e[0] not in kept_dests]


def trim_datas(datas: list[Entry], dropped_binaries: Iterable[Entry] = ()) -> Split:
    """Drop Qt translations other than Vietnamese, and links to dropped libraries. Returns (kept, dropped).

    On Linux PyInstaller adds ``SYMLINK`` entries (``libQt6Gui.so.6`` -> ``PySide6/Qt/lib/libQt6Gui.so.6``)
    to the datas; one pointing at a dropped library would dangle.
    """
    gone = {_posix(dest) for dest, _src, _ in dropped_binaries}
    kept = [e for e in datas
            if _translation_kept(_posix(e[0])) is not False and not (e[2] == "SYMLINK" and _posix(e[1]) in gone)]
    return kept, [e for e in datas if e not in kept]


def size_report(entries: Iterable[Entry], top: int = 15) -> str:
    """The largest entries, one per line with their size in MB (for the build log)."""
    sized = sorted(((Path(src).stat().st_size, dest) for dest, src, _ in entries if Path(src).is_file()),
                   reverse=True)
    total = sum(size for size, _ in sized)
    lines = [f"{size / 1e6:8.1f} MB  {dest}" for size, dest in sized[:top]]
    return "\n".join([f"{total / 1e6:8.1f} MB  in {len(sized)} files", *lines])
