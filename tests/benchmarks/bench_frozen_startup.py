"""Start-up of the frozen bundle beside ``python main.py``: time until the editor's window is shown on the sample.

    tools/build_linux.sh                                    (builds dist/SoanBaoCao first)
    python tests/benchmarks/bench_frozen_startup.py [RUNS]

Each run is a fresh process started as a clerk starts it (``SoanBaoCao mau.db`` / ``python main.py
mau.db``), timed from just before it is spawned to the moment its main window is shown with the quý II
report in the form and its checks done. The frozen program cannot run a timing script, so both are
started with ``SOANBAOCAO_STARTUP_MARK`` set: ``gui.app.run_gui`` then writes the wall-clock time the
window was shown to that file and quits. The two kinds alternate so disk caches and machine load treat
them alike; the first run of each is a warm-up and not counted. Offscreen unless QT_QPA_PLATFORM says
otherwise.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "SoanBaoCao" / ("SoanBaoCao.exe" if sys.platform == "win32" else "SoanBaoCao")


def _time_to_window(command: list[str], env: dict[str, str], mark: Path) -> tuple[float, float]:
    """(ms until the window was shown, ms until the process ended)."""
    mark.unlink(missing_ok=True)
    started = time.time()
    done = subprocess.run(command, env={**env, "SOANBAOCAO_STARTUP_MARK": str(mark)}, cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
    ended = time.time()
    if done.returncode != 0 or not mark.is_file():
        raise SystemExit(f"{command[0]} failed (exit {done.returncode}, no start-up mark)")
    shown, _, report_id = mark.read_text(encoding="utf-8").partition(" ")
    if not report_id:
        raise SystemExit(f"{command[0]} showed no report")
    return (float(shown) - started) * 1000, (ended - started) * 1000


def _line(name: str, times: list[float]) -> str:
    return f"{name:<34} median {statistics.median(times):5.0f} ms (min {min(times):.0f}, max {max(times):.0f})"


def main(runs: int) -> int:
    if not BUNDLE.is_file():
        sys.stderr.write(f"No bundle at {BUNDLE}: run tools/build_linux.sh first.\n")
        return 2
    sys.path.insert(0, str(ROOT))
    from model.library.sample import write_sample

    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "mau.db"
        write_sample(library).close()
        mark = Path(folder) / "shown.txt"
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "SOANBAOCAO_DATA_DIR": folder}
        commands = {"frozen bundle (SoanBaoCao mau.db)": [str(BUNDLE), str(library)],
                    "source (python main.py mau.db)": [sys.executable, str(ROOT / "main.py"), str(library)]}
        shown: dict[str, list[float]] = {name: [] for name in commands}
        ended: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(runs + 1):
            for name, command in commands.items():
                to_window, to_exit = _time_to_window(command, env, mark)
                if run:  # the first round warms the disk cache
                    shown[name].append(to_window)
                    ended[name].append(to_exit)
    sys.stdout.write(f"Start-up to the main window on the sample, {runs} runs each "
                     f"({env['QT_QPA_PLATFORM']}):\n")
    for name in commands:
        sys.stdout.write(_line(name, shown[name]) + f"; process ends after {statistics.median(ended[name]):.0f} ms\n")
    frozen, source = (statistics.median(times) for times in shown.values())
    sys.stdout.write(f"frozen / source: {frozen / source:.2f}×\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 7))
