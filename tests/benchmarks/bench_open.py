"""Benchmark: what checking a library on opening costs (integrity_check and the shape of its tables and values).

    python tests/benchmarks/bench_open.py [--reports 2000]

A library of the sample office plus ``--reports`` generated reports (2.000 is some 16 MB: centuries of one
office's quarters, or a province holding every district's reports for years). Prints the time of each check and of
``Library.open`` as a whole, best of five.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from model.library.library import Library
from model.library.sample import write_sample
from model.library.wellformed import shape_problem


def _library(path: Path, reports: int) -> None:
    write_sample(path).close()
    conn = sqlite3.connect(path)
    org = conn.execute("SELECT id FROM organizations").fetchone()[0]
    rows = conn.execute("SELECT key, int_value, text_value FROM field_values WHERE report_id = "
                        "(SELECT id FROM reports LIMIT 1)").fetchall()
    for i in range(reports):
        report = str(uuid.uuid4())
        conn.execute("INSERT INTO reports VALUES (?, ?, 'nq36a_quy', 1, ?, ?, 'draft', 1, ?, ?)",
                     (report, org, 2100 - i // 4, 1 + i % 4, "2018-01-01T00:00:00", "2018-01-01T00:00:00"))
        conn.executemany("INSERT INTO field_values VALUES (?, ?, ?, ?)", [(report, *row) for row in rows])
    conn.commit()
    conn.close()


def _best(action) -> float:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lon.db"
        _library(path, args.reports)
        conn = sqlite3.connect(path)
        print(f"{path.stat().st_size / 2**20:.1f} MB, {args.reports + 2} reports")
        for pragma in ("quick_check", "integrity_check"):
            seconds = _best(lambda p=pragma: conn.execute(f"PRAGMA {p}").fetchall())
            print(f"PRAGMA {pragma:<16}    {seconds * 1000:7.1f} ms")
        print(f"shape of tables and values {_best(lambda: shape_problem(conn)) * 1000:7.1f} ms")
        conn.close()
        print(f"Library.open (all of it)    {_best(lambda: Library.open(path).close()) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
