"""Soạn báo cáo: start the editor, or run one command on a library file.

    python main.py [LIB.db]                      the editor
    python main.py sample OUT.db                 write the sample library
    python main.py list LIB.db [--json]          the reports
    python main.py fields LIB.db --report REF    every field of a report
    python main.py set LIB.db --report REF KEY=VALUE...
    python main.py check LIB.db [--report REF]   problems; exit status 1 on an error
    python main.py export LIB.db --report REF --to OUT.docx|OUT.pdf [--force]
    python main.py export-db LIB.db --report REF... --to OUT.db
    python main.py import LIB.db FILE.db... [--on-conflict keep|replace|skip]
    python main.py template check FILE.toml | list LIB.db | add LIB.db FILE.toml
    python main.py template export LIB.db KEY [--version N] --to FILE.toml
    python main.py rollup LIB.db --office REF --period 2018-6T|2018-6TC|2018-N [--template KEY]
    python main.py consolidate LIB.db --period 2018-Q2 --office UUID|NAME --from REF... [--replace]
    python main.py office add LIB.db --name NAME --place PLACE [--header LINE...] [--parent UUID|NAME]
    python main.py office list LIB.db [--json]
    python main.py report new LIB.db --office UUID|NAME --period 2018-Q3 [--carry-forward] [--template KEY]
    python main.py report delete|issue|reopen LIB.db --report REF   (delete needs --yes; issue takes --force)
    python main.py xlsx-form LIB.db --report REF --to FORM.xlsx
    python main.py xlsx-import LIB.db FILLED.xlsx... [--on-conflict keep|replace|skip]
    python main.py xlsx-export LIB.db [--period 2018-Q2] [--office UUID|NAME] --to FIGURES.xlsx
    python main.py report issue LIB.db --report REF --number N --date DD/MM/YYYY   the văn thư's number and date
    python main.py sign IN.pdf --to OUT.pdf --role signer|organization (--p12 FILE.p12 | --pkcs11 LIB
                        --token-label L) [--image PNG]   (password/PIN from stdin when it is not a terminal)
    python main.py verify FILE.pdf [--trust CA.pem|FOLDER]   exit status 0 only when all signatures are good
    python main.py server-init postgresql://user@host/db          a library on a server (LIB.db above
    python main.py server-copy LIB.db URL | URL LIB.db            may be such a URL in every command)
    python main.py server-grant URL --role ROLE --office REF...

The commands call the same service functions as the editor and never import Qt. Errors a clerk can
cause print one Vietnamese line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

__version__ = "0.1.0"

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_UNEXPECTED = 3
"""A fault of the program: one line for the clerk, the traceback in the log."""


class CommandError(Exception):
    """A clerk's error on the command line: printed as one line, exit status 2."""


def _open(path: str):
    """The library a command names: a file, or a server (``postgresql://…``)."""
    from model.library import Library

    return Library.open(path)


def _report_ids(library, ref: str | None) -> list[str]:
    if ref:
        return [library.find_report(ref).id]
    return [r.id for r in library.reports()]


