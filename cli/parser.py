"""The command line's parser, assembled from the groups of commands, and running one command."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from cli import argparse_vi, excel, exchange, offices, oversight, reports, server, signing, templates
from cli.common import EXIT_UNEXPECTED, EXIT_USAGE, Command, CommandError, log_to_file
from model.version import __version__

COMMANDS: dict[str, Command] = {**reports.COMMANDS, **exchange.COMMANDS, **templates.COMMANDS, **offices.COMMANDS,
                                **excel.COMMANDS, **oversight.COMMANDS, **signing.COMMANDS,
                                **server.COMMANDS}


class VietnameseParser(argparse.ArgumentParser):
    """argparse whose usage errors are one Vietnamese line (exit status 2), like every other clerk's error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"Lỗi: {message}. Xem hướng dẫn: {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    argparse_vi.install()
    parser = VietnameseParser(prog="SoanBaoCao", description="Soạn báo cáo định kỳ Chính phủ điện tử.")
    parser.add_argument("--version", action="version", version=f"Soạn báo cáo {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="tự kiểm tra bản cài đặt (không cần màn hình): in một dòng OK, mã thoát 0")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name, (help_text, setup, handler) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text)
        setup(sub)
        sub.set_defaults(handler=handler)
    return parser


def run_command(argv: list[str]) -> int:
    """Run one command line command; every clerk's error becomes one line on stderr."""
    from model.errors import LibraryError, os_error_text
    from model.report.template import TemplateError

    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (CommandError, LibraryError, TemplateError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"Lỗi: không đọc/ghi được tệp {exc.filename or ''}: {os_error_text(exc)}.", file=sys.stderr)
        return EXIT_USAGE
    except Exception:  # never a traceback for the clerk: one line here, the details in the log
        log = log_to_file()
        from model.logfile import log_path

        print(f"Lỗi ngoài dự kiến; chi tiết đã ghi vào nhật ký {log_path() if log else '(không ghi được)'}. "
              "Nếu lỗi lặp lại, hãy gửi tệp đó cho bộ phận hỗ trợ.", file=sys.stderr)
        if log:
            log.exception("Lỗi ngoài dự kiến khi chạy lệnh %s", argv[0] if argv else "")
        return EXIT_UNEXPECTED
