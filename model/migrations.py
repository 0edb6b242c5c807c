"""Schema migrations: ordered steps keyed on ``PRAGMA user_version``.

``STEPS[n]`` upgrades a library from version ``n`` to ``n + 1`` inside one transaction. A library is
copied to ``<name>.v<n>.bak`` before it is migrated in place. Version 1 is the first released schema;
``tests/fixtures/`` holds a library of every released version.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from model.storage import SCHEMA_VERSION

Step = Callable[[sqlite3.Connection], None]

STEPS: dict[int, Step] = {}


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


def migrate(path: Path, from_version: int, *, backup: bool = True) -> None:
    """Bring the library at ``path`` from ``from_version`` up to :data:`SCHEMA_VERSION`."""
    if from_version >= SCHEMA_VERSION:
        return
    if backup:
        shutil.copy2(path, backup_path(path, from_version))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for version in range(from_version, SCHEMA_VERSION):
            conn.execute("BEGIN IMMEDIATE")
            try:
                STEPS[version](conn)
                conn.execute(f"PRAGMA user_version={version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    finally:
        conn.close()
