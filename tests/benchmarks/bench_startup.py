"""Start-up time of the editor beside a bare PySide6 window (target: under twice the bare window).

    python tests/benchmarks/bench_startup.py [RUNS]

Each run is a fresh process, timed from just before it is spawned to the moment its window is shown: for
the bare case ``QApplication`` plus one ``QLabel`` painted; for the editor the main window with the quý II
report of the sample library in the form and its checks done (what ``python main.py mau.db`` shows),
that is the end of the first round of events in which Qt painted the window while it showed the report
checked (title, figures, problems counted and listed), seen by a filter on the window's own events. The
times are wall-clock times the child prints. Also timed: the window's first paint, and the moment the
real ``Library`` is open (opened once the window is painted when the file could be read without
SQLAlchemy). The two kinds alternate so that disk caches and machine load treat them alike. Also reports
whether python-docx or reportlab were imported at start-up (they must not be).
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

EDITOR = """
import sys
import time
sys.path.insert(0, {root!r})
import main  # what `python main.py LIB.db` runs first
import gui.app
from gui.main_window import MainWindow
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLineEdit

PAINTING = (QEvent.Type.Expose, QEvent.Type.Paint, QEvent.Type.UpdateRequest)


def report_checked(window):
    return (window.report_id is not None and window.form is not None and window.form.isVisible()
            and bool(window.problem_count.text()))


class Paints(QObject):
    # Watches the main window's own events only (an application-wide filter slows the start down): the
    # window paints its widgets while it handles these. The times are taken when Qt has handled them.
    def __init__(self, window):
        super().__init__()
        self.main = window
        self.window = self.report = False
        self.first = self.shown = None
        window.installEventFilter(self)
        window.windowHandle().installEventFilter(self)

    def eventFilter(self, _watched, event):
        if event.type() in PAINTING:
            self.window = True
            self.report = self.report or report_checked(self.main)
        return False

    def handled(self):
        if self.window and self.first is None:
            self.first = time.time()
        if self.report and self.shown is None:
            window = self.main
            assert "quý II năm 2018" in window.windowTitle(), window.windowTitle()
            assert window.form.findChild(QLineEdit, "dvc_tong").text() == "1.972", "figures not shown"
            assert window.problems_panel.count() == len(window.problems), "the problems are not listed"
            self.shown = time.time()


watching = []
show, process_events = MainWindow.show, QApplication.processEvents
def watched_show(window):
    show(window)
    watching.append(Paints(window))
def watched_process_events(*args):
    process_events(*args)
    for paints in watching:
        paints.handled()
MainWindow.show, QApplication.processEvents = watched_show, watched_process_events
window = gui.app.start_editor({library!r})
deadline = time.monotonic() + 30
(paints,) = watching
while paints.shown is None:
    assert time.monotonic() < deadline, "the report was never painted"
    QApplication.processEvents()
QApplication.processEvents()  # the library is opened once the window is painted
assert window.library is not None
opened = time.time()
HEAVY = ("docx", "reportlab", "export.document.docx_writer", "export.document.pdf_writer")
heavy = sorted(m for m in HEAVY if m in sys.modules)
print("painted", paints.first, flush=True)
print("shown", paints.shown, ",".join(heavy), flush=True)
print("open", opened, flush=True)
"""

BARE = """
import time
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("Soạn báo cáo")
label.show()
app.processEvents()
print("shown", time.time(), flush=True)
"""


def _time_process(code: str, env: dict[str, str]) -> dict[str, tuple[float, str]]:
    """For each line ``code`` prints (``word wall-clock-time rest``): milliseconds from spawning it to that
    time, and the rest of the line."""
    start = time.time()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env, cwd=ROOT)
    lines: dict[str, tuple[float, str]] = {}
    for line in process.stdout:
        word, _, rest = line.strip().partition(" ")
        moment, _, rest = rest.partition(" ")
        lines[word] = ((float(moment) - start) * 1000, rest)
    process.stdout.close()
    process.wait()
    if process.returncode != 0 or "shown" not in lines:
        raise SystemExit(f"the child process failed (exit {process.returncode})")
    return lines


def main(runs: int) -> int:
    sys.path.insert(0, str(ROOT))
    from model.library.sample import write_sample

    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "mau.db"
        write_sample(library).close()
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "SOANBAOCAO_DATA_DIR": folder}
        # A clerk's Python keeps the compiled modules (the bundle ships them compiled): let the warm-up runs
        # write them, or every run would compile the modules changed since they were last written.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
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
