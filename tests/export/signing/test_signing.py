"""Signing an exported report (PKCS#12 file, SoftHSM2 token) and verifying it, through the command line."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import main
from tests import signing_support as pki
from tests.signing_support import Kit, make_kit

needs_softhsm = pytest.mark.skipif(not pki.SOFTHSM_LIBRARY.exists() or shutil.which("pkcs11-tool") is None,
                                   reason="SoftHSM2 and opensc (pkcs11-tool) are installed by .ci/run")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    return make_kit(tmp_path_factory.mktemp("ky-so"))


@pytest.fixture(scope="module")
def token_env(tmp_path_factory: pytest.TempPathFactory, kit: Kit) -> Iterator[None]:
    """A SoftHSM2 token holding a signer's key, in its own configuration (for the whole module: the PKCS#11
    library reads SOFTHSM2_CONF once per process)."""
    if not pki.SOFTHSM_LIBRARY.exists() or shutil.which("pkcs11-tool") is None:
        pytest.skip("SoftHSM2 and opensc (pkcs11-tool) are installed by .ci/run")
    identity = pki.issue(kit.ca, "Trần Thị Token", title="Chủ tịch")
    env = pki.softhsm_token(tmp_path_factory.mktemp("softhsm"), identity)
    before = os.environ.get("SOFTHSM2_CONF")
    os.environ.update(env)
    yield
    if before is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = before


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str,
        secret: str = pki.P12_PASSWORD) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    assert secret not in out + err or not secret
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sign(capsys, monkeypatch, source: Path, target: Path, role: str, p12: Path, image: Path | None = None,
         secret: str = pki.P12_PASSWORD) -> tuple[int, str, str]:
    extra = ["--image", str(image)] if image else []
    return run(capsys, monkeypatch, "sign", str(source), "--to", str(target), "--role", role, "--p12", str(p12),
               *extra, secret=secret)


@pytest.fixture(scope="module")
def signed_twice(kit: Kit) -> tuple[Path, Path]:
    """The report signed by the signer (with a signature image), then by the organisation (with the seal)."""
    from export.signing.certificates import load_pkcs12
    from export.signing.sign import ORGANIZATION, SIGNER, sign_pdf

    first = sign_pdf(kit.report, kit.folder / "ky-1.pdf", SIGNER, load_pkcs12(kit.signer_p12, pki.P12_PASSWORD),
                     image=kit.signature)
    second = sign_pdf(first, kit.folder / "ky-2.pdf", ORGANIZATION,
                      load_pkcs12(kit.organisation_p12, pki.P12_PASSWORD), image=kit.seal)
    return first, second


def test_signer_then_organisation_with_p12_both_valid(kit, capsys, monkeypatch, tmp_path) -> None:
    before = digest(kit.report)
    code, out, err = sign(capsys, monkeypatch, kit.report, tmp_path / "1.pdf", "signer", kit.signer_p12)
    assert (code, err) == (0, "")
    assert "Đã ký số (người có thẩm quyền)" in out
    code, out, _ = sign(capsys, monkeypatch, tmp_path / "1.pdf", tmp_path / "2.pdf", "organization",
                        kit.organisation_p12, kit.seal)
    assert code == 0
    assert digest(kit.report) == before
    assert (tmp_path / "2.pdf").read_bytes().startswith((tmp_path / "1.pdf").read_bytes())  # incremental
    code, out, _ = run(capsys, monkeypatch, "verify", str(tmp_path / "2.pdf"), "--trust", str(kit.ca_pem))
    assert code == 0
    assert "1. Người ký: Mai Văn Huỳnh" in out and "2. Người ký: Ủy ban nhân dân tỉnh Kiên Giang" in out
    assert out.count("Văn bản: nguyên vẹn") == 2 and out.count("Chứng thư số: tin cậy") == 2
    assert "CA thử nghiệm Soạn báo cáo" in out
    assert not list(tmp_path.glob(".~*"))


def test_first_signature_stays_valid_after_the_second(kit, signed_twice) -> None:
    from export.signing.verify import verify_pdf

    first, second = signed_twice
    assert [c.ok for c in verify_pdf(first, kit.ca_pem)] == [True]
    checks = verify_pdf(second, kit.ca_pem)
    assert [(c.field_name, c.intact, c.changed_after, c.trusted) for c in checks] == [
        ("ChuKyNguoiKy", True, False, True), ("ChuKyCoQuan", True, False, True)]


def test_untrusted_without_the_office_trust_store(kit, signed_twice, capsys, monkeypatch, tmp_path) -> None:
    code, out, _ = run(capsys, monkeypatch, "verify", str(signed_twice[1]))
    assert code == 1
    assert out.count("KHÔNG tin cậy") == 2 and "2/2 chữ ký số KHÔNG đạt" in out
    (tmp_path / "goc").mkdir()
    shutil.copy(kit.ca_pem, tmp_path / "goc" / "ca.crt")
    assert run(capsys, monkeypatch, "verify", str(signed_twice[1]), "--trust", str(tmp_path / "goc"))[0] == 0


def test_a_byte_changed_after_signing_is_detected(kit, signed_twice, capsys, monkeypatch, tmp_path) -> None:
    data = bytearray(signed_twice[1].read_bytes())
    data[2000] ^= 0x01  # inside the page content both signatures cover
    changed = tmp_path / "sua.pdf"
    changed.write_bytes(bytes(data))
    code, out, _ = run(capsys, monkeypatch, "verify", str(changed), "--trust", str(kit.ca_pem))
    assert code == 1
    assert out.count("KHÔNG KHỚP NỘI DUNG") == 2


def test_content_added_after_signing_is_detected(kit, signed_twice, capsys, monkeypatch, tmp_path) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    changed = tmp_path / "them.pdf"
    shutil.copy(signed_twice[0], changed)
    with changed.open("r+b") as f:
        writer = IncrementalPdfFileWriter(f)
        stream = writer.add_object(generic.StreamObject(stream_data=b"1 0 0 rg 100 100 200 50 re f"))
        writer.add_stream_to_page(2, stream)
        writer.write_in_place()
    code, out, _ = run(capsys, monkeypatch, "verify", str(changed), "--trust", str(kit.ca_pem))
    assert code == 1
    assert "Văn bản: ĐÃ BỊ SỬA SAU KHI KÝ" in out
    code, _, err = sign(capsys, monkeypatch, changed, tmp_path / "out.pdf", "organization", kit.organisation_p12)
    assert code == 2
    assert err == "Lỗi: Tệp “them.pdf” đã bị sửa sau khi ký (nội dung được thêm vào sau chữ ký); không ký tiếp " \
                  "lên văn bản này.\n"
    assert not (tmp_path / "out.pdf").exists()


def _refused(capsys, monkeypatch, argv: list[str], message: str, out: Path, secret: str = pki.P12_PASSWORD) -> None:
    code, stdout, err = run(capsys, monkeypatch, *argv, secret=secret)
    assert code == 2
    assert stdout == ""
    assert err == f"Lỗi: {message}\n"
    assert not out.exists()
    assert not list(out.parent.glob(".~*"))


def test_wrong_p12_password(kit, capsys, monkeypatch, tmp_path) -> None:
    out = tmp_path / "out.pdf"
    _refused(capsys, monkeypatch, ["sign", str(kit.report), "--to", str(out), "--role", "signer",
                                   "--p12", str(kit.signer_p12)],
             "Mật khẩu của tệp chứng thư số “nguoi-ky.p12” không đúng.", out, secret="sai mật khẩu")


def test_expired_certificate(kit, capsys, monkeypatch, tmp_path) -> None:
    out = tmp_path / "out.pdf"
    code, _, err = sign(capsys, monkeypatch, kit.report, out, "signer", kit.expired_p12)
    assert code == 2
    assert err.startswith("Lỗi: Chứng thư số của “Người Hết Hạn” đã hết hạn ngày ")
    assert err.endswith("; không thể ký. Hãy gia hạn hoặc dùng chứng thư số khác.\n")
    assert not out.exists()


def test_certificate_without_digital_signature_usage(kit, capsys, monkeypatch, tmp_path) -> None:
    out = tmp_path / "out.pdf"
    _refused(capsys, monkeypatch, ["sign", str(kit.report), "--to", str(out), "--role", "signer",
                                   "--p12", str(kit.encryption_only_p12)],
             "Chứng thư số của “Chỉ Mã Hóa” không dùng để ký số (thiếu mục đích sử dụng “Digital Signature”); "
             "hãy dùng chứng thư số ký số.", out)


def test_pdf_not_ours(kit, capsys, monkeypatch, tmp_path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    foreign = tmp_path / "khac.pdf"
    canvas = Canvas(str(foreign))
    canvas.drawString(100, 700, "A PDF from another program")
    canvas.save()
    out = tmp_path / "out.pdf"
    before = digest(foreign)
    _refused(capsys, monkeypatch, ["sign", str(foreign), "--to", str(out), "--role", "signer",
                                   "--p12", str(kit.signer_p12)],
             "Tệp “khac.pdf” không phải báo cáo xuất từ Soạn báo cáo (không có vị trí chữ ký); chỉ ký được tệp PDF "
             "do chương trình xuất.", out)
    assert digest(foreign) == before
    import sys

    assert sys.stdin.read() == pki.P12_PASSWORD + "\n"  # refused before the password was asked


@pytest.mark.parametrize("damage", ["truncated", "not a pdf"])
def test_damaged_pdf(kit, capsys, monkeypatch, tmp_path, damage) -> None:
    broken = tmp_path / "hong.pdf"
    data = kit.report.read_bytes()
    broken.write_bytes(data[: len(data) // 3] if damage == "truncated" else b"PK\x03\x04 a zip, renamed")
    message = ("Tệp PDF “hong.pdf” bị hỏng, không đọc được." if damage == "truncated"
               else "Tệp “hong.pdf” không phải tệp PDF.")
    out = tmp_path / "out.pdf"
    _refused(capsys, monkeypatch, ["sign", str(broken), "--to", str(out), "--role", "signer",
                                   "--p12", str(kit.signer_p12)], message, out)
    code, _, err = run(capsys, monkeypatch, "verify", str(broken))
    assert (code, err) == (2, f"Lỗi: {message}\n")


def test_organisation_before_signer_and_signing_twice_are_refused(kit, signed_twice, capsys, monkeypatch,
                                                                    tmp_path) -> None:
    out = tmp_path / "out.pdf"
    _refused(capsys, monkeypatch, ["sign", str(kit.report), "--to", str(out), "--role", "organization",
                                   "--p12", str(kit.organisation_p12)],
             "Tệp “bao-cao.pdf” chưa có chữ ký số của người có thẩm quyền; người ký phải ký trước, cơ quan ký sau.",
             out)
    _refused(capsys, monkeypatch, ["sign", str(signed_twice[0]), "--to", str(out), "--role", "signer",
                                   "--p12", str(kit.signer_p12)],
             "Tệp “ky-1.pdf” đã có chữ ký số của người có thẩm quyền.", out)


def test_unsigned_pdf_has_nothing_to_verify(kit, capsys, monkeypatch) -> None:
    code, _, err = run(capsys, monkeypatch, "verify", str(kit.report))
    assert (code, err) == (2, "Lỗi: Tệp “bao-cao.pdf” không có chữ ký số nào.\n")


def _pkcs11_argv(kit: Kit, out: Path, label: str = pki.TOKEN_LABEL) -> list[str]:
    return ["sign", str(kit.report), "--to", str(out), "--role", "signer", "--pkcs11", str(pki.SOFTHSM_LIBRARY),
            "--token-label", label]


@needs_softhsm
def test_token_signs_and_organisation_countersigns(kit, token_env, capsys, monkeypatch, tmp_path) -> None:
    first = tmp_path / "token.pdf"
    code, out, err = run(capsys, monkeypatch, *_pkcs11_argv(kit, first), secret=pki.TOKEN_PIN)
    assert (code, err) == (0, "")
    code, _, _ = sign(capsys, monkeypatch, first, tmp_path / "2.pdf", "organization", kit.organisation_p12,
                      kit.seal)
    assert code == 0
    code, out, _ = run(capsys, monkeypatch, "verify", str(tmp_path / "2.pdf"), "--trust", str(kit.ca_pem))
    assert code == 0
    assert "1. Người ký: Trần Thị Token" in out and out.count("Văn bản: nguyên vẹn") == 2


@needs_softhsm
def test_wrong_pin(kit, token_env, capsys, monkeypatch, tmp_path) -> None:
    out = tmp_path / "out.pdf"
    _refused(capsys, monkeypatch, _pkcs11_argv(kit, out),
             f"Mã PIN của thiết bị ký số “{pki.TOKEN_LABEL}” không đúng.", out, secret="111111")


@needs_softhsm
def test_token_absent(kit, token_env, capsys, monkeypatch, tmp_path) -> None:
    out = tmp_path / "out.pdf"
    _refused(capsys, monkeypatch, _pkcs11_argv(kit, out, label="Token-Khac"),
             "Không thấy thiết bị ký số (token) “Token-Khac”; hãy cắm token rồi thử lại.", out, secret=pki.TOKEN_PIN)


def test_token_library_missing(kit, capsys, monkeypatch, tmp_path) -> None:
    out = tmp_path / "out.pdf"
    argv = _pkcs11_argv(kit, out)
    argv[argv.index("--pkcs11") + 1] = str(tmp_path / "khong-co.dll")
    _refused(capsys, monkeypatch, argv,
             f"Không có thư viện PKCS#11 “{tmp_path / 'khong-co.dll'}” (tệp .dll/.so của thiết bị ký số).", out,
             secret=pki.TOKEN_PIN)


# ---------------------------------------------------------------------------------------------- the page


def _render(pdf: Path, page: int, folder: Path, dpi: int) -> object:
    from PIL import Image

    stem = folder / f"{pdf.stem}-p"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(pdf), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


def _bbox(image, wanted, area: tuple[float, ...]) -> tuple[int, int, int, int]:
    """Bounding box (left, top, right, bottom) of the pixels ``wanted(r, g, b)`` accepts, in the part of the
    page ``area`` (a margin around it included)."""
    from PIL import Image

    margin = 40
    left, top = int(area[0]) - margin, int(area[1]) - margin
    part = image.crop((left, top, int(area[2]) + margin, int(area[3]) + margin))
    mask = Image.new("L", part.size)
    mask.putdata([255 if wanted(*pixel) else 0 for pixel in part.get_flattened_data()])
    box = mask.getbbox()
    assert box is not None
    return box[0] + left, box[1] + top, box[2] + left, box[3] + top


def test_seal_overlaps_the_left_third_of_the_signature_inside_the_block(kit, signed_twice, tmp_path) -> None:
    from PIL import ImageChops

    from export.signing.pdf_read import read_pdf
    from export.signing.sign import signature_place

    place = signature_place(read_pdf(kit.report.read_bytes(), "x"), "x")
    dpi, scale = 144, 2.0  # pixels per point
    page = place.page + 1
    plain = _render(kit.report, page, tmp_path, dpi)
    signed_once = _render(signed_twice[0], page, tmp_path, dpi)
    signed = _render(signed_twice[1], page, tmp_path, dpi)
    height = plain.size[1]
    left, bottom, right, top = place.box
    block = (left * scale, height - top * scale, right * scale, height - bottom * scale)  # pixels, y down

    def inside(box: tuple[int, int, int, int]) -> bool:
        return (box[0] >= block[0] - 1 and box[1] >= block[1] - 1 and box[2] <= block[2] + 1
                and box[3] <= block[3] + 1)

    def blue(r: int, g: int, b: int) -> bool:
        return b > 120 and r < 100

    def red(r: int, g: int, b: int) -> bool:
        return r > 150 and g < 110 and b < 110

    signature = _bbox(signed_once, blue, block)
    seal = _bbox(signed, red, block)
    assert inside(signature) and inside(seal)
    third = signature[0] + (signature[2] - signature[0]) / 3
    assert abs(seal[2] - third) <= 3 * scale  # the seal's right edge at one third of the signature image
    assert seal[0] < signature[0]  # it sticks out on the left
    changed = ImageChops.difference(plain, signed).getbbox()
    assert changed is not None and inside(changed)  # nothing outside the blank space (title, name) is covered


def test_an_image_that_is_not_a_picture(kit, capsys, monkeypatch, tmp_path) -> None:
    not_image = tmp_path / "chu-ky.png"
    not_image.write_bytes(b"not a picture at all")
    out = tmp_path / "out.pdf"
    _refused(capsys, monkeypatch, ["sign", str(kit.report), "--to", str(out), "--role", "signer",
                                   "--p12", str(kit.signer_p12), "--image", str(not_image)],
             "Không đọc được ảnh “chu-ky.png”: tệp hỏng hoặc không phải ảnh PNG/JPEG.", out)


def test_signing_onto_the_input_itself_is_refused(kit, capsys, monkeypatch, tmp_path) -> None:
    source = tmp_path / "bc.pdf"
    shutil.copy(kit.report, source)
    before = digest(source)
    code, _, err = sign(capsys, monkeypatch, source, source, "signer", kit.signer_p12)
    assert (code, err) == (2, "Lỗi: Tệp ký xong phải khác tệp gốc; tệp gốc được giữ nguyên.\n")
    assert digest(source) == before


def test_mutated_signed_pdfs_give_a_verdict_or_one_line(kit, signed_twice, capsys, monkeypatch, tmp_path) -> None:
    """Damaged copies of a signed report (bytes changed, cut short, zeroed): verify and sign answer with a
    verdict or one Vietnamese line, never a traceback."""
    import random

    rng = random.Random(12)
    data = signed_twice[1].read_bytes()
    mutated = tmp_path / "hong.pdf"
    for round_ in range(8):
        copy = bytearray(data)
        if round_ % 3 == 0:
            copy = copy[: rng.randrange(len(copy))]
        elif round_ % 3 == 1:
            for _ in range(rng.randint(1, 20)):
                copy[rng.randrange(len(copy))] = rng.randrange(256)
        else:
            at = rng.randrange(len(copy))
            copy[at:at + 300] = bytes(300)
        mutated.write_bytes(bytes(copy))
        code, out, err = run(capsys, monkeypatch, "verify", str(mutated), "--trust", str(kit.ca_pem))
        assert code in (0, 1, 2) and (code != 2 or (out == "" and err.count("\n") == 1 and err.startswith("Lỗi: ")))
        code, _, err = sign(capsys, monkeypatch, mutated, tmp_path / "out.pdf", "organization", kit.organisation_p12)
        assert code == 2 and err.count("\n") == 1 and err.startswith("Lỗi: ")
        assert not (tmp_path / "out.pdf").exists()


def test_the_export_records_the_blank_space_between_title_and_name(sample_library, q2_id, tmp_path) -> None:
    """The signature place is the signature block's blank space on the main document's last page, even when
    appendices follow."""
    from export.document.document import Appendix, Table
    from export.document.service import export_report
    from export.signing.pdf_read import read_pdf
    from export.signing.sign import signature_place
    from tests.export.document.test_export_pdf import word_boxes

    appendix = Appendix("Số liệu các đơn vị", Table(("STT", "Đơn vị"), (("1", "Huyện A"),)))
    pdf = export_report(sample_library, q2_id, tmp_path / "bc.pdf", appendices=[appendix]).path
    place = signature_place(read_pdf(pdf.read_bytes(), "bc.pdf"), "bc.pdf")
    words = word_boxes(pdf)
    name = next(w for w in words if w[0] == "Huỳnh")
    title = next(w for w in words if w[0] == "PHÓ" and w[5] == name[5])
    assert place.page + 1 == name[5] < max(w[5] for w in words)  # the appendix is on a later page
    page_height = 841.89
    top, bottom = page_height - place.box[3], page_height - place.box[1]  # pdftotext's y grows downwards
    assert title[4] <= top + 1 and bottom <= name[2] + 1
    assert place.box[0] <= title[1] and title[3] <= place.box[2]  # the right-hand column of the closing table


def test_a_trust_store_that_is_not_certificates(kit, signed_twice, capsys, monkeypatch, tmp_path) -> None:
    junk = tmp_path / "goc.pem"
    junk.write_text("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n")
    code, out, err = run(capsys, monkeypatch, "verify", str(signed_twice[1]), "--trust", str(junk))
    assert (code, out, err) == (2, "", "Lỗi: Tệp “goc.pem” không phải chứng thư số (PEM hoặc DER).\n")
    code, _, err = run(capsys, monkeypatch, "verify", str(signed_twice[1]), "--trust", str(tmp_path / "khong-co"))
    assert (code, err) == (2, f"Lỗi: Không có tệp hoặc thư mục chứng thư gốc “{tmp_path / 'khong-co'}”.\n")


def test_a_certificate_for_digital_signature_without_non_repudiation_verifies(kit, tmp_path) -> None:
    from export.signing.certificates import load_pkcs12
    from export.signing.sign import SIGNER, sign_pdf
    from export.signing.verify import verify_pdf

    identity = pki.issue(kit.ca, "Chỉ Ký Số", non_repudiation=False)
    p12 = pki.write_p12(identity, kit.ca, tmp_path / "chi-ky-so.p12")
    signed = sign_pdf(kit.report, tmp_path / "ky.pdf", SIGNER, load_pkcs12(p12, pki.P12_PASSWORD))
    assert [check.ok for check in verify_pdf(signed, kit.ca_pem)] == [True]


def test_the_office_trust_folder_is_used_when_none_is_given(kit, signed_twice, capsys, monkeypatch) -> None:
    from export.signing.verify import office_trust_folder

    code, out, _ = run(capsys, monkeypatch, "verify", str(signed_twice[1]))
    assert code == 1 and out.startswith("Chưa cấu hình chứng thư gốc tin cậy (--trust).\n")
    folder = office_trust_folder()
    folder.mkdir()
    shutil.copy(kit.ca_pem, folder / "ca-thu-nghiem.crt")
    code, out, _ = run(capsys, monkeypatch, "verify", str(signed_twice[1]))
    assert code == 0 and out.startswith(f"Chứng thư gốc tin cậy: {folder}\n")


@pytest.mark.parametrize(("dpi", "expected_mm"), [(508, 15.0), (212, 35.9), (None, 25.0), (100, 25.0)])
def test_the_seal_is_real_size_when_it_records_its_resolution(kit, signed_twice, tmp_path, dpi, expected_mm) -> None:
    """A 300-pixel seal scanned at 508 dpi is 15 mm wide and printed so; at 212 dpi it is 36 mm, larger than the
    blank space, and still printed at its real size (reaching over the title as a paper seal does). A seal that
    records no resolution, or an impossible one (76 mm), is as high as the blank space (25 mm)."""
    from export.signing.certificates import load_pkcs12
    from export.signing.sign import FIELD_NAMES, ORGANIZATION, read_pdf, sign_pdf, signature_field_rect

    seal = pki.seal_png(tmp_path / "con-dau.png", dpi=dpi)
    out = sign_pdf(signed_twice[0], tmp_path / "2.pdf", ORGANIZATION,
                   load_pkcs12(kit.organisation_p12, pki.P12_PASSWORD), image=seal)
    left, _, right, _ = signature_field_rect(read_pdf(out.read_bytes(), "2.pdf"), FIELD_NAMES[ORGANIZATION])
    assert abs((right - left) / (72 / 25.4) - expected_mm) < 0.2


def test_a_pdf_signed_by_another_program_is_verified(kit, capsys, monkeypatch, tmp_path) -> None:
    """Received documents are signed with other software: any PAdES signature is listed and judged."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from reportlab.pdfgen.canvas import Canvas

    from export.signing.certificates import load_pkcs12

    plain = tmp_path / "cong-van.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(100, 700, "Cong van so 12")
    canvas.save()
    signed = tmp_path / "cong-van-da-ky.pdf"
    with plain.open("rb") as source, signed.open("wb") as out:
        signers.sign_pdf(IncrementalPdfFileWriter(source), signers.PdfSignatureMetadata(field_name="Signature1"),
                         signer=load_pkcs12(kit.signer_p12, pki.P12_PASSWORD), output=out)
    code, out, _ = run(capsys, monkeypatch, "verify", str(signed), "--trust", str(kit.ca_pem))
    assert code == 0 and "1. Người ký: Mai Văn Huỳnh" in out and "Văn bản: nguyên vẹn" in out
