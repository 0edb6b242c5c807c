"""``office add|list``: the offices of a library, as a province's script sets them up."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.common import Command, cmd_with_action, open_library
from model.server.scheme import is_server_url


def cmd_office_add(args: argparse.Namespace) -> int:
    from model.library.library import Library
    from model.library.offices import add_office

    path = Path(args.library)
    created = not is_server_url(args.library) and not path.exists()
    library = Library.create(path) if created else open_library(args.library)
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
    with open_library(args.library) as library:
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


COMMANDS: dict[str, Command] = {
    "office": ("cơ quan: add (thêm), list (liệt kê)", _setup_office, cmd_with_action),
}