def cmd_sample(args: argparse.Namespace) -> int:
    from model.sample import write_sample

    if _is_server(args.out):
        raise CommandError("Thư viện mẫu ghi ra tệp .db; đưa lên máy chủ bằng lệnh server-copy.")
    write_sample(Path(args.out)).close()
    print(f"Đã ghi thư viện mẫu vào {args.out}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args.library) as library:
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
    from model.values import display_value, json_value, one_line

    with _open(args.library) as library:
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
    from model.values import from_one_line, one_line

    with _open(args.library) as library:
        report = library.find_report(args.report)
        template = library.template_of(report.id)
        fields = template.fields
        typed = {key: from_one_line(fields[key], text) if key in fields else text for key, text in typed.items()}
        written = library.set_typed(report.id, typed)

    for key, value in written.items():
        print(f"{key} = {one_line(template.fields[key], value) or '(để trống)'}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    severity_label = {"error": "LỖI", "warning": "CẢNH BÁO"}
    found_error = False
    results = []
    with _open(args.library) as library:
        for report_id in _report_ids(library, args.report):
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
    from export.service import ExportError, ReportHasErrors, export_report
    from model.quickread import read_report

    def run(source, report_id: str):
        try:
            return export_report(source, report_id, Path(args.to), force=args.force)
        except ReportHasErrors as exc:
            raise CommandError(f"{exc} Xem bằng lệnh check; thêm --force để vẫn xuất.") from None
        except ExportError as exc:
            raise CommandError(str(exc)) from None

    # The usual case reads the report with sqlite3 alone (SQLAlchemy's import would dominate the command's
    # time); anything unusual goes through Library, which migrates, recovers or explains.
    snapshot = None if _is_server(args.library) else read_report(Path(args.library), args.report)
    if snapshot is not None:
        result = run(snapshot, snapshot.id)
    else:
        with _open(args.library) as library:
            result = run(library, library.find_report(args.report).id)
    if result.forced:
        print(f"Cảnh báo: đã xuất dù báo cáo còn {len(result.errors)} lỗi (--force); văn bản chưa đủ điều kiện "
              "ban hành.", file=sys.stderr)
    if result.font_notice:
        print(f"Lưu ý: {result.font_notice}", file=sys.stderr)
    print(f"Đã xuất {result.path}")
    return 0


def cmd_export_db(args: argparse.Namespace) -> int:
    from model.dbexport import export_reports

    with _open(args.library) as library:
        reports = library.find_reports(args.reports)
        result = export_reports(library, [r.id for r in reports], Path(args.to))
    print(result.message)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from model.dbimport import read_db_file

    return _import_with(args, read_db_file)


def _import_with(args: argparse.Namespace, reader) -> int:
    """Import ``args.files`` (read by ``reader``) into ``args.library``, creating it when missing."""
    from model.dbimport import import_files
    from model.library import Library

    _log_to_file()  # why a received file was refused, in SQLite's own words, goes to the log
    path = Path(args.library)
    created = not _is_server(args.library) and not path.exists()
    library = Library.create(path) if created else _open(args.library)
    with library:
        result = import_files(library, [Path(f) for f in args.files], on_conflict=args.on_conflict, reader=reader)
    if created and not result.written:
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
    from model.consolidation import consolidate
    from model.period import Period

    try:
        period = Period.parse(args.period)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    from model.consolidation import ParentHasReport

    with _open(args.library) as library:
        try:
            result = consolidate(library, period, args.office, args.sources, replace=args.replace)
        except ParentHasReport as exc:
            raise CommandError(f"{exc} Thêm --replace để thay bằng bản tổng hợp mới.") from None
    print(result.message)
    for note in result.notes:
        print(f"  Lưu ý: {note}")
    return 0


def _is_server(library: str) -> bool:
    return library.lower().startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


def cmd_server_init(args: argparse.Namespace) -> int:
    from model.library import Library

    with Library.init_server(args.url) as library:
        print(f"Đã tạo thư viện báo cáo trên máy chủ {library.name}.")
    return 0


def cmd_server_copy(args: argparse.Namespace) -> int:
    from model.server_copy import download, upload

    if _is_server(args.source) == _is_server(args.target):
        raise CommandError("Một bên phải là tệp .db, bên kia là địa chỉ máy chủ postgresql://….")
    if _is_server(args.target):
        with _open(args.target) as server:
            result = upload(Path(args.source), server, on_conflict=args.on_conflict)
        for file_result in result.files:
            print("\n".join(file_result.lines()), file=sys.stderr if file_result.refused else sys.stdout)
        return EXIT_USAGE if result.any_refused else 0
    with _open(args.source) as server:
        print(download(server, Path(args.target)).message)
    return 0


def cmd_server_grant(args: argparse.Namespace) -> int:
    with _open(args.url) as library:
        offices = {o.id: o for o in library.organizations()}
        chosen = []
        for ref in args.offices:
            found = [o for o in offices.values() if o.id == ref or o.name.casefold() == ref.strip().casefold()]
            if len(found) != 1:
                raise CommandError(f"Không tìm thấy một cơ quan “{ref}” trong thư viện (ghi mã hoặc đúng tên).")
            chosen.append(found[0])
        library.grant_offices(args.role, [o.id for o in chosen])
    print(f"Tài khoản {args.role} làm báo cáo của: {'; '.join(o.name for o in chosen)} (và các cơ quan trực thuộc).")
    return 0


def _setup_server_init(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", metavar="URL", help="cơ sở dữ liệu trống trên máy chủ: postgresql://tên@máy/csdl")


def _setup_server_copy(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", metavar="NGUỒN", help="tệp LIB.db (tải lên) hoặc địa chỉ máy chủ (tải về)")
    p.add_argument("target", metavar="ĐÍCH", help="địa chỉ máy chủ (tải lên) hoặc tệp .db mới (tải về)")
    p.add_argument("--on-conflict", choices=("keep", "replace", "skip"), default="skip",
                   help="khi tải lên: máy chủ đã có báo cáo khác của cùng cơ quan, cùng kỳ (như lệnh import)")


def _setup_server_grant(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", metavar="URL", help="thư viện trên máy chủ (tài khoản quản trị)")
    p.add_argument("--role", required=True, help="tài khoản PostgreSQL của cán bộ")
    p.add_argument("--office", dest="offices", required=True, nargs="+", metavar="MÃ|TÊN",
                   help="cơ quan cán bộ làm báo cáo (gồm các cơ quan trực thuộc)")


def cmd_template(args: argparse.Namespace) -> int:
    """``template check|list|add|export``: the report kinds, for a province's IT officer."""
    from model.template_source import check_template_text, read_template_file, template_text_of_file

    if args.action == "check":
        mistakes = check_template_text(read_template_file(Path(args.file)))
        for mistake in mistakes:
            print(f"LỖI\t{mistake}")
        print(f"{args.file}: {len(mistakes)} lỗi." if mistakes else f"{args.file}: mẫu hợp lệ.")
        return EXIT_PROBLEMS if mistakes else 0
    if args.action == "add":
        text = template_text_of_file(Path(args.file))
        with _open(args.library) as library:
            template = library.add_template(text)
        print(f"Đã thêm mẫu “{template.name}” ({template.key}, phiên bản {template.version}) vào thư viện.")
        return 0
    if args.action == "export":
        target = Path(args.to)
        if target.exists():
            raise CommandError(f"Tệp “{target.name}” đã có; chọn tên khác hoặc xóa tệp cũ trước.")
        with _open(args.library) as library:
            text = library.template_text(args.key, args.version)
        target.write_bytes(text.encode("utf-8"))
        print(f"Đã ghi mẫu “{args.key}” vào {target}")
        return 0
    with _open(args.library) as library:
        templates = library.templates()
    for info in templates:
        print(f"{info.key}\t{info.version}\t{info.name}\t{info.reports} báo cáo\t{info.sha256[:12]}")
    return 0


def cmd_rollup(args: argparse.Namespace) -> int:
    from model.rollup import rollup

    period = _period(args.period)
    with _open(args.library) as library:
        result = rollup(library, args.office, period, args.template)
    print(result.message)
    for note in result.notes:
        print(f"  Lưu ý: {note}")
    return 0


def _setup_rollup(p: argparse.ArgumentParser) -> None:
    _library_arg(p)
    p.add_argument("--office", required=True, metavar="UUID|TÊN", help="cơ quan lập báo cáo từ các quý của mình")
    p.add_argument("--period", required=True, metavar="KỲ", help="2018-6T (6 tháng đầu năm), 2018-6TC (6 tháng cuối "
                   "năm) hoặc 2018-N (cả năm)")
    p.add_argument("--template", metavar="KEY", help="loại báo cáo, khi cơ quan lập nhiều loại mỗi quý")


def _setup_template(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)
    check = actions.add_parser("check", help="kiểm tra một tệp mẫu (.toml): in mọi lỗi kèm dòng hoặc khóa")
    check.add_argument("file", metavar="FILE.toml")
    _library_arg(actions.add_parser("list", help="các mẫu báo cáo thư viện đang giữ"))
    add = actions.add_parser("add", help="thêm mẫu mới, hoặc phiên bản cao hơn của một mẫu, vào thư viện")
    _library_arg(add)
    add.add_argument("file", metavar="FILE.toml")
    export = actions.add_parser("export", help="ghi một mẫu thư viện đang giữ ra tệp .toml")
    _library_arg(export)
    export.add_argument("key", metavar="KEY", help="mã mẫu, ví dụ nq36a_quy")
    export.add_argument("--version", type=int, metavar="N", help="phiên bản (mặc định: mới nhất)")
    export.add_argument("--to", required=True, metavar="FILE.toml")
# ---------------------------------------------------------------- offices and reports (office …, report …)
def _period(text: str):
    from model.period import Period

    try:
        return Period.parse(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def cmd_office_add(args: argparse.Namespace) -> int:
    from model.library import Library
    from model.offices import add_office

    path = Path(args.library)
    created = not _is_server(args.library) and not path.exists()
    library = Library.create(path) if created else _open(args.library)
    try:
        with library:
            office = add_office(library, args.name, args.place, header_lines=args.header or (),
                                parent_header_lines=args.parent_header or (), symbol=args.symbol,
                                parent_ref=args.parent)
    except Exception:
        if created:
            path.unlink(missing_ok=True)
        raise
    if created:
        print(f"Đã tạo thư viện mới {path.name}.")
    print(f"Đã thêm cơ quan {office.name} (mã {office.id}).")
    return 0


def cmd_office_list(args: argparse.Namespace) -> int:
    with _open(args.library) as library:
        offices = library.organizations()
    names = {o.id: o.name for o in offices}
    if args.json:
        print(json.dumps([{"id": o.id, "name": o.name, "header": o.header_name, "parent_header": o.parent_header,
                           "place": o.place, "symbol": o.symbol_suffix, "parent_id": o.parent_id}
                          for o in offices], ensure_ascii=False, indent=1))
    else:
        for o in offices:
            parent = f"\tthuộc {names.get(o.parent_id, o.parent_id)}" if o.parent_id else ""
            print(f"{o.id}\t{o.name}\t{o.place}{parent}")
    return 0


def cmd_report_new(args: argparse.Namespace) -> int:
    from model.offices import carry_notes, new_report

    period = _period(args.period)
    with _open(args.library) as library:
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
    with _open(args.library) as library:
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
    from model.offices import issue_report

    with _open(args.library) as library:
        info = issue_report(library, args.report, force=args.force)
    print(f"Đã đánh dấu báo cáo {info.period.text} của {info.organization_name} đã ban hành.")
    return 0


def _issue_with_number(args: argparse.Namespace) -> int:
    """``report issue --number N --date D``: the văn thư's number and date written, then the report issued."""
    from model.issuing import issue_with_number, parse_issue

    with _open(args.library) as library:
        report = library.find_report(args.report)
        number, issued_on = parse_issue(library, report.id, args.number or "", args.date or "")
        result = issue_with_number(library, report.id, number, issued_on, force=args.force)
    for warning in result.warnings:
        print(f"Cảnh báo: {warning} Vẫn ban hành với số này.", file=sys.stderr)
    print(f"Đã ban hành báo cáo {report.period.text}: số {result.number}, ngày {args.date.strip()}.")
    return 0


def cmd_report_reopen(args: argparse.Namespace) -> int:
    from model.offices import reopen_report

    with _open(args.library) as library:
        info = reopen_report(library, args.report)
    print(f"Đã mở lại báo cáo {info.period.text} của {info.organization_name} để sửa.")
    return 0


def _setup_office(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)
    add = actions.add_parser("add", help="thêm cơ quan (ví dụ một huyện thuộc tỉnh); chưa có thư viện thì tạo mới")
    add.add_argument("library", metavar="LIB.db")
    add.add_argument("--name", required=True, metavar="TÊN", help="tên đầy đủ, ví dụ Ủy ban nhân dân huyện An Minh")
    add.add_argument("--place", required=True, metavar="ĐỊA_DANH", help="tên tỉnh, không có chữ “tỉnh”")
    add.add_argument("--header", nargs="+", metavar="DÒNG",
                     help="tên in trên tiêu đề, mỗi dòng một tham số (mặc định: tên viết hoa)")
    add.add_argument("--parent-header", nargs="+", metavar="DÒNG", help="tên cơ quan chủ quản in trên tiêu đề")
    add.add_argument("--symbol", default="UBND", metavar="VIẾT_TẮT", help="chữ viết tắt trong ký hiệu (mặc định UBND)")
    add.add_argument("--parent", metavar="UUID|TÊN", help="cơ quan cấp trên trong thư viện")
    add.set_defaults(action_handler=cmd_office_add)
    listing = actions.add_parser("list", help="liệt kê các cơ quan")
    listing.add_argument("library", metavar="LIB.db")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(action_handler=cmd_office_list)


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


def _secret(prompt: str) -> str:
    """A password or PIN: one line of standard input when it is not a terminal (scripts, tests), else asked
    without echo. Never stored nor printed."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")


def cmd_sign(args: argparse.Namespace) -> int:
    from export.certificates import SigningError, load_pkcs12, open_token
    from export.signing import ROLE_LABELS, check_can_sign, sign_pdf

    source, target = Path(args.source), Path(args.to)
    image = Path(args.image) if args.image else None
    try:
        check_can_sign(source, target, args.role, image)  # before asking for the password or PIN
        if args.p12:
            signer = load_pkcs12(Path(args.p12), _secret("Mật khẩu tệp chứng thư số: "))
            sign_pdf(source, target, args.role, signer, image=image)
        else:
            if not args.token_label:
                raise CommandError("Thiếu --token-label (tên thiết bị ký số) khi ký bằng --pkcs11.")
            with open_token(Path(args.pkcs11), args.token_label, _secret("Mã PIN thiết bị ký số: ")) as signer:
                sign_pdf(source, target, args.role, signer, image=image)
    except SigningError as exc:
        raise CommandError(str(exc)) from None
    print(f"Đã ký số ({ROLE_LABELS[args.role]}) vào {target}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from export.certificates import SigningError
    from export.verifying import trust_store, verify_pdf

    trust = trust_store(Path(args.trust) if args.trust else None)
    try:
        checks = verify_pdf(Path(args.file), trust)
    except SigningError as exc:
        raise CommandError(str(exc)) from None
    print(f"Chứng thư gốc tin cậy: {trust}" if trust else "Chưa cấu hình chứng thư gốc tin cậy (--trust).")
    for number, check in enumerate(checks, 1):
        lines = check.lines()
        print(f"{number}. {lines[0]}")
        print("\n".join(lines[1:]))
    good = sum(check.ok for check in checks)
    if good == len(checks):
        print(f"Kết quả: cả {len(checks)} chữ ký số hợp lệ, văn bản nguyên vẹn.")
        return 0
    reasons = "; ".join(dict.fromkeys(check.failure for check in checks if not check.ok))
    print(f"Kết quả: {len(checks) - good}/{len(checks)} chữ ký số KHÔNG đạt: {reasons}.")
    return EXIT_PROBLEMS


def cmd_with_action(args: argparse.Namespace) -> int:
    """``office …`` and ``report …``: run the handler of the action given after the command."""
    return args.action_handler(args)


def cmd_xlsx_form(args: argparse.Namespace) -> int:
    from model.xlsx_form import write_form

    with _open(args.library) as library:
        report = library.find_report(args.report)
        path = write_form(library, report.id, Path(args.to))
    print(f"Đã ghi phiếu nhập Excel {path} ({report.organization_name} — {report.period.text}).")
    return 0


def _setup_xlsx_form(p: argparse.ArgumentParser) -> None:
    _library_arg(p)
    p.add_argument("--report", required=True, metavar="REF", help="mã báo cáo hoặc kỳ, ví dụ 2018-Q2")
    p.add_argument("--to", required=True, metavar="FORM.xlsx", help="sổ Excel sẽ ghi (ghi đè tệp đã có)")


def cmd_xlsx_import(args: argparse.Namespace) -> int:
    from model.xlsx_import import WorkbookReader

    reader = WorkbookReader([Path(f) for f in args.files])
    try:
        return _import_with(args, reader)
    finally:
        reader.close()


def _setup_xlsx_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("library", metavar="LIB.db", help="thư viện nhận báo cáo (chưa có thì tạo mới)")
    p.add_argument("files", nargs="+", metavar="FILLED.xlsx", help="các phiếu nhập Excel đã điền")
    p.add_argument("--on-conflict", choices=("keep", "replace", "skip"), default="skip",
                   help="khi thư viện đã có báo cáo khác của cùng cơ quan, cùng kỳ (như lệnh import)")


def cmd_xlsx_export(args: argparse.Namespace) -> int:
    from model.xlsx_figures import select_reports, write_figures

    with _open(args.library) as library:
        result = write_figures(library, select_reports(library, args.period, args.office), Path(args.to))
    print(result.message)
    return 0


def _setup_xlsx_export(p: argparse.ArgumentParser) -> None:
    _library_arg(p)
    p.add_argument("--period", metavar="KỲ", help="chỉ các báo cáo của kỳ này, ví dụ 2018-Q2")
    p.add_argument("--office", metavar="UUID|TÊN", help="chỉ các báo cáo của cơ quan này")
    p.add_argument("--to", required=True, metavar="FIGURES.xlsx", help="sổ Excel sẽ ghi (ghi đè tệp đã có)")


Command = tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]


def _library_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", metavar="LIB.db", help="tệp thư viện báo cáo")


def _setup_list(p: argparse.ArgumentParser) -> None:
    _library_arg(p)
    p.add_argument("--json", action="store_true")


def _setup_fields(p: argparse.ArgumentParser) -> None:
    _library_arg(p)
    p.add_argument("--report", required=True, metavar="REF", help="mã báo cáo hoặc kỳ, ví dụ 2018-Q2")
    p.add_argument("--json", action="store_true")


def _setup_set(p: argparse.ArgumentParser) -> None:
    _library_arg(p)
    p.add_argument("--report", required=True, metavar="REF")
    p.add_argument("assignments", nargs="+", metavar="KEY=VALUE")


def _setup_check(p: argparse.ArgumentParser) -> None:
    _library_arg(p)
    p.add_argument("--report", metavar="REF")
    p.add_argument("--json", action="store_true")


def _setup_export(p: argparse.ArgumentParser) -> None:
    _library_arg(p)
    p.add_argument("--report", required=True, metavar="REF", help="mã báo cáo hoặc kỳ, ví dụ 2018-Q2")
    p.add_argument("--to", required=True, metavar="OUT.docx|OUT.pdf", help="tệp xuất; định dạng theo đuôi tệp")
    p.add_argument("--force", action="store_true", help="xuất cả khi báo cáo còn lỗi")


def _setup_export_db(p: argparse.ArgumentParser) -> None:
    _library_arg(p)
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
    _library_arg(p)
    p.add_argument("--period", required=True, metavar="KỲ", help="ví dụ 2018-Q2")
    p.add_argument("--office", required=True, metavar="UUID|TÊN", help="cơ quan cấp trên nhận báo cáo tổng hợp")
    p.add_argument("--from", dest="sources", required=True, nargs="+", metavar="REF",
                   help="mã báo cáo của các đơn vị cấp dưới")
    p.add_argument("--replace", action="store_true",
                   help="cơ quan cấp trên đã có dự thảo cùng kỳ thì xóa dự thảo đó, thay bằng bản tổng hợp mới")


def _setup_sign(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", metavar="IN.pdf", help="báo cáo PDF xuất từ chương trình (không bị sửa)")
    p.add_argument("--to", required=True, metavar="OUT.pdf", help="tệp đã ký (tệp mới, khác tệp gốc)")
    p.add_argument("--role", required=True, choices=("signer", "organization"),
                   help="signer = người có thẩm quyền ký trước; organization = cơ quan ký sau, kèm con dấu")
    key = p.add_mutually_exclusive_group(required=True)
    key.add_argument("--p12", metavar="FILE.p12", help="tệp chứng thư số .p12/.pfx (mật khẩu nhập khi ký)")
    key.add_argument("--pkcs11", metavar="LIB.dll|.so", help="thư viện PKCS#11 của thiết bị ký số (token)")
    p.add_argument("--token-label", metavar="L", help="tên (nhãn) của token")
    p.add_argument("--image", metavar="PNG", help="ảnh chữ ký (người ký) hoặc ảnh con dấu (cơ quan), nền trong suốt")


def _setup_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.pdf", help="văn bản PDF đã ký số")
    p.add_argument("--trust", metavar="CA.pem|THƯ_MỤC",
                   help="chứng thư gốc tin cậy (tệp hoặc thư mục); mặc định thư mục chung-thu-goc trong thư mục "
                        "dữ liệu của chương trình")


COMMANDS: dict[str, Command] = {
    "sample": ("ghi thư viện mẫu (báo cáo Kiên Giang quý I, II năm 2018)",
               lambda p: p.add_argument("out", metavar="OUT.db"), cmd_sample),
    "list": ("liệt kê các báo cáo", _setup_list, cmd_list),
    "fields": ("mọi trường của một báo cáo", _setup_fields, cmd_fields),
    "set": ("sửa số liệu hoặc nội dung", _setup_set, cmd_set),
    "check": ("kiểm tra báo cáo", _setup_check, cmd_check),
    "export": ("xuất báo cáo ra DOCX hoặc PDF", _setup_export, cmd_export),
    "export-db": ("xuất báo cáo ra tệp .db để gửi đơn vị khác", _setup_export_db, cmd_export_db),
    "import": ("nhập báo cáo từ tệp .db của đơn vị khác", _setup_import, cmd_import),
    "consolidate": ("tổng hợp báo cáo các đơn vị cấp dưới thành dự thảo của cơ quan cấp trên", _setup_consolidate,
                    cmd_consolidate),
    "template": ("mẫu báo cáo: check, list, add, export", _setup_template, cmd_template),
    "rollup": ("lập báo cáo 6 tháng hoặc năm từ các báo cáo quý của cơ quan", _setup_rollup, cmd_rollup),
    "office": ("cơ quan: add (thêm), list (liệt kê)", _setup_office, cmd_with_action),
    "report": ("báo cáo: new (tạo), delete (xóa), issue (ban hành), reopen (mở lại)", _setup_report,
               cmd_with_action),
    "xlsx-form": ("ghi phiếu nhập Excel của một báo cáo cho đơn vị chưa có phần mềm", _setup_xlsx_form,
                  cmd_xlsx_form),
    "xlsx-import": ("nhập các phiếu nhập Excel đã điền", _setup_xlsx_import, cmd_xlsx_import),
    "xlsx-export": ("xuất số liệu của các báo cáo ra sổ Excel", _setup_xlsx_export, cmd_xlsx_export),
    "sign": ("ký số văn bản PDF (người ký, rồi cơ quan)", _setup_sign, cmd_sign),
    "verify": ("kiểm tra chữ ký số của văn bản PDF", _setup_verify, cmd_verify),
    "server-init": ("tạo thư viện báo cáo trên máy chủ PostgreSQL", _setup_server_init, cmd_server_init),
    "server-copy": ("chép thư viện: tệp .db lên máy chủ, hoặc máy chủ về tệp .db", _setup_server_copy,
                    cmd_server_copy),
    "server-grant": ("cho tài khoản máy chủ làm báo cáo của cơ quan", _setup_server_grant, cmd_server_grant),
}


_ARGPARSE_VI = (
    (r"the following arguments are required: (.*)", r"thiếu tham số: \1"),
    (r"unrecognized arguments: (.*)", r"tham số không hiểu được: \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
     r"tham số \1: không có lựa chọn \2 (chọn một trong: \3)"),
    (r"argument (\S+): expected one argument", r"tham số \1 cần một giá trị"),
    (r"argument (\S+): expected at least one argument", r"tham số \1 cần ít nhất một giá trị"),
)


class _VietnameseParser(argparse.ArgumentParser):
    """argparse whose usage errors are one Vietnamese line (exit status 2), like every other clerk's error."""

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_VI:
            message = re.sub(pattern, replacement, message)
        self.exit(EXIT_USAGE, f"Lỗi: {message}. Xem hướng dẫn: {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _VietnameseParser(prog="SoanBaoCao", description="Soạn báo cáo định kỳ Chính phủ điện tử.")
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
    from model.template import TemplateError

    args = build_parser().parse_args(argv)
    if args.self_test:
        from gui.selftest import run_self_test

        return run_self_test(__version__)
    try:
        return args.handler(args)
    except (CommandError, LibraryError, TemplateError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"Lỗi: không đọc/ghi được tệp {exc.filename or ''}: {os_error_text(exc)}.", file=sys.stderr)
        return EXIT_USAGE
    except Exception:  # never a traceback for the clerk: one line here, the details in the log
        log = _log_to_file()
        from gui.crash import log_path

        print(f"Lỗi ngoài dự kiến; chi tiết đã ghi vào nhật ký {log_path() if log else '(không ghi được)'}. "
              "Nếu lỗi lặp lại, hãy gửi tệp đó cho bộ phận hỗ trợ.", file=sys.stderr)
        if log:
            log.exception("Lỗi ngoài dự kiến khi chạy lệnh %s", argv[0] if argv else "")
        return EXIT_UNEXPECTED


def _log_to_file():
    """The log file of the editor, for the command lines that may have something to keep (``None``: cannot)."""
    from gui.crash import log, setup_logging  # Qt-free; its handler is imported only when needed

    try:
        setup_logging()
    except OSError:
        return None
    return log


def _use_utf8_console() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _attach_parent_console() -> None:
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    is_command = bool(argv) and (argv[0] in COMMANDS or argv[0].startswith("-"))
    opens_library = bool(argv) and not is_command and (Path(argv[0]).is_file() or argv[0].lower().endswith(".db"))
    if argv and not opens_library and sys.stdout is None and sys.platform == "win32":
        _attach_parent_console()
    _use_utf8_console()
    if is_command:
        return run_command(argv)
    if argv and not opens_library:  # a typo of a command must not open the editor on a new library
        print(f"Lỗi: không có lệnh “{argv[0]}” (các lệnh: {', '.join(COMMANDS)}); mở thư viện thì ghi tệp .db. "
              "Xem hướng dẫn: SoanBaoCao --help", file=sys.stderr)
        return EXIT_USAGE
    from gui.app import run_gui

    return run_gui(argv[0] if argv else None)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the bundle's worker processes (model.xlsx_import) start here
    sys.exit(main())
