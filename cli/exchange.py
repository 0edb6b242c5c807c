"""Commands between offices: export-db, import, consolidate (units into their parent), rollup (quarters into
half-years and years)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import EXIT_USAGE, Command, CommandError, library_arg, log_to_file, open_library, parse_period
from model.server.scheme import is_server_url


def cmd_export_db(args: argparse.Namespace) -> int:
    from model.exchange.dbexport import export_reports

    with open_library(args.library) as library:
        reports = library.find_reports(args.reports)
        result = export_reports(library, [r.id for r in reports], Path(args.to))
    print(result.message)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from model.exchange.dbimport import read_db_file

    return import_with(args, read_db_file)


def import_with(args: argparse.Namespace, reader) -> int:
    """Import ``args.files`` (read by ``reader``) into ``args.library``, creating it when missing."""
    from model.exchange.dbimport import import_files
    from model.library.library import Library

    log_to_file()  # why a received file was refused, in SQLite's own words, goes to the log
    path = Path(args.library)
    created = not is_server_url(args.library) and not path.exists()
    library = Library.create(path) if created else open_library(args.library)
    try:
        with library:
            result = import_files(library, [Path(f) for f in args.files], on_conflict=args.on_conflict,
                                  reader=reader)
    except BaseException:
        if created:  # nothing was imported into it: no new library file is left behind
            path.unlink(missing_ok=True)
        raise
    if created and not result.anything_new:
        path.unlink()
    elif created:
        print(f"Đã tạo thư viện mới {path.name}.")
    for file_result in result.files:
        print("\n".join(file_result.lines()), file=sys.stderr if file_result.refused else sys.stdout)
    if result.any_refused:
        refused = sum(f.refused is not None for f in result.files)
        print(f"Lỗi: {refused}/{len(result.files)} tệp bị từ chối (xem lý do ở trên); các tệp đó không làm thay đổi "
              "thư viện.", file=sys.stderr)
        return EXIT_USAGE
    return 0


def cmd_consolidate(args: argparse.Namespace) -> int:
    from model.exchange.consolidation import consolidate
    from model.vietnamese.period import Period

    if args.refresh:
        return _refresh(args)
    missing = [flag for flag, value in (("--period", args.period), ("--office", args.office),
                                        ("--from", args.sources)) if not value]
    if missing:
        raise CommandError(f"Thiếu {', '.join(missing)} (hoặc dùng --refresh REF để cập nhật một bản tổng hợp).")
    try:
        period = Period.parse(args.period)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    from model.exchange.consolidation import ParentHasReport

    with open_library(args.library) as library:
        try:
            result = consolidate(library, period, args.office, args.sources, replace=args.replace)
        except ParentHasReport as exc:
            raise CommandError(f"{exc} Thêm --replace để thay bằng bản tổng hợp mới.") from None
    print(result.message)
    for note in result.notes:
        print(f"  Lưu ý: {note}")
    return 0


def _refresh(args: argparse.Namespace) -> int:
    """``consolidate --refresh REF``: a consolidated draft's figures rebuilt from its units' current reports."""
    from model.exchange.staleness import refresh_consolidation

    with open_library(args.library) as library:
        result = refresh_consolidation(library, library.find_report(args.refresh).id)
    print(result.message)
    return 0


def cmd_rollup(args: argparse.Namespace) -> int:
    from model.exchange.rollup import rollup

    period = parse_period(args.period)
    with open_library(args.library) as library:
        result = rollup(library, args.office, period, args.template)
    print(result.message)
    for note in result.notes:
        print(f"  Lưu ý: {note}")
    return 0


def _setup_export_db(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--report", dest="reports", required=True, nargs="+", metavar="REF",
                   help="mã các báo cáo cần gửi (hoặc kỳ, ví dụ 2018-Q2)")
    p.add_argument("--to", required=True, metavar="OUT.db", help="tệp mới để gửi (không ghi đè tệp đã có)")


def _setup_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("library", metavar="LIB.db", help="thư viện nhận báo cáo (chưa có thì tạo mới)")
    p.add_argument("files", nargs="+", metavar="FILE.db", help="các tệp .db nhận từ đơn vị khác")
    p.add_argument("--on-conflict", choices=("keep", "replace", "skip"), default="skip",
                   help="khi thư viện đã có báo cáo khác của cùng cơ quan, cùng kỳ: keep = giữ cả hai, "
                        "replace = thay bằng báo cáo trong tệp, skip = bỏ qua (mặc định)")


def _setup_consolidate(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--period", metavar="KỲ", help="ví dụ 2018-Q2")
    p.add_argument("--office", metavar="UUID|TÊN", help="cơ quan cấp trên nhận báo cáo tổng hợp")
    p.add_argument("--from", dest="sources", nargs="+", metavar="REF", help="mã báo cáo của các đơn vị cấp dưới")
    p.add_argument("--replace", action="store_true",
                   help="cơ quan cấp trên đã có dự thảo cùng kỳ thì xóa dự thảo đó, thay bằng bản tổng hợp mới")
    p.add_argument("--refresh", metavar="REF", help="cập nhật số liệu của một bản tổng hợp (dự thảo) từ báo cáo mới "
                                                     "nhất của các đơn vị; phần chữ giữ nguyên")


def _setup_rollup(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--office", required=True, metavar="UUID|TÊN", help="cơ quan lập báo cáo từ các quý của mình")
    p.add_argument("--period", required=True, metavar="KỲ", help="2018-6T (6 tháng đầu năm), 2018-6TC (6 tháng cuối "
                   "năm) hoặc 2018-N (cả năm)")
    p.add_argument("--template", metavar="KEY", help="loại báo cáo, khi cơ quan lập nhiều loại mỗi quý")


COMMANDS: dict[str, Command] = {
    "export-db": ("xuất báo cáo ra tệp .db để gửi đơn vị khác", _setup_export_db, cmd_export_db),
    "import": ("nhập báo cáo từ tệp .db của đơn vị khác", _setup_import, cmd_import),
    "consolidate": ("tổng hợp báo cáo các đơn vị cấp dưới thành dự thảo của cơ quan cấp trên", _setup_consolidate,
                    cmd_consolidate),
    "rollup": ("lập báo cáo 6 tháng hoặc năm từ các báo cáo quý của cơ quan", _setup_rollup, cmd_rollup),
}

