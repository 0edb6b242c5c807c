"""Start-up time of the editor beside a bare PySide6 window (target: under twice the bare window).

    python tests/benchmarks/bench_startup.py [RUNS]

Each run is a fresh process, timed from just before it is spawned to the moment it reports its window
shown: for the bare case ``QApplication`` plus one ``QLabel``; for the editor the first paint of the form
with the quý II report of the sample library in it and its checks done (what ``python main.py mau.db``
shows), caught by an event filter on the application and checked there (figures shown, problems counted
and listed). Also timed: the main window's first paint, and the moment the real ``Library`` is open (it
is opened after that first paint when the file could be read without SQLAlchemy). The two kinds
alternate so that disk caches and machine load treat them alike. Also reports whether python-docx or
reportlab were imported at start-up (they must not be).
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
import time
sys.path.insert(0, {root!r})
import main  # what `python main.py LIB.db` runs first
import gui.app
from gui.main_window import MainWindow
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLineEdit


class Paints(QObject):
    # Announces the main window's first paint, then the first paint of the form with the report and its checks.
    painted = shown = False

    def eventFilter(self, widget, event):
        if event.type() != QEvent.Type.Paint or self.shown:
            return False
        window = widget.window()
        if not isinstance(window, MainWindow):
            return False
        if not self.painted:
            self.painted = True
            print("painted", flush=True)
        form = window.form
        if form is not None and form.isAncestorOf(widget) and window.report_id is not None:
            assert "quý II năm 2018" in window.windowTitle(), window.windowTitle()
            assert form.findChild(QLineEdit, "dvc_tong").text() == "1.972", "the report's figures are not shown"
            assert window.problem_count.text(), "the checks have not run"
            assert window.problems_panel.count() == len(window.problems), "the problems are not listed"
            heavy = sorted(m for m in ("docx", "reportlab", "export.docx_writer", "export.pdf_writer")
                           if m in sys.modules)
            self.shown = True
            print("shown", ",".join(heavy), flush=True)
        return False


paints = Paints()
make_application = gui.app._application
def watched_application():
    app = make_application()
    app.installEventFilter(paints)
    return app
gui.app._application = watched_application
window = gui.app.start_editor({library!r})
deadline = time.monotonic() + 30
while not paints.shown:
    assert time.monotonic() < deadline, "the report was never painted"
    QApplication.processEvents()
QApplication.processEvents()  # the library is opened once the window is painted
assert window.library is not None
print("open", flush=True)
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
    process.stdout.close()
    process.wait()
    if process.returncode != 0 or "shown" not in lines:
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
        bare, painted, editor, opened, heavy = [], [], [], [], set()
        for _ in range(runs):
            bare.append(_time_process(BARE, env)["shown"][0])
            lines = _time_process(editor_code, env)
            painted.append(lines["painted"][0])
            editor.append(lines["shown"][0])
            opened.append(lines["open"][0])
            heavy.update(filter(None, lines["shown"][1].split(",")))
    bare_ms, painted_ms, editor_ms = statistics.median(bare), statistics.median(painted), statistics.median(editor)
    opened_ms = statistics.median(opened)
    sys.stdout.write(
        f"bare PySide6 window (QApplication + QLabel): median {bare_ms:.0f} ms (min {min(bare):.0f}) over {runs}\n"
        f"editor window first painted:                median {painted_ms:.0f} ms (min {min(painted):.0f})"
        f"  = {painted_ms / bare_ms:.2f}×\n"
        f"editor on the sample, checks done, painted: median {editor_ms:.0f} ms (min {min(editor):.0f})"
        f"  = {editor_ms / bare_ms:.2f}× (target < 2×)\n"
        f"library open (SQLAlchemy) after that:       median {opened_ms:.0f} ms (min {min(opened):.0f})\n"
        f"python-docx/reportlab imported at start-up: {', '.join(sorted(heavy)) or 'no'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 7))
