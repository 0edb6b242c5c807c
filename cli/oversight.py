"""Oversight by the level above: ``status`` (who has reported, who is late), ``deadline``, and the report actions
``report return`` (send back for correction) and ``report history`` (the receipt log)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.common import Command, library_arg, open_library, parse_period


def cmd_status(args: argparse.Namespace) -> int:
    from model.oversight.status import status_json, unit_status

    period = parse_period(args.period)
    with open_library(args.library) as library:
        status = unit_status(library, args.office, period, args.template)
    if args.to:
        from model.excel.status import write_status

        write_status(status, Path(args.to))
    if args.json:
        print(json.dumps(status_json(status), ensure_ascii=False, indent=1))
        return 0
    print(status.heading)
    print(status.summary)
    for unit in status.units:
        received = unit.received_at.strftime("%d/%m/%Y %H:%M") if unit.received_at else "—"
        revision = f"bản sửa lần {unit.report.revision}" if unit.report else ""
        print(f"  {unit.office.name}\t{received}\t{revision}\t{unit.state}")
    if args.to:
        print(f"Đã ghi tình hình nộp báo cáo vào {args.to}")
    return 0


def _setup_status(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--office", required=True, metavar="UUID|TÊN", help="cơ quan nhận báo cáo của các đơn vị")
    p.add_argument("--period", required=True, metavar="KỲ", help="ví dụ 2018-Q2")
    p.add_argument("--template", metavar="KEY", help="loại báo cáo (mặc định nq36a_quy)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--to", metavar="TINH-HINH-NOP.xlsx", help="ghi thêm ra sổ Excel (ghi đè tệp đã có)")


def cmd_deadline(args: argparse.Namespace) -> int:
    from model.oversight.deadlines import deadline_for, set_deadline

    with open_library(args.library) as library:
        if args.day is not None or args.months_after is not None:
            rule = set_deadline(library, args.template, args.day if args.day is not None else 15,
                                args.months_after if args.months_after is not None else 0)
            print(f"Đã đặt hạn nộp báo cáo “{args.template}”: {rule.text}.")
            return 0
        template = library.template(args.template)
        rule = deadline_for(library, args.template, template.period_kind)
    print(f"Hạn nộp báo cáo “{args.template}”: {rule.text} (theo {rule.source}).")
    return 0


def _setup_deadline(p: argparse.ArgumentParser) -> None:
    library_arg(p)
    p.add_argument("--template", default="nq36a_quy", metavar="KEY", help="loại báo cáo (mặc định nq36a_quy)")
    p.add_argument("--day", type=int, metavar="NGÀY", help="ngày trong tháng của hạn nộp, 1 đến 31")
    p.add_argument("--months-after", type=int, metavar="THÁNG",
                   help="số tháng sau tháng cuối kỳ (0: trong tháng cuối kỳ)")


def cmd_report_return(args: argparse.Namespace) -> int:
    from model.oversight.returns import return_report

    with open_library(args.library) as library:
        report = library.find_report(args.report)
        result = return_report(library, report.id, [tuple(pair) for pair in args.comment or ()], args.general or ())
    print(result.message)
    return 0


def cmd_report_history(args: argparse.Namespace) -> int:
    from model.oversight.events import history, sources_used

    with open_library(args.library) as library:
        report = library.find_report(args.report)
        template = library.template_of(report.id)
        events = history(library, report.id)
        sources = sources_used(library, report.id)
    if args.json:
        print(json.dumps({"steps": [{"kind": e.kind, "label": e.label, "revision": e.revision,
                                     "at": e.local.isoformat(), "office": e.office_name, "note": e.note,
                                     "comments": [{"field": c.field_key, "text": c.text} for c in e.comments]}
                                    for e in events],
                          "sources": [{"unit": name, "revision": revision} for name, revision in sources]},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"Nhật ký gửi nhận báo cáo {report.period.text} của {report.organization_name}:")
    if not events:
        print("  (chưa có bước nào)")
    for event in events:
        office = f" — {event.office_name}" if event.office_name else ""
        print(f"  {event.local.strftime('%d/%m/%Y %H:%M')}\t{event.label} (bản sửa lần {event.revision}){office}")
        for comment in event.comments:
            label = template.fields[comment.field_key].label if comment.field_key in template.fields else "Chung"
            print(f"      {label}: {comment.text}")
    if sources:
        print("Tổng hợp từ báo cáo của các đơn vị:")
        for name, revision in sources:
            print(f"  {name} (bản sửa lần {revision})")
    return 0


def setup_report_actions(actions) -> None:
    """``report return`` and ``report history``, added to the ``report`` command's actions."""
    back = actions.add_parser("return", help="trả lại báo cáo đơn vị để sửa, kèm ý kiến")
    back.add_argument("library", metavar="LIB.db")
    back.add_argument("--report", required=True, metavar="REF", help="mã báo cáo của đơn vị")
    back.add_argument("--comment", nargs=2, action="append", metavar=("TRƯỜNG", "Ý_KIẾN"),
                      help="ý kiến về một trường (khóa trường, xem bằng lệnh fields); lặp lại cho nhiều trường")
    back.add_argument("--general", action="append", metavar="Ý_KIẾN", help="ý kiến chung")
    back.set_defaults(action_handler=cmd_report_return)
    log = actions.add_parser("history", help="nhật ký gửi, nhận, trả lại, tổng hợp của một báo cáo")
    log.add_argument("library", metavar="LIB.db")
    log.add_argument("--report", required=True, metavar="REF")
    log.add_argument("--json", action="store_true")
    log.set_defaults(action_handler=cmd_report_history)


COMMANDS: dict[str, Command] = {
    "status": ("tình hình nộp báo cáo của các đơn vị cấp dưới: đã nộp, đúng hạn, trễ, trả lại", _setup_status,
               cmd_status),
    "deadline": ("xem hoặc đặt hạn nộp báo cáo của các đơn vị", _setup_deadline, cmd_deadline),
}
