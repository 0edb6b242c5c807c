"""Benchmark: import 500 filled data-entry workbooks, then export the figures of 1.000 reports to Excel.

    python tests/benchmarks/bench_excel.py [--units 500] [--keep DIR]

Target: each under 10 s on the team machine. The district libraries' forms are written by the program
with the figures in their entry cells (what a clerk's filled workbook holds), then all are imported into a
fresh province library in one call; the province's library then gets a second quarter for every unit and
its 1.000 reports are exported. Prints the times; the files live in a temporary folder deleted at the end
(unless --keep).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from model.excel.figures import select_reports, write_figures
from model.excel.form import write_form
from model.excel.importing import import_workbooks
from model.library.library import Library
from model.vietnamese.period import Period
from tests.benchmarks.bench_exchange import PROVINCE, unit_figures

PERIODS = (Period(2018, 1), Period(2018, 2))


def cpu_seconds() -> float:
    """CPU time of this process and its finished workers: unlike the wall clock, not inflated when other
    programs share the machine."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def generate(folder: Path, units: int) -> tuple[list[Path], float]:
    """``units`` filled workbooks of quý II/2018, one per commune, and the seconds writing them took."""
    rng = random.Random(11)
    forms: list[Path] = []
    with Library.create(folder / "huyen.db") as library:
        province = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
        reports = []
        for number in range(1, units + 1):
            office = library.add_organization(f"Ủy ban nhân dân xã Số {number}", f"ỦY BAN NHÂN DÂN\nXÃ SỐ {number}",
                                              "Kiên Giang", parent_id=province)
            report = library.create_report(office, PERIODS[1])
            library.set_values(report, {**unit_figures(rng), "mot_cua_tinh_hinh": "Vận hành ổn định.\nKhông sự cố."})
            reports.append(report)
        start = time.perf_counter()
        for number, report in enumerate(reports, start=1):
            forms.append(write_form(library, report, folder / f"phieu-{number:04d}.xlsx"))
        return forms, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-excel-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        forms, writing = generate(folder, args.units)
        print(f"ghi {len(forms)} phiếu nhập: {writing:.1f} s ({1000 * writing / len(forms):.1f} ms/phiếu)")

        with Library.create(folder / "tinh.db") as library:
            start, cpu = time.perf_counter(), cpu_seconds()
            result = import_workbooks(library, forms)
            importing, cpu = time.perf_counter() - start, cpu_seconds() - cpu
            assert result.written == len(forms) and not result.any_refused, result.files[0].lines()
            print(f"nhập {len(forms)} phiếu Excel: {importing:.1f} s ({1000 * importing / len(forms):.1f} ms/phiếu)"
                  f", CPU {cpu:.1f} s — mục tiêu < 10 s")

            for report in list(library.reports()):
                library.create_report(report.organization_id, PERIODS[0])
            reports = select_reports(library)
            start, cpu = time.perf_counter(), cpu_seconds()
            figures = write_figures(library, reports, folder / "so-lieu.xlsx")
            exporting, cpu = time.perf_counter() - start, cpu_seconds() - cpu
            print(f"xuất số liệu {figures.reports} báo cáo ra Excel: {exporting:.1f} s, CPU {cpu:.1f} s "
                  "— mục tiêu < 10 s")


if __name__ == "__main__":
    main()
