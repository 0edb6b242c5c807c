"""``verify`` on hostile signed PDFs: bytes appended after the last signature are reported (exit 1); a file of
thousands of incremental updates or with a huge signature is refused before pyHanko parses it (exit 2), within
the time and memory each refusal is measured against."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from export.signing.pdf_bounds import MAX_PDF_REVISIONS, MAX_SIGNATURE_BYTES
from tests.limits_support import run_measured
from tests.signing_support import P12_PASSWORD, Kit, make_kit


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    return make_kit(tmp_path_factory.mktemp("ky-so"))


@pytest.fixture(scope="module")
def signed(kit: Kit) -> Path:
    from export.signing.certificates import load_pkcs12
    from export.signing.sign import SIGNER, sign_pdf

    return sign_pdf(kit.report, kit.folder / "ky-1.pdf", SIGNER, load_pkcs12(kit.signer_p12, P12_PASSWORD))


def _updates(data: bytes, count: int) -> bytes:
    """``data`` followed by ``count`` real incremental updates, each adding one object (a classic xref section,
    its trailer pointing at the previous one), as a hostile sender would write them."""
    root = re.findall(rb"/Root\s+(\d+)\s+0\s+R", data)[-1].decode()
    size = int(re.findall(rb"/Size\s+(\d+)", data)[-1])
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    parts, offset = [data], len(data)
    for number in range(size, size + count):
        body = f"\n{number} 0 obj\n<< /Ghi {number} >>\nendobj\n".encode()
        xref = offset + len(body)
        tail = (f"xref\n0 1\n0000000000 65535 f \n{number} 1\n{offset + 1:010d} 00000 n \n"
                f"trailer\n<< /Size {number + 1} /Root {root} 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF")
        parts += [body, tail.encode()]
        offset, previous = xref + len(tail), xref
    return b"".join(parts)


def test_bytes_appended_after_the_last_signature_are_reported(kit: Kit, signed: Path, tmp_path: Path) -> None:
    appended = tmp_path / "them-cuoi.pdf"
    extra = b"\n1 0 obj\n<< /Noi dung them sau khi ky >>\nendobj\n"
    appended.write_bytes(signed.read_bytes() + extra)
    run = run_measured("verify", appended, "--trust", kit.ca_pem)
    assert run.code == 1, run.err
    assert f"ĐÃ BỊ SỬA SAU KHI KÝ (có {len(extra)} byte được thêm vào cuối tệp sau chữ ký cuối cùng" in run.out
    assert "KHÔNG đạt" in run.out
    refused = run_measured("sign", appended, "--to", tmp_path / "ky-tiep.pdf", "--role", "organization", "--p12",
                           kit.organisation_p12)
    assert refused.code == 2 and "thêm vào cuối tệp sau chữ ký cuối cùng" in refused.err
    assert not (tmp_path / "ky-tiep.pdf").exists()
    pointer = re.findall(rb"startxref\s+\d+\s+%%EOF", signed.read_bytes())[-1]
    disguised = tmp_path / "gia-eof.pdf"  # a copy of the signed revision's own pointer makes the text no revision
    disguised.write_bytes(signed.read_bytes() + extra + pointer + b"\n")
    run = run_measured("verify", disguised, "--trust", kit.ca_pem)
    assert run.code == 1 and "thêm vào cuối tệp sau chữ ký cuối cùng" in run.out, run.out + run.err
    newline = tmp_path / "xuong-dong.pdf"  # a line break after %%EOF is no content
    newline.write_bytes(signed.read_bytes() + b"\r\n")
    assert run_measured("verify", newline, "--trust", kit.ca_pem).code == 0


def test_ten_thousand_incremental_updates_are_refused_unread(kit: Kit, signed: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "cap-nhat.pdf"
    hostile.write_bytes(_updates(signed.read_bytes(), 10_000))
    before = hostile.read_bytes()
    run = run_measured("verify", hostile, "--trust", kit.ca_pem)
    assert run.code == 2 and "lần cập nhật nối tiếp, quá giới hạn" in run.err and "Traceback" not in run.err
    assert run.within_bounds(), run
    assert hostile.read_bytes() == before


def test_updates_within_the_bound_get_a_verdict_in_time(kit: Kit, signed: Path, tmp_path: Path) -> None:
    many = tmp_path / "nhieu-lan.pdf"
    many.write_bytes(_updates(signed.read_bytes(), MAX_PDF_REVISIONS - 2))
    run = run_measured("verify", many, "--trust", kit.ca_pem)  # whole revisions adding unused objects: harmless
    assert run.code == 0 and "Văn bản: nguyên vẹn" in run.out, run.out + run.err
    assert run.within_bounds(), run


def test_a_huge_signature_is_refused_unread(kit: Kit, signed: Path, tmp_path: Path) -> None:
    """A later revision holding a signature dictionary whose /Contents is 60 MB of hex."""
    data = signed.read_bytes()
    hostile = tmp_path / "chu-ky-lon.pdf"
    with hostile.open("wb") as out:
        out.write(data)
        out.write(b"\n99 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Contents <")
        chunk = b"30" * (1024 * 1024)
        for _ in range(30):
            out.write(chunk)
        out.write(b"> >>\nendobj\n")
    run = run_measured("verify", hostile, "--trust", kit.ca_pem)
    assert run.code == 2, run.err
    assert f"quá giới hạn {MAX_SIGNATURE_BYTES // 1024} KB của một chữ ký" in run.err
    assert run.within_bounds(), run
