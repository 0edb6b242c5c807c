"""How long exporting the sample report takes (targets: < 100 ms in-process for each format; the whole
``main.py export … .pdf`` command under a quarter of ``soffice --headless --convert-to pdf`` of our DOCX).

    python tests/benchmarks/bench_export.py

In-process times are taken after one warm-up export (imports, font registration), as the editor
exports after start-up; the first, cold export is printed too. The command reads the report through
``model.library.quickread`` (no SQLAlchemy import). LibreOffice gets its own profile folder and one warm-up
conversion, so its time is a warm start, not a first-run profile creation. The machine's load moves
both numbers; run it on an idle machine for figures to quote.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from export.document.fonts import registered_fonts  # noqa: E402
from export.document.service import export_report  # noqa: E402
from model.library.sample import write_sample  # noqa: E402


def _times(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _summary(times: list[float]) -> str:
    return f"best {min(times):7.1f} ms, median {statistics.median(times):7.1f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        os.environ["SOANBAOCAO_DATA_DIR"] = str(folder / "userdata")
        library_path = folder / "mau.db"
        library = write_sample(library_path)
        report = library.find_report("2018-Q2").id

        print("In-process export of the sample (quý II/2018), target < 100 ms each:")
        for fmt in ("docx", "pdf"):
            out = folder / f"bc.{fmt}"
            cold = _times(lambda out=out: export_report(library, report, out), 1)[0]
            warm = _times(lambda out=out: export_report(library, report, out), 20)
            print(f"  {fmt:4}: cold {cold:7.1f} ms; warm {_summary(warm)}")
        print(f"  font: {registered_fonts().describe()}")
        library.close()

        command = [sys.executable, str(ROOT / "main.py"), "export", str(library_path), "--report", "2018-Q2",
                   "--to", str(folder / "cmd.pdf")]
        subprocess.run(command, check=True, capture_output=True)  # warm-up: file cache, .pyc
        cli = _times(lambda: subprocess.run(command, check=True, capture_output=True), 7)
        print("\nWhole command vs LibreOffice, target: ours < 1/4 of LibreOffice:")
        print(f"  python main.py export … .pdf:                 {_summary(cli)}")

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("  soffice not installed: LibreOffice comparison skipped")
            return
        profile = (folder / "lo-profile").as_uri()
        convert = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                   str(folder / "lo"), str(folder / "bc.docx")]
        subprocess.run(convert, check=True, capture_output=True)  # warm-up: creates the profile
        office = _times(lambda: subprocess.run(convert, check=True, capture_output=True), 5)
        print(f"  soffice --headless --convert-to pdf bc.docx:  {_summary(office)}")
        ratio = statistics.median(cli) / statistics.median(office)
        print(f"  ratio of medians: {ratio:.2f}, of bests: {min(cli) / min(office):.2f}  "
              f"({'met' if ratio < 0.25 else 'NOT met'}: target < 0.25)")


if __name__ == "__main__":
    main()
