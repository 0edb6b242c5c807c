"""The rotating log file in the user data folder, shared by the editor and the command line (no Qt)."""

from __future__ import annotations

import logging
from pathlib import Path

from model.paths import user_data_dir

log = logging.getLogger("soanbaocao")


def log_path() -> Path:
    return user_data_dir() / "nhat-ky" / "soanbaocao.log"


def setup_logging() -> Path:
    """Log to a rotating file (3 × 512 kB) in the user data folder; return its path."""
    from logging.handlers import RotatingFileHandler  # imports socket and pickle: not before the window shows

    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not any(getattr(h, "baseFilename", None) == str(path) for h in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=512 * 1024, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path
