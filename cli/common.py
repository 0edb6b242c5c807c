"""What every command shares: exit codes, the clerk's error, opening the library a command names."""

from __future__ import annotations

import argparse
from collections.abc import Callable

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_UNEXPECTED = 3
"""A fault of the program: one line for the clerk, the traceback in the log."""


class CommandError(Exception):
    """A clerk's error on the command line: printed as one line, exit status 2."""


def open_library(path: str):
    """The library a command names: a file, or a server (``postgresql://…``)."""
    from model.library.library import Library

    return Library.open(path)


def report_ids(library, ref: str | None) -> list[str]:
    """The report ``ref`` names, or every report of the library when none is named."""
    if ref:
        return [library.find_report(ref).id]
    return [r.id for r in library.reports()]


def parse_period(text: str):
    """A period as the clerk writes it (``2018-Q2``, ``2018-6T``, ``2018-N``); a mistake is a clerk's error."""
    from model.vietnamese.period import Period

    try:
        return Period.parse(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def library_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", metavar="LIB.db", help="tệp thư viện báo cáo")


def cmd_with_action(args: argparse.Namespace) -> int:
    """``office …`` and ``report …``: run the handler of the action given after the command."""
    return args.action_handler(args)


def log_to_file():
    """The log file of the editor, for the command lines that may have something to keep (``None``: cannot)."""
    from model.logfile import log, setup_logging  # the handler imports socket and pickle: only when needed

    try:
        setup_logging()
    except OSError:
        return None
    return log


Command = tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
"""A command's help line, how its arguments are set up, and what runs it."""
