"""A write cut short by a crash leaves a hot journal; the library must still open, as it was before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from model.library.library import Library
from model.library.storage import journal_path

_CRASH_MID_WRITE = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=1")
conn.execute("BEGIN")
conn.execute("DELETE FROM field_values")
conn.executemany("INSERT INTO field_values (report_id, key, text_value) VALUES ('x', ?, ?)",
                 [(str(i), "chữ" * 200) for i in range(5000)])
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_library_opens_after_a_crash_mid_write(sample_path: Path) -> None:
    with Library.open(sample_path) as library:
        before = {r.id: library.values(r.id) for r in library.reports()}

    subprocess.run([sys.executable, "-c", _CRASH_MID_WRITE, str(sample_path)], check=False)
    assert journal_path(sample_path).exists(), "the crash should have left a hot journal"

    with Library.open(sample_path) as library:
        assert {r.id: library.values(r.id) for r in library.reports()} == before
    assert not journal_path(sample_path).exists()
