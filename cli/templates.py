"""``template check|list|add|export``: the report kinds, for a province's IT officer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import EXIT_PROBLEMS, EXIT_USAGE, Command, CommandError, library_arg, open_library


def cmd_template(args: argparse.Namespace) -> int:
    """``template check|list|add|export``: the report kinds, for a province's IT officer."""
    from model.report.template_source import check_template_text, read_template_file, template_text_of_file

    if args.action == "check":
        mistakes = check_template_text(read_template_file(Path(args.file)))
        for mistake in mistakes:
            print(f"LỖI\t{mistake}")
        print(f"{args.file}: {len(mistakes)} lỗi." if mistakes else f"{args.file}: mẫu hợp lệ.")
        return EXIT_PROBLEMS if mistakes else 0
    if args.action == "add":
        text = template_text_of_file(Path(args.file))
        with open_library(args.library) as library:
            template = library.add_template(text)
        print(f"Đã thêm mẫu “{template.name}” ({template.key}, phiên bản {template.version}) vào thư viện.")
        return 0
    if args.action == "export":
        target = Path(args.to)
        if target.exists():
            raise CommandError(f"Tệp “{target.name}” đã có; chọn tên khác hoặc xóa tệp cũ trước.")
        with open_library(args.library) as library:
            text = library.template_text(args.key, args.version)
        target.write_bytes(text.encode("utf-8"))
        print(f"Đã ghi mẫu “{args.key}” vào {target}")
        return 0
    from model.library.templates import ORIGIN_LABELS

    skipped: list[str] = []
    with open_library(args.library) as library:
        templates = library.templates(skipped)
    for info in templates:
        print(f"{info.key}\t{info.version}\t{info.name}\t{info.reports} báo cáo\t{info.sha256[:12]}\t"
              f"{ORIGIN_LABELS.get(info.origin, info.origin)}")
    for message in skipped:
        print(f"Lỗi: {message}", file=sys.stderr)
    return EXIT_USAGE if skipped else 0  # the readable ones are listed; the damage is said, as check says it


def _setup_template(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)
    check = actions.add_parser("check", help="kiểm tra một tệp mẫu (.toml): in mọi lỗi kèm dòng hoặc khóa")
    check.add_argument("file", metavar="FILE.toml")
    library_arg(actions.add_parser("list", help="các mẫu báo cáo thư viện đang giữ"))
    add = actions.add_parser("add", help="thêm mẫu mới, hoặc phiên bản cao hơn của một mẫu, vào thư viện")
    library_arg(add)
    add.add_argument("file", metavar="FILE.toml")
    export = actions.add_parser("export", help="ghi một mẫu thư viện đang giữ ra tệp .toml")
    library_arg(export)
    export.add_argument("key", metavar="KEY", help="mã mẫu, ví dụ nq36a_quy")
    export.add_argument("--version", type=int, metavar="N", help="phiên bản (mặc định: mới nhất)")
    export.add_argument("--to", required=True, metavar="FILE.toml")


COMMANDS: dict[str, Command] = {
    "template": ("mẫu báo cáo: check, list, add, export", _setup_template, cmd_template),
}

