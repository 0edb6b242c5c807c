"""Start-up time of the editor beside a bare PySide6 window (target: under twice the bare window).

    python tests/benchmarks/bench_startup.py [RUNS]

Each run is a fresh process, timed from just before it is spawned to the moment it reports its window
shown: for the bare case ``QApplication`` plus one ``QLabel``; for the editor the main window on the sample
library with the quý II report in the form and its checks done (what ``python main.py mau.db`` shows).
The two kinds alternate so that disk caches and machine load treat them alike. Also reports whether
python-docx or reportlab were imported at start-up (they must not be).
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

BARE = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("Soạn báo cáo")
label.show()
app.processEvents()
print("shown", flush=True)
"""

EDITOR = """
import sys
sys.path.insert(0, {root!r})
import main  # what `python main.py LIB.db` runs first
from gui.app import start_editor
from gui.main_window import MainWindow
from PySide6.QtWidgets import QApplication
opening = MainWindow.open_at_start
def announce_then_open(window, *args):
    print("painted", flush=True)  # the window is on screen; the library is not open yet
    opening(window, *args)
MainWindow.open_at_start = announce_then_open
window = start_editor({library!r})
QApplication.processEvents()
assert window.report_id is not None and window.problem_count.text(), "report not shown or not checked"
heavy = sorted(m for m in ("docx", "reportlab", "export.docx_writer", "export.pdf_writer") if m in sys.modules)
print("shown", ",".join(heavy), flush=True)
"""


def _time_process(code: str, env: dict[str, str]) -> dict[str, tuple[float, str]]:
    """Milliseconds from spawning ``code`` to each line it prints (by the line's first word), and the rest
    of that line."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env, cwd=ROOT)
    lines: dict[str, tuple[float, str]] = {}
    for line in process.stdout:
        word, _, rest = line.strip().partition(" ")
        lines[word] = ((time.perf_counter() - start) * 1000, rest)
        if word == "shown":
            break
    process.stdout.close()
    process.wait()
    if "shown" not in lines:
        raise SystemExit(f"the child process failed (exit {process.returncode})")
    return lines


def main(runs: int) -> int:
    sys.path.insert(0, str(ROOT))
    from model.sample import write_sample

    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "mau.db"
        write_sample(library).close()
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "SOANBAOCAO_DATA_DIR": folder}
        editor_code = EDITOR.format(root=str(ROOT), library=str(library))
        _time_process(BARE, env)  # warm the disk cache for both
        _time_process(editor_code, env)
        bare, painted, editor, heavy = [], [], [], set()
        for _ in range(runs):
            bare.append(_time_process(BARE, env)["shown"][0])
            lines = _time_process(editor_code, env)
            painted.append(lines["painted"][0])
            editor.append(lines["shown"][0])
            heavy.update(filter(None, lines["shown"][1].split(",")))
    bare_ms, painted_ms, editor_ms = statistics.median(bare), statistics.median(painted), statistics.median(editor)
    sys.stdout.write(
        f"bare PySide6 window (QApplication + QLabel): median {bare_ms:.0f} ms (min {min(bare):.0f}) over {runs}\n"
        f"editor window on screen (library loading):  median {painted_ms:.0f} ms (min {min(painted):.0f})"
        f"  = {painted_ms / bare_ms:.2f}×\n"
        f"editor on the sample, checks done:          median {editor_ms:.0f} ms (min {min(editor):.0f})"
        f"  = {editor_ms / bare_ms:.2f}× (target < 2×)\n"
        f"python-docx/reportlab imported at start-up: {', '.join(sorted(heavy)) or 'no'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 7))
