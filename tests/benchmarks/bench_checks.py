"""How long one full check of the sample report takes in-process (target: under 1 ms).

    python tests/benchmarks/bench_checks.py

Measures the check engine on the values as the editor holds them (what runs on every keystroke), and,
for reference, ``Library.check`` which also reads the report and the previous quarter from the file.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from model.library.sample import write_sample
from model.report.checks import engine_for


def _best_of(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, statistics.median(times) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        library = write_sample(Path(folder) / "mau.db")
        report = library.find_report("2018-Q2").id
        template = library.template_of(report)
        values, context = library.values(report), library.check_context(report)
        engine = engine_for(template)
        problems = engine.run(values, context)
        best, median = _best_of(lambda: engine.run(values, context), 2000)
        print(f"check engine, sample quý II ({len(template.checks)} checks, {len(problems)} problems): "
              f"best {best:.3f} ms, median {median:.3f} ms  (target < 1 ms)")
        values["dvc_muc_3"] = 657
        best, median = _best_of(lambda: engine.run(values, context), 2000)
        print(f"check engine with an error:                    best {best:.3f} ms, median {median:.3f} ms")
        best, median = _best_of(lambda: library.check(report), 50)
        print(f"Library.check incl. reading both reports from the file: best {best:.2f} ms, median {median:.2f} ms")
        library.close()


if __name__ == "__main__":
    main()
