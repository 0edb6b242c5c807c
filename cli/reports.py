"""Commands on one library's reports: sample, list, fields, set, check, export, report new|delete|issue|reopen."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cli.common import (
    EXIT_PROBLEMS,
    Command,
    CommandError,
    cmd_with_action,
    library_arg,
    open_library,
    parse_period,
    report_ids,
)
from cli.oversight import setup_report_actions
from model.server.scheme import is_server_url


def cmd_sample(args: argparse.Namespace) -> int:
    from model.library.sample import write_sample

    if is_server_url(args.out):
        raise CommandError("Thư viện mẫu ghi ra tệp .db; đưa lên máy chủ bằng lệnh server-copy.")
    write_sample(Path(args.out)).close()
    print(f"Đã ghi thư viện mẫu vào {args.out}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_library(args.library) as library:
        reports = library.reports()
    if args.json:
        print(json.dumps([{"id": r.id, "office": r.organization_name, "period": str(r.period),
                           "status": r.status, "template": r.template_key,
                           "template_version": r.template_version, "revision": r.revision}
                          for r in reports], ensure_ascii=False, indent=1))
    else:
        for r in reports:
            print(f"{r.id}\t{r.organization_name}\t{r.period}\t{r.status_label}")
    return 0


def cmd_fields(args: argparse.Namespace) -> int:
    from model.report.values import display_value, json_value, one_line

    with open_library(args.library) as library:
        report = library.find_report(args.report)
        template = library.template_of(report.id)
        values = library.values(report.id)
    rows = [(spec, values.get(spec.key)) for spec in template.fields.values()]
    if args.json:
        print(json.dumps([{"key": spec.key, "label": spec.label, "kind": spec.kind,
                           "value": json_value(spec, value), "text": display_value(spec, value)}
                          for spec, value in rows], ensure_ascii=False, indent=1))
    else:
        for spec, value in rows:
            print(f"{spec.key}\t{spec.label}\t{one_line(spec, value)}")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    typed: dict[str, str] = {}
    for assignment in args.assignments:
        key, sep, value = assignment.partition("=")
        if not sep or not key.strip():
            raise CommandError(f"“{assignment}” không đúng dạng KHÓA=GIÁ_TRỊ.")
        typed[key.strip()] = value
    from model.report.values import from_one_line, one_line

    with open_library(args.library) as library:
        report = library.find_report(args.report)
        template = library.template_of(report.id)
        fields = template.fields
        typed = {key: from_one_line(fields[key], text) if key in fields else text for key, text in typed.items()}
        written = library.set_typed(report.id, typed)

    for key, value in written.items():
        print(f"{key} = {one_line(template.fields[key], value) or '(để trống)'}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    severity_label = {"error": "LỖI", "warning": "CẢNH BÁO", "request": "YÊU CẦU SỬA"}
    found_error = False
    results = []
    with open_library(args.library) as library:
        for report_id in report_ids(library, args.report):
            info = library.report(report_id)
            problems = library.check(report_id)
            found_error = found_error or any(p.is_error for p in problems)
            results.append((info, problems))
    if args.json:
        print(json.dumps([{"report": info.id, "period": str(info.period), "office": info.organization_name,
                           "problems": [{"severity": p.severity, "fields": list(p.field_keys), "message": p.message}
                                        for p in problems]}
                          for info, problems in results], ensure_ascii=False, indent=1))
    else:
        for info, problems in results:
            print(f"{info.organization_name} — {info.period.text} ({info.id[:8]}): "
                  f"{sum(p.is_error for p in problems)} lỗi, {sum(not p.is_error for p in problems)} cảnh báo")
            for p in problems:
                print(f"  {severity_label[p.severity]}\t{', '.join(p.field_keys)}\t{p.message}")
    return EXIT_PROBLEMS if found_error else 0


def cmd_export(args: argparse.Namespace) -> int:
    from export.document.service import ExportError, ReportHasErrors, export_report
    from model.library.quickread import read_report

    def run(source, report_id: str, appendices=()):
        try:
            return export_report(source, report_id, Path(args.to), force=args.force, appendices=appendices)
        except ReportHasErrors as exc:
            raise CommandError(f"{exc} Xem bằng lệnh check; thêm --force để vẫn xuất.") from None
        except ExportError as exc:
            raise CommandError(str(exc)) from None

    # The usual case reads the report with sqlite3 alone (SQLAlchemy's import would dominate the command's
    # time); anything unusual goes through Library, which migrates, recovers or explains.
    unusual = is_server_url(args.library) or args.chart
    snapshot = None if unusual else read_report(Path(args.library), args.report)
    if snapshot is not None:
        result = run(snapshot, snapshot.id)
    else:
        with open_library(args.library) as library:
            report_id = library.find_report(args.report).id
            result = run(library, report_id, _chart_appendices(library, report_id, args.chart or ()))
    if result.forced:
        print(f"Cảnh báo: đã xuất dù báo cáo còn {len(result.errors)} lỗi (--force); văn bản chưa đủ điều kiện "
              "ban hành.", file=sys.stderr)
    if result.font_notice:
        print(f"Lưu ý: {result.font_notice}", file=sys.stderr)
    print(f"Đã xuất {result.path}")
    return 0


def _chart_appendices(library, report_id: str, keys) -> tuple:
    """``--chart KEY``: a Phụ lục biểu đồ per figure (units of a consolidated report, else the periods)."""
    from export.document.chart import chart_appendix
    from model.oversight.figures import report_chart

    template = library.template_of(report_id)
    for key in keys:
        if key not in template.fields:
            raise CommandError(f"Báo cáo không có trường “{key}”; xem các trường bằng lệnh fields.")
    return tuple(chart_appendix(report_chart(library, report_id, key)) for key in keys)


def cmd_report_new(args: argparse.Namespace) -> int:
    from model.offices.actions import carry_notes, new_report

    period = parse_period(args.period)
    with open_library(args.library) as library:
        report_id = new_report(library, args.office, period, carry_forward=args.carry_forward,
                               template_key=args.template)
        info = library.report(report_id)
        notes = carry_notes(library, report_id) if args.carry_forward else []
    how = "chuyển tiếp từ kỳ trước" if args.carry_forward else "trống"
    print(f"Đã tạo báo cáo {info.period.text} của {info.organization_name} ({how}), mã {info.id}.")
    for note in notes:
        print(f"  Lưu ý: {note}")
    return 0


def cmd_report_delete(args: argparse.Namespace) -> int:
    with open_library(args.library) as library:
        info = library.find_report(args.report)
        if not args.yes:
            raise CommandError(f"Xóa hẳn báo cáo {info.period.text} của {info.organization_name} ({info.status_label})"
                               " thì không hoàn tác được; thêm --yes để xác nhận.")
        library.delete_report(info.id)
    print(f"Đã xóa báo cáo {info.period.text} của {info.organization_name} (mã {info.id}).")
    return 0


def cmd_report_issue(args: argparse.Namespace) -> int:
    if args.number is not None or args.date is not None:
        return _issue_with_number(args)
    from model.offices.actions import issue_report

    with open_library(args.library) as library:
        info = issue_report(library, args.report, force=args.force)
    print(f"Đã đánh dấu báo cáo {info.period.text} của {info.organization_name} đã ban hành.")
    return 0


def _issue_with_number(args: argparse.Namespace) -> int:
    """``report issue --number N --date D``: the văn thư's number and date written, then the report issued."""
    from model.library.issuing import issue_with_number, parse_issue

    with open_library(args.library) as library:
        report = library.find_report(args.report)
        number, issued_on = parse_issue(library, report.id, args.number or "", args.date or "")
        result = issue_with_number(library, report.id, number, issued_on, force=args.force)
    for warning in result.warnings:
        print(f"Cảnh báo: {warning} Vẫn ban hành với số này.", file=sys.stderr)
    print(f"Đã ban hành báo cáo {report.period.text}: số {result.number}, ngày {args.date.strip()}.")
    return 0


