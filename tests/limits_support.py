"""Running the command line on a hostile input and measuring what its refusal cost: the CPU time of that one
process (``os.wait4`` gives the child's own usage) and its peak memory (``VmHWM`` of its own address space, read
by the child as it exits: the ``ru_maxrss`` a parent sees keeps the high-water mark of the pytest process it was
forked from), under an address-space cap so a regression fails fast instead of swapping the machine."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.locations import ROOT

CPU_SECONDS = 5.0
"""Every refusal's bound (a process start of the program included, some 0,5 s)."""
PEAK_MB = 300.0
_CAP_BYTES = 2 * 1024**3
_PEAK_FILE = "SOANBAOCAO_TEST_PEAK_FILE"
_CHILD = f"""
import atexit, os, runpy, sys

def _peak():
    with open('/proc/self/status') as status, open(os.environ['{_PEAK_FILE}'], 'w') as out:
        out.write(next(line for line in status if line.startswith('VmHWM:')).split()[1])

atexit.register(_peak)
sys.argv = ['main.py', *sys.argv[1:]]
runpy.run_path('main.py', run_name='__main__')
"""


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    cpu_seconds: float
    peak_mb: float

    def within_bounds(self) -> bool:
        return self.cpu_seconds < CPU_SECONDS and self.peak_mb < PEAK_MB


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_CAP_BYTES, _CAP_BYTES))


def run_measured(*argv: str | Path, timeout: float = 60) -> Run:
    """``main.py argv`` in its own process: exit status, output, CPU seconds and peak resident memory (infinite
    when the process died before saying it)."""
    with tempfile.TemporaryDirectory(prefix="mesure-") as folder:
        out_path, err_path, peak_path = (Path(folder) / name for name in ("out", "err", "peak"))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", _PEAK_FILE: str(peak_path)}
        with out_path.open("w") as out, err_path.open("w") as err:
            process = subprocess.Popen([sys.executable, "-c", _CHILD, *map(str, argv)], cwd=ROOT, stdout=out,
                                       stderr=err, env=env, preexec_fn=_cap)
            deadline = time.monotonic() + timeout
            while True:  # wait4, not Popen.wait, reaps the child: it alone gives the child's own CPU time
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    process.kill()
                    _, status, usage = os.wait4(process.pid, 0)
                    break
                time.sleep(0.02)
            process.returncode = os.waitstatus_to_exitcode(status)
        peak = int(peak_path.read_text()) / 1024 if peak_path.exists() else float("inf")
        return Run(process.returncode, out_path.read_text(encoding="utf-8"), err_path.read_text(encoding="utf-8"),
                   usage.ru_utime + usage.ru_stime, peak)
