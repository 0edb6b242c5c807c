"""Running the command line on a hostile input and measuring what its refusal cost: the CPU time and the peak
memory of that one process (``os.wait4`` gives the child's own resource usage), under an address-space cap so a
regression fails fast instead of swapping the machine."""

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
    """``main.py argv`` in its own process: exit status, output, CPU seconds and peak resident memory."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        process = subprocess.Popen([sys.executable, "main.py", *map(str, argv)], cwd=ROOT, stdout=out, stderr=err,
                                   env=env, preexec_fn=_cap)
        deadline = time.monotonic() + timeout
        while True:  # wait4, not Popen.wait, reaps the child: it alone gives the child's own usage
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(process.returncode, out.read(), err.read(), usage.ru_utime + usage.ru_stime,
                   usage.ru_maxrss / 1024)
