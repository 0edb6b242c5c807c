"""``server-init``, ``server-copy``, ``server-grant``: a library on a PostgreSQL server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import EXIT_USAGE, Command, CommandError, open_library
from model.server.scheme import is_server_url


def cmd_server_init(args: argparse.Namespace) -> int:
    from model.library.library import Library

    with Library.init_server(args.url) as library:
        print(f"Đã tạo thư viện báo cáo trên máy chủ {library.name}.")
    return 0


def cmd_server_copy(args: argparse.Namespace) -> int:
    from model.server.copying import download, upload

    if is_server_url(args.source) == is_server_url(args.target):
        raise CommandError("Một bên phải là tệp .db, bên kia là địa chỉ máy chủ postgresql://….")
    if is_server_url(args.target):
        with open_library(args.target) as server:
            result = upload(Path(args.source), server, on_conflict=args.on_conflict)
        for file_result in result.files:
            print("\n".join(file_result.lines()), file=sys.stderr if file_result.refused else sys.stdout)
        return EXIT_USAGE if result.any_refused else 0
    with open_library(args.source) as server:
        print(download(server, Path(args.target)).message)
    return 0


def cmd_server_grant(args: argparse.Namespace) -> int:
    from model.exchange.consolidation import find_office

    with open_library(args.url) as library:
        offices = library.organizations()
        chosen = [find_office(library, ref, offices) for ref in args.offices]
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


COMMANDS: dict[str, Command] = {
    "server-init": ("tạo thư viện báo cáo trên máy chủ PostgreSQL", _setup_server_init, cmd_server_init),
    "server-copy": ("chép thư viện: tệp .db lên máy chủ, hoặc máy chủ về tệp .db", _setup_server_copy,
                    cmd_server_copy),
    "server-grant": ("cho tài khoản máy chủ làm báo cáo của cơ quan", _setup_server_grant, cmd_server_grant),
}

