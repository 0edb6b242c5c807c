"""Benchmark: import 1.000 sub-unit .db files into a province library, then consolidate them.

    python tests/benchmarks/bench_exchange.py [--units 1000] [--keep DIR]

Target: import + consolidation under 10 s on the team machine, memory flat (the resident set size does
not grow with the number of files). Prints the times and the RSS at a few points. The files are
generated in a temporary folder that is deleted at the end (unless --keep).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from model.exchange.consolidation import consolidate
from model.exchange.dbexport import export_reports
from model.exchange.dbimport import import_files
from model.library.library import Library
from model.progress import Progress
from model.vietnamese.period import Period

PERIOD = Period(2018, 2)
PROVINCE = "Ủy ban nhân dân tỉnh Kiên Giang"


def rss_mb() -> float:
    """Resident set size now, in MB."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def unit_figures(rng: random.Random) -> dict[str, int]:
    muc_3, muc_4, muc_1_2 = rng.randint(5, 60), rng.randint(0, 20), rng.randint(30, 200)
    received = rng.randint(50, 3000)
    return {"dvc_tong": muc_1_2 + muc_3 + muc_4, "dvc_muc_1_2": muc_1_2, "dvc_muc_3": muc_3, "dvc_muc_4": muc_4,
            "dvc_ho_so_truc_tuyen": rng.randint(0, 500), "mot_cua_huyen_tiep_nhan": received,
            "mot_cua_huyen_dung_han": rng.randint(0, received), "vb_di_van_phong": rng.randint(100, 5000),
            "vb_luan_chuyen": rng.randint(1000, 90000), "cks_so_chu_ky": rng.randint(1, 40),
            "cks_van_ban_ky_so": rng.randint(10, 4000), "htth_diem_cau": rng.randint(1, 5)}


def generate(folder: Path, units: int, province_id: str) -> list[Path]:
    """One file exported by the application, then copies of it with a new office, report and figures each."""
    rng = random.Random(36)
    with Library.create(folder / "huyen-mau.db") as library:
        library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang", org_id=province_id)
        office = library.add_organization("Ủy ban nhân dân huyện Mẫu", "ỦY BAN NHÂN DÂN\nHUYỆN MẪU", "Kiên Giang",
                                          parent_header="UBND TỈNH KIÊN GIANG", parent_id=province_id)
        report = library.create_report(office, PERIOD)
        library.set_values(report, {**unit_figures(rng), "mot_cua_tinh_hinh": "Vận hành ổn định."})
        model_file = export_reports(library, [report], folder / "mau.db").path
    files = []
    for number in range(1, units + 1):
        path = folder / f"don-vi-{number:04d}.db"
        shutil.copyfile(model_file, path)
        conn = sqlite3.connect(path)
        new_office, new_report = str(uuid.uuid4()), str(uuid.uuid4())
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE organizations SET id = ?, name = ?, header_name = ? WHERE id = ?",
                     (new_office, f"Ủy ban nhân dân xã Số {number}", f"ỦY BAN NHÂN DÂN\nXÃ SỐ {number}", office))
        conn.execute("UPDATE reports SET id = ?, organization_id = ?", (new_report, new_office))
        conn.execute("UPDATE field_values SET report_id = ?", (new_report,))
        conn.executemany("UPDATE field_values SET int_value = ? WHERE key = ?",
                         [(v, k) for k, v in unit_figures(rng).items()])
        conn.commit()
        conn.close()
        files.append(path)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-exchange-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        province_id = str(uuid.uuid4())
        start = time.perf_counter()
        files = generate(folder, args.units, province_id)
        print(f"generated {len(files)} files in {time.perf_counter() - start:.1f} s "
              f"({sum(f.stat().st_size for f in files) / 2**20:.1f} MB)")
        print(f"RSS before import: {rss_mb():.1f} MB (peak so far {peak_mb():.1f} MB)")

        marks = {0, len(files) // 4, len(files) // 2, 3 * len(files) // 4}

        def report(done: int, total: int) -> None:
            if done in marks:
                print(f"  import {done:>5}/{total}: {time.perf_counter() - t0:6.2f} s, RSS {rss_mb():.1f} MB")

        library_path = folder / "tinh.db"
        with Library.create(library_path) as library:
            library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang", org_id=province_id)
            t0 = time.perf_counter()
            result = import_files(library, files, progress=Progress(report=report))
            import_time = time.perf_counter() - t0
            refused = [f for f in result.files if f.refused]
            print(f"import: {result.written} reports from {len(files)} files in {import_time:.2f} s "
                  f"({1000 * import_time / len(files):.2f} ms/file), {len(refused)} refused; "
                  f"RSS {rss_mb():.1f} MB")
            if refused:
                print("  first refusal:", refused[0].summary)

            sources = [r.id for r in library.reports() if r.organization_id != province_id]
            t1 = time.perf_counter()
            consolidated = consolidate(library, PERIOD, province_id, sources)
            consolidate_time = time.perf_counter() - t1
            print(f"consolidate: {consolidated.units} units in {consolidate_time:.2f} s; RSS {rss_mb():.1f} MB")
            t2 = time.perf_counter()
            table = library.appendix(consolidated.report_id)
            print(f"appendix table: {len(table.rows)} rows + total in {time.perf_counter() - t2:.2f} s; "
                  f"total row {table.total}")
        total = import_time + consolidate_time
        print(f"import + consolidate: {total:.2f} s (target < 10 s) — {'OK' if total < 10 else 'TOO SLOW'}")
        print(f"peak RSS of the whole run: {peak_mb():.1f} MB")
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
