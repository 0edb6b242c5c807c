"""Soạn báo cáo: start the editor, or run one command of the command line (``cli/``).

    python main.py [LIB.db | postgresql://…]     the editor (gui/)
    python main.py COMMAND …                     one command (cli/; ``--help`` lists them)
    python main.py --self-test                   prove an installed copy works, without a screen

The commands call the same services as the editor and never import Qt. Errors a clerk can cause print one
Vietnamese line on stderr and exit with status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from model.version import __version__

__all__ = ["__version__", "main"]


def _opens_editor(argv: list[str]) -> bool:
    """Whether the arguments name no command but a library for the editor: none, a .db file, or a server. Decided
    without loading the command line, which the editor's start does not need."""
    from model.server.scheme import is_server_url

    return not argv or argv[0].lower().endswith(".db") or is_server_url(argv[0])


def main(argv: list[str] | None = None) -> int:
    from cli.console import attach_parent_console, use_utf8_console

    argv = sys.argv[1:] if argv is None else argv
    if _opens_editor(argv):
        use_utf8_console()
        from gui.app import run_gui

        return run_gui(argv[0] if argv else None)
    if sys.stdout is None and sys.platform == "win32":
        attach_parent_console()
    use_utf8_console()
    if argv[0] == "--self-test":
        from gui.selftest import run_self_test

        return run_self_test(__version__)
    from cli.parser import COMMANDS, run_command

    if argv[0] in COMMANDS or argv[0].startswith("-"):
        return run_command(argv)
    if Path(argv[0]).is_file():  # a library file named without .db
        from gui.app import run_gui

        return run_gui(argv[0])
    from cli.common import EXIT_USAGE  # a typo of a command must not open the editor on a new library

    print(f"Lỗi: không có lệnh “{argv[0]}” (các lệnh: {', '.join(COMMANDS)}); mở thư viện thì ghi tệp .db. "
          "Xem hướng dẫn: SoanBaoCao --help", file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the bundle's worker processes (model.excel.importing) start here
    sys.exit(main())