def cmd_report_reopen(args: argparse.Namespace) -> int:
    from model.offices.actions import reopen_report

    with open_library(args.library) as library:
        info = reopen_report(library, args.report)
    print(f"Đã mở lại báo cáo {info.period.text} của {info.organization_name} để sửa.")
    return 0


def _setup_list(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--json", action="store_true")


def _setup_fields(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--report", required=True, metavar="REF", help="mã báo cáo hoặc kỳ, ví dụ 2018-Q2")
    p.add_argument("--json", action="store_true")


def _setup_set(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--report", required=True, metavar="REF")
    p.add_argument("assignments", nargs="+", metavar="KEY=VALUE")


def _setup_check(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--report", metavar="REF")
    p.add_argument("--json", action="store_true")


def _setup_export(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--report", required=True, metavar="REF", help="mã báo cáo hoặc kỳ, ví dụ 2018-Q2")
    p.add_argument("--to", required=True, metavar="OUT.docx|OUT.pdf", help="tệp xuất; định dạng theo đuôi tệp")
    p.add_argument("--force", action="store_true", help="xuất cả khi báo cáo còn lỗi")
    p.add_argument("--chart", action="append", metavar="KHÓA",
                   help="thêm phụ lục biểu đồ của một số liệu (các đơn vị của báo cáo tổng hợp, hoặc các kỳ của cơ "
                        "quan); lặp lại cho nhiều số liệu")


def _setup_report(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)
    new = actions.add_parser("new", help="tạo báo cáo của một cơ quan cho một kỳ")
    new.add_argument("library", metavar="LIB.db")
    new.add_argument("--office", required=True, metavar="UUID|TÊN")
    new.add_argument("--period", required=True, metavar="KỲ", help="ví dụ 2018-Q3")
    new.add_argument("--carry-forward", action="store_true",
                     help="chuyển nội dung chữ, nơi nhận, người ký và số liệu lũy kế từ báo cáo kỳ trước")
    new.add_argument("--template", default="nq36a_quy", metavar="KEY",
                     help="loại báo cáo: mã mẫu thư viện đang giữ (xem template list), phiên bản mới nhất")
    new.set_defaults(action_handler=cmd_report_new)
    for name, help_text, handler in (("delete", "xóa hẳn một báo cáo", cmd_report_delete),
                                     ("issue", "đánh dấu báo cáo đã ban hành (chỉ xem được)", cmd_report_issue),
                                     ("reopen", "mở lại báo cáo đã ban hành để sửa", cmd_report_reopen)):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("library", metavar="LIB.db")
        action.add_argument("--report", required=True, metavar="REF", help="mã báo cáo hoặc kỳ, ví dụ 2018-Q2")
        action.set_defaults(action_handler=handler)
    actions.choices["delete"].add_argument("--yes", action="store_true", help="xác nhận xóa (không hoàn tác được)")
    actions.choices["issue"].add_argument("--force", action="store_true", help="đánh dấu cả khi báo cáo còn lỗi")
    actions.choices["issue"].add_argument("--number", metavar="SỐ", help="số văn bản văn thư cấp, ví dụ 154")
    actions.choices["issue"].add_argument("--date", metavar="NGÀY", help="ngày ban hành, ví dụ 18/06/2018")
    setup_report_actions(actions)


COMMANDS: dict[str, Command] = {
    "sample": ("ghi thư viện mẫu (báo cáo Kiên Giang quý I, II năm 2018)",
               lambda p: p.add_argument("out", metavar="OUT.db"), cmd_sample),
    "list": ("liệt kê các báo cáo", _setup_list, cmd_list),
    "fields": ("mọi trường của một báo cáo", _setup_fields, cmd_fields),
    "set": ("sửa số liệu hoặc nội dung", _setup_set, cmd_set),
    "check": ("kiểm tra báo cáo", _setup_check, cmd_check),
    "export": ("xuất báo cáo ra DOCX hoặc PDF", _setup_export, cmd_export),
    "report": ("báo cáo: new (tạo), delete (xóa), issue (ban hành), reopen (mở lại), return (trả lại để sửa), "
               "history (nhật ký gửi nhận)", _setup_report,
               cmd_with_action),
}

