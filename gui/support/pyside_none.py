"""A guard against PySide6 6.12.0 on Python 3.11, which drops a reference to ``None`` on every call of a Qt method
that returns nothing (``setVisible``, ``setText``…): ``None`` starts with some 30.000 references, the editor makes
about a hundred such calls per keystroke, and after a few hundred keystrokes Python aborts with “deallocating None”
(found by the editor's fuzz target, tests/fuzz/target_editor.py, after 264 libraries opened in one process).

Python 3.12 made ``None`` immortal (PEP 683), so the bug is harmless there. On 3.11 we do what 3.12 does: give
``None`` so many references that no run of the editor can use them up. pyproject.toml excludes 6.12.0 too; this
guard covers a machine where it is installed anyway."""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40
"""References added to ``None``: 10¹² void calls, some 30 years of calls at a million a second."""
_applied = False


def affected(pyside_version: str, python: tuple[int, int] = sys.version_info[:2]) -> bool:
    return python < (3, 12) and pyside_version.startswith("6.12.0")


def keep_none_alive() -> None:
    """Once per process, on an affected PySide6 and Python: make ``None`` as good as immortal."""
    global _applied
    import PySide6

    if _applied or not affected(PySide6.__version__):
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field of every object
    refcount.value += _HEADROOM
    _applied = True
