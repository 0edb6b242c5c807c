"""``office add|edit|list|merge|export-tree``: the offices of a library, as a province's script sets them up."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.common import Command, CommandError, cmd_with_action, open_library
from model.server.scheme import is_server_url

LEVEL_HELP = "cấp: tinh (UBND tỉnh), so (sở, ban, ngành), huyen (UBND cấp huyện), xa (UBND cấp xã); mặc định theo tên"


def cmd_office_add(args: argparse.Namespace) -> int:
    from model.library.library import Library
    from model.offices.actions import add_office

    path = Path(args.library)
    created = not is_server_url(args.library) and not path.exists()
    library = Library.create(path) if created else open_library(args.library)
    try:
        with library:
            office = add_office(library, args.name, args.place, header_lines=args.header or (),
                                parent_header_lines=args.parent_header or (), symbol=args.symbol,
                                parent_ref=args.parent, level=args.level or "", code=args.code or "")
    except Exception:
        if created:
            path.unlink(missing_ok=True)
        raise
    if created:
        print(f"Đã tạo thư viện mới {path.name}.")
    print(f"Đã thêm cơ quan {office.name} (cấp {office.level}, mã {office.id}).")
    return 0


def cmd_office_edit(args: argparse.Namespace) -> int:
    from model.offices.editing import OfficeChanges, edit_office

    changes = OfficeChanges(name=args.name, header_lines=args.header, parent_header_lines=args.parent_header,
                            place=args.place, symbol=args.symbol, level=args.level, code=args.code,
                            parent_ref=args.parent)
    if changes == OfficeChanges():
        raise CommandError("Chưa ghi điều gì cần sửa (--name, --header, --place, --level, --code, --parent…).")
    with open_library(args.library) as library:
        office = edit_office(library, args.office, changes)
    print(f"Đã sửa cơ quan {office.name} (cấp {office.level}, mã {office.id}).")
    return 0


def cmd_office_list(args: argparse.Namespace) -> int:
    with open_library(args.library) as library:
        offices = library.organizations()
    names = {o.id: o.name for o in offices}
    if args.json:
        print(json.dumps([{"id": o.id, "name": o.name, "header": o.header_name, "parent_header": o.parent_header,
                           "place": o.place, "symbol": o.symbol_suffix, "parent_id": o.parent_id, "level": o.level,
                           "code": o.code}
                          for o in offices], ensure_ascii=False, indent=1))
    else:
        for o in offices:
            parent = f"\tthuộc {names.get(o.parent_id, o.parent_id)}" if o.parent_id else ""
            print(f"{o.id}\t{o.name}\t{o.place}{parent}")
    return 0


def cmd_office_merge(args: argparse.Namespace) -> int:
    from model.offices.editing import merge_offices, merge_plan

    with open_library(args.library) as library:
        duplicate, kept, moved = merge_plan(library, args.duplicate, args.into)
        if not args.yes:
            raise CommandError(f"Gộp “{duplicate.name}” (mã {duplicate.id[:8]}, {moved} báo cáo) vào “{kept.name}” (mã "
                               f"{kept.id[:8]}): mọi báo cáo được giữ và chuyển sang cơ quan giữ lại, cơ quan trùng bị "
                               "xóa; thêm --yes để xác nhận.")
        result = merge_offices(library, args.duplicate, args.into)
    print(result.message)
    return 0


def cmd_office_export_tree(args: argparse.Namespace) -> int:
    from model.exchange.consolidation import find_office
    from model.exchange.dbexport import export_office_tree

    with open_library(args.library) as library:
        root = find_office(library, args.office).id if args.office else None
        result = export_office_tree(library, Path(args.to), root_id=root)
    print(result.message)
    print(f"Đơn vị nhận tạo thư viện của mình từ tệp này: python3 main.py import THU-VIEN.db {Path(args.to).name}")
    return 0


def _profile_arguments(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument("--name", required=adding, metavar="TÊN", help="tên đầy đủ, ví dụ Ủy ban nhân dân huyện An Minh")
    p.add_argument("--place", required=adding, metavar="ĐỊA_DANH", help="tên tỉnh, không có chữ “tỉnh”")
    p.add_argument("--header", nargs="+", metavar="DÒNG",
                   help="tên in trên tiêu đề, mỗi dòng một tham số (mặc định: tên viết hoa)")
    p.add_argument("--parent-header", nargs="+", metavar="DÒNG", help="tên cơ quan chủ quản in trên tiêu đề")
    p.add_argument("--symbol", default="UBND" if adding else None, metavar="VIẾT_TẮT",
                   help="chữ viết tắt trong ký hiệu (mặc định UBND)")
    p.add_argument("--parent", metavar="UUID|TÊN", help="cơ quan cấp trên trong thư viện"
                   + ("" if adding else " (\"\" để bỏ cơ quan cấp trên)"))
    p.add_argument("--level", choices=("tinh", "so", "huyen", "xa"), help=LEVEL_HELP)
    p.add_argument("--code", metavar="MÃ", help="mã định danh điện tử (Quyết định 20/2020/QĐ-TTg), ví dụ 000.00.12.H33")


def _setup_office(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)
    add = actions.add_parser("add", help="thêm cơ quan (ví dụ một huyện thuộc tỉnh); chưa có thư viện thì tạo mới")
    add.add_argument("library", metavar="LIB.db")
    _profile_arguments(add, adding=True)
    add.set_defaults(action_handler=cmd_office_add)
    edit = actions.add_parser("edit", help="sửa tên, tiêu đề, địa danh, cấp, mã định danh, cơ quan cấp trên")
    edit.add_argument("library", metavar="LIB.db")
    edit.add_argument("--office", required=True, metavar="UUID|TÊN", help="cơ quan cần sửa")
    _profile_arguments(edit, adding=False)
    edit.set_defaults(action_handler=cmd_office_edit)
    listing = actions.add_parser("list", help="liệt kê các cơ quan")
    listing.add_argument("library", metavar="LIB.db")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(action_handler=cmd_office_list)
    merge = actions.add_parser("merge", help="gộp một cơ quan trùng vào cơ quan giữ lại (giữ mọi báo cáo)")
    merge.add_argument("library", metavar="LIB.db")
    merge.add_argument("duplicate", metavar="TRÙNG", help="cơ quan trùng (mã hoặc tên), sẽ bị xóa sau khi gộp")
    merge.add_argument("--into", "--keep", dest="into", required=True, metavar="GIỮ_LẠI",
                       help="cơ quan giữ lại, nhận mọi báo cáo và cơ quan trực thuộc của cơ quan trùng")
    merge.add_argument("--yes", action="store_true", help="xác nhận gộp")
    merge.set_defaults(action_handler=cmd_office_merge)
    tree = actions.add_parser("export-tree", help="ghi danh sách cơ quan (không kèm báo cáo) ra tệp .db để gửi "
                                                  "các đơn vị làm thư viện của mình")
    tree.add_argument("library", metavar="LIB.db")
    tree.add_argument("--to", required=True, metavar="OUT.db")
    tree.add_argument("--office", metavar="UUID|TÊN",
                      help="chỉ cơ quan này và các cơ quan trực thuộc (mặc định: tất cả)")
    tree.set_defaults(action_handler=cmd_office_export_tree)


COMMANDS: dict[str, Command] = {
    "office": ("cơ quan: add (thêm), edit (sửa), list (liệt kê), merge (gộp trùng), export-tree (gửi danh sách)",
               _setup_office, cmd_with_action),
}
