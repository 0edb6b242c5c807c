"""The editor's settings (last library, recent libraries, folders of file dialogs, window geometry) in an INI
file in the user data folder, so a portable copy or a test (``SOANBAOCAO_DATA_DIR``) carries its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from model.paths import user_data_dir

MAX_RECENT = 8
DEFAULT_LIBRARY_NAME = "bao-cao.db"

LAST_EXPORTED_PDF = "ky_so/tep_vua_xuat"
"""Settings key: the PDF the editor exported last, which the signing dialog suggests."""


def open_settings() -> QSettings:
    return QSettings(str(user_data_dir() / "cai-dat.ini"), QSettings.Format.IniFormat)


def default_library_path() -> Path:
    """The library a newcomer starts with (created with the sample report on first start)."""
    return user_data_dir() / DEFAULT_LIBRARY_NAME


def recent_libraries(settings: QSettings) -> list[Path]:
    """Recently opened libraries, newest first, leaving out files that are gone."""
    value = settings.value("recent", [])
    names = [value] if isinstance(value, str) else list(value or [])
    return [Path(name) for name in names if Path(name).is_file()]


def remember_library(settings: QSettings, path: Path) -> None:
    """Make ``path`` the last library used and the first of the recent ones."""
    path = path.resolve()
    recent = [str(p) for p in recent_libraries(settings) if p.resolve() != path]
    settings.setValue("recent", [str(path), *recent][:MAX_RECENT])
    settings.setValue("last_library", str(path))


def last_library(settings: QSettings) -> Path | None:
    value = settings.value("last_library", "")
    return Path(value) if value else None


def remembered_folder(settings: QSettings, key: str) -> Path:
    """The folder saved under ``key`` by :func:`remember_folder` while it still exists, else the clerk's
    Documents folder (the home folder when there is none)."""
    saved = settings.value(key, "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_folder(settings: QSettings, key: str, chosen: Path) -> None:
    """Save the folder of the file ``chosen`` under ``key``, where the next file dialog of its kind opens."""
    settings.setValue(key, str(chosen.parent))
