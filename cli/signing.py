"""``sign`` and ``verify``: PAdES signatures of exported PDFs, by .p12 file or PKCS#11 token."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import EXIT_PROBLEMS, Command, CommandError


def _secret(prompt: str) -> str:
    """A password or PIN: one line of standard input when it is not a terminal (scripts, tests), else asked
    without echo. Never stored nor printed."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")


def cmd_sign(args: argparse.Namespace) -> int:
    from export.signing.certificates import SigningError, load_pkcs12, open_token
    from export.signing.sign import ROLE_LABELS, check_can_sign, sign_pdf

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
    from export.signing.certificates import SigningError
    from export.signing.verify import trust_store, verify_pdf

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
    "sign": ("ký số văn bản PDF (người ký, rồi cơ quan)", _setup_sign, cmd_sign),
    "verify": ("kiểm tra chữ ký số của văn bản PDF", _setup_verify, cmd_verify),
}

