"""Where the application's files are: bundled resources and the user's data folder.

One helper serves both a source checkout and a frozen PyInstaller build (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "SoanBaoCao"


def resource_root() -> Path:
    """The folder holding ``resources/``: the bundle when frozen, else the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource_path("templates", "nq36a_quy.toml")``."""
    return resource_root().joinpath("resources", *parts)


def user_data_dir() -> Path:
    """The per-user data folder (created on demand).

    ``SOANBAOCAO_DATA_DIR`` overrides it (tests, portable installs). On Windows it is
    ``%APPDATA%\\SoanBaoCao``; elsewhere ``$XDG_DATA_HOME/SoanBaoCao``.
    """
    override = os.environ.get("SOANBAOCAO_DATA_DIR")
    if override:
        folder = Path(override)
    elif sys.platform == "win32":
        folder = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_NAME
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        folder = Path(base) / APP_NAME
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# The user guide (Trợ giúp → Hướng dẫn sử dụng): tools/build_guide.py writes it to GUIDE_BUILD_FOLDER of the
# source tree, and build.spec copies it into the bundle's GUIDE_BUNDLE_FOLDER.
GUIDE_NAME = "huong-dan-su-dung.pdf"
GUIDE_BUNDLE_FOLDER = "docs"
GUIDE_BUILD_FOLDER = Path("build") / "huong-dan-su-dung"


def user_guide_path() -> Path | None:
    """The user guide PDF: in the bundle, or built in a source checkout; None when it was never built."""
    root = resource_root()
    places = (root / GUIDE_BUNDLE_FOLDER / GUIDE_NAME, root / GUIDE_BUILD_FOLDER / GUIDE_NAME)
    return next((place for place in places if place.is_file()), None)
