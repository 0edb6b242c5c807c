"""The well-formed inputs the .db targets mutate, built once per work folder with the program's own services."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.sqlite_bytes import PageMap

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass(frozen=True)
class SeedFile:
    name: str
    data: bytes
    pages: PageMap


def _seed(path: Path) -> SeedFile:
    return SeedFile(path.stem, path.read_bytes(), PageMap.of(path))


def _with_overflow_and_freelist(source: Path, out: Path) -> None:
    """A copy whose narrative spills onto overflow pages and which keeps free pages (rows written then deleted),
    still a file the import accepts."""
    shutil.copyfile(source, out)
    conn = sqlite3.connect(out)
    long_text = "Đã triển khai hệ thống một cửa điện tử đến cấp xã. " * 300
    conn.execute("UPDATE field_values SET text_value = ? WHERE key = 'mo_dau'", (long_text,))
    report = conn.execute("SELECT id FROM reports LIMIT 1").fetchone()[0]
    conn.executemany("INSERT INTO field_values (report_id, key, text_value) VALUES (?, ?, ?)",
                     [(report, f"tam_{i}", "x" * 3000) for i in range(40)])
    conn.commit()
    conn.execute("DELETE FROM field_values WHERE key LIKE 'tam_%'")
    conn.commit()
    conn.close()


def exchange_seeds(folder: Path) -> list[SeedFile]:
    """Files as offices send them: one district's report, the sample office's two reports, a consolidated report
    with its appendix tables, one with overflow pages and a freelist, and a library of schema 1."""
    from model.exchange.consolidation import consolidate
    from model.exchange.dbexport import export_reports
    from model.library.sample import write_sample
    from model.vietnamese.period import Period
    from tests.exchange_support import PROVINCE, exported_district_file, province_with_districts

    folder.mkdir(parents=True, exist_ok=True)
    district = exported_district_file(folder)
    with write_sample(folder / "mau.db") as library:
        sample = export_reports(library, [r.id for r in library.reports()], folder / "mau-gui.db").path
    library, _province, reports = province_with_districts(folder / "tinh.db")
    with library:
        result = consolidate(library, Period(2018, 2), PROVINCE, reports)
        consolidated = export_reports(library, [result.report_id, *reports], folder / "tong-hop.db").path
    _with_overflow_and_freelist(sample, folder / "tran-trang.db")
    shutil.copyfile(FIXTURES / "library_v1.db", folder / "luoc-do-1.db")
    return [_seed(p) for p in (district, sample, consolidated, folder / "tran-trang.db", folder / "luoc-do-1.db")]


def receiving_library(folder: Path) -> bytes:
    """The library files are imported into: the sample library (Kiên Giang's two reports)."""
    from model.library.sample import write_sample

    write_sample(folder / "nhan.db").close()
    return (folder / "nhan.db").read_bytes()
