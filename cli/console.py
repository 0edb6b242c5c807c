"""The console of a command run from cmd or PowerShell: UTF-8, and the windowed Windows build attached to it."""

from __future__ import annotations

import sys


def use_utf8_console() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def attach_parent_console() -> None:
    """The windowed Windows build (SoanBaoCao.exe) has no stdout/stderr. When a command is run from cmd or
    PowerShell, borrow that console so its lines show there (cmd does not wait for a windowed program:
    ``start /wait "" SoanBaoCao.exe ...`` does)."""
    import ctypes

    attach_parent_process = -1
    if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        return  # started from Explorer or a service: nothing to write to
    try:
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 (open until the process ends)
        sys.stderr = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
    except OSError:
        pass


