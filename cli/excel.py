"""Excel commands: the data-entry form of a report, importing filled forms, the figures of many reports."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import Command, library_arg, open_library
from cli.exchange import import_with


def cmd_xlsx_form(args: argparse.Namespace) -> int:
    from model.excel.form import write_form

    with open_library(args.library) as library:
        report = library.find_report(args.report)
        path = write_form(library, report.id, Path(args.to))
    print(f"Đã ghi phiếu nhập Excel {path} ({report.organization_name} — {report.period.text}).")
    return 0


def _setup_xlsx_form(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--report", required=True, metavar="REF", help="mã báo cáo hoặc kỳ, ví dụ 2018-Q2")
    p.add_argument("--to", required=True, metavar="FORM.xlsx", help="sổ Excel sẽ ghi (ghi đè tệp đã có)")


def cmd_xlsx_import(args: argparse.Namespace) -> int:
    from model.excel.importing import WorkbookReader

    reader = WorkbookReader([Path(f) for f in args.files])
    try:
        return import_with(args, reader)
    finally:
        reader.close()


def _setup_xlsx_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("library", metavar="LIB.db", help="thư viện nhận báo cáo (chưa có thì tạo mới)")
    p.add_argument("files", nargs="+", metavar="FILLED.xlsx", help="các phiếu nhập Excel đã điền")
    p.add_argument("--on-conflict", choices=("keep", "replace", "skip"), default="skip",
                   help="khi thư viện đã có báo cáo khác của cùng cơ quan, cùng kỳ (như lệnh import)")


def cmd_xlsx_export(args: argparse.Namespace) -> int:
    from model.excel.figures import select_reports, write_figures

    with open_library(args.library) as library:
        result = write_figures(library, select_reports(library, args.period, args.office), Path(args.to))
    print(result.message)
    return 0


def _setup_xlsx_export(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--period", metavar="KỲ", help="chỉ các báo cáo của kỳ này, ví dụ 2018-Q2")
    p.add_argument("--office", metavar="UUID|TÊN", help="chỉ các báo cáo của cơ quan này")
    p.add_argument("--to", required=True, metavar="FIGURES.xlsx", help="sổ Excel sẽ ghi (ghi đè tệp đã có)")


COMMANDS: dict[str, Command] = {
    "xlsx-form": ("ghi phiếu nhập Excel của một báo cáo cho đơn vị chưa có phần mềm", _setup_xlsx_form,
                  cmd_xlsx_form),
    "xlsx-import": ("nhập các phiếu nhập Excel đã điền", _setup_xlsx_import, cmd_xlsx_import),
    "xlsx-export": ("xuất số liệu của các báo cáo ra sổ Excel", _setup_xlsx_export, cmd_xlsx_export),
}

