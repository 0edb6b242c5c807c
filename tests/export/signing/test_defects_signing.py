"""Issue 21, signing: the seal at its real size, every font embedded, no seal on a draft without a number, a
changed byte reported as changed content, and no library warning on stderr."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from export.signing.sign import (
    FIELD_NAMES,
    ORGANIZATION,
    SEAL_OUTSIDE,
    SIGNER,
    read_pdf,
    signature_field_rect,
    signature_place,
)
from tests import signing_support as pki
from tests.locations import ROOT
from tests.signing_support import Kit, make_kit

MM = 72 / 25.4


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    return make_kit(tmp_path_factory.mktemp("ky-so-21"))


def full_seal(path: Path, millimetres: float, dpi: int = 300) -> Path:
    """A red ring touching the image's edges, ``millimetres`` wide at ``dpi`` (as a scanned seal is cropped)."""
    from PIL import Image, ImageDraw

    size = round(millimetres / 25.4 * dpi)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((0, 0, size - 1, size - 1), outline=(220, 20, 30, 255), width=size // 15)
    image.save(path, dpi=(dpi, dpi))
    return path


def _sign_both(kit: Kit, folder: Path, *, signature: Path | None, seal: Path | None) -> Path:
    from export.signing.certificates import load_pkcs12
    from export.signing.sign import sign_pdf

    first = sign_pdf(kit.report, folder / "1.pdf", SIGNER, load_pkcs12(kit.signer_p12, pki.P12_PASSWORD),
                     image=signature)
    return sign_pdf(first, folder / "2.pdf", ORGANIZATION, load_pkcs12(kit.organisation_p12, pki.P12_PASSWORD),
                    image=seal)


def _render(pdf: Path, page: int, dpi: int, stem: Path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(pdf), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


def _red_box(image) -> tuple[int, int, int, int]:
    from PIL import Image

    mask = Image.new("L", image.size)
    mask.putdata([255 if r > 150 and g < 110 and b < 110 else 0 for r, g, b in image.get_flattened_data()])
    box = mask.getbbox()
    assert box is not None
    return box


def test_a_40_mm_seal_is_printed_40_mm_wide_above_the_signers_name(kit, tmp_path) -> None:
    from tests.export.document.test_export_pdf import word_boxes

    signed = _sign_both(kit, tmp_path, signature=kit.signature, seal=full_seal(tmp_path / "dau-40.png", 40))
    place = signature_place(read_pdf(kit.report.read_bytes(), "x"), "x")
    dpi = 300
    seal = _red_box(_render(signed, place.page + 1, dpi, tmp_path / "trang"))
    width_mm, height_mm = ((seal[2] - seal[0]) / dpi * 25.4, (seal[3] - seal[1]) / dpi * 25.4)
    assert abs(width_mm - 40) <= 0.5 and abs(height_mm - 40) <= 0.5
    name = next(w for w in word_boxes(kit.report) if w[0] == "Huỳnh")  # (text, x0, top, x1, bottom, page)
    assert seal[3] / dpi * 72 <= name[2] + 0.5  # the seal ends above the signer's name: the name stays legible
    assert seal[0] / dpi * 72 >= place.box[0] - 0.5  # and it stays out of the Nơi nhận column
    signer = signature_field_rect(read_pdf(signed.read_bytes(), "x"), FIELD_NAMES[SIGNER])
    third = signer[0] + (signer[2] - signer[0]) / 3
    assert abs(seal[2] / dpi * 72 - third) <= 1.0  # its right edge one third into the signature (ND30)


@pytest.mark.parametrize("millimetres", [35, 42])
def test_a_real_size_seal_beside_a_text_signature_leaves_the_text_clear(kit, tmp_path, millimetres) -> None:
    """Without a signature image the signer's frame prints its name from one third in: a 42 mm seal reaches a few
    millimetres into the gutter beside Nơi nhận rather than over that text."""
    signed = _sign_both(kit, tmp_path, signature=None, seal=full_seal(tmp_path / "dau.png", millimetres))
    reader = read_pdf(signed.read_bytes(), "x")
    signer = signature_field_rect(reader, FIELD_NAMES[SIGNER])
    seal = signature_field_rect(reader, FIELD_NAMES[ORGANIZATION])
    place = signature_place(reader, "x")
    assert abs((seal[2] - seal[0]) / MM - millimetres) < 0.1
    assert abs(seal[2] - (signer[0] + (signer[2] - signer[0]) / 3)) < 0.01
    assert seal[0] >= place.box[0] - SEAL_OUTSIDE


def test_every_font_is_embedded_after_both_signatures(kit, tmp_path) -> None:
    for images in ((kit.signature, kit.seal), (None, None)):
        folder = tmp_path / ("anh" if images[0] else "chu")
        folder.mkdir()
        signed = _sign_both(kit, folder, signature=images[0], seal=images[1])
        rows = subprocess.run(["pdffonts", str(signed)], check=True, capture_output=True,
                              text=True).stdout.splitlines()[2:]
        assert rows
        assert all(row.split()[-5] == "yes" for row in rows), rows  # the "emb" column
        assert not any("Helvetica" in row for row in rows)


def test_pyhanko_still_finds_both_signatures_intact_and_trusted(kit, tmp_path) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    from export.signing.certificates import load_trust_roots

    signed = _sign_both(kit, tmp_path, signature=kit.signature, seal=full_seal(tmp_path / "dau.png", 40))
    context = ValidationContext(trust_roots=load_trust_roots(kit.ca_pem), allow_fetching=False)
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
    with signed.open("rb") as f:
        signatures = PdfFileReader(f).embedded_signatures
        summaries = [validate_pdf_signature(sig, context, key_usage_settings=usage).summary() for sig in signatures]
    assert len(summaries) == 2
    assert all(summary.startswith("INTACT:TRUSTED") for summary in summaries), summaries


def _run(capsys, monkeypatch, *argv: str, secret: str = pki.P12_PASSWORD) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_organisations_seal_is_refused_on_a_draft_without_a_number(kit, capsys, monkeypatch, tmp_path) -> None:
    from export.document.service import export_report
    from model.library.library import Library

    library_path = tmp_path / "mau.db"
    library_path.write_bytes((kit.folder / "mau.db").read_bytes())
    assert _run(capsys, monkeypatch, "set", str(library_path), "--report", "2018-Q2", "so=")[0] == 0
    with Library.open(library_path) as library:
        draft = export_report(library, library.find_report("2018-Q2").id, tmp_path / "du-thao.pdf").path
    assert _run(capsys, monkeypatch, "sign", str(draft), "--to", str(tmp_path / "1.pdf"), "--role", "signer",
                "--p12", str(kit.signer_p12))[0] == 0  # the signer may sign a draft for the văn thư
    code, out, err = _run(capsys, monkeypatch, "sign", str(tmp_path / "1.pdf"), "--to", str(tmp_path / "2.pdf"),
                          "--role", "organization", "--p12", str(kit.organisation_p12), "--image", str(kit.seal))
    assert (code, out) == (2, "")
    assert err.startswith("Lỗi: Văn bản “1.pdf” là dự thảo chưa có số (“Số:      /…”); không đóng dấu của cơ quan")
    assert "Văn thư cấp số và ngày ban hành" in err
    assert not (tmp_path / "2.pdf").exists()


def test_a_changed_byte_is_reported_as_changed_content_not_as_an_untrusted_certificate(
        kit, capsys, monkeypatch, tmp_path) -> None:
    signed = _sign_both(kit, tmp_path, signature=None, seal=None)
    data = bytearray(signed.read_bytes())
    data[2000] ^= 0x01  # inside the page content both signatures cover
    changed = tmp_path / "sua.pdf"
    changed.write_bytes(bytes(data))
    code, out, _ = _run(capsys, monkeypatch, "verify", str(changed), "--trust", str(kit.ca_pem))
    assert code == 1
    assert out.count("Văn bản: KHÔNG KHỚP NỘI DUNG") == 2
    assert "KHÔNG tin cậy" not in out and out.count("Chứng thư số: tin cậy") == 2
    assert out.rstrip().endswith("Kết quả: 2/2 chữ ký số KHÔNG đạt: nội dung văn bản đã bị sửa sau khi ký "
                                 "(chữ ký không còn khớp).")


def test_sign_and_verify_print_no_library_warning(kit, tmp_path) -> None:
    """A fresh interpreter each (the DSA deprecation warning is raised when pyHanko is first imported)."""
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    out = tmp_path / "da-ky.pdf"
    signing = subprocess.run([sys.executable, str(ROOT / "main.py"), "sign", str(kit.report), "--to", str(out),
                              "--role", "signer", "--p12", str(kit.signer_p12)], input=pki.P12_PASSWORD + "\n",
                             capture_output=True, text=True, env=env, cwd=ROOT)
    assert (signing.returncode, signing.stderr) == (0, "")
    verifying = subprocess.run([sys.executable, str(ROOT / "main.py"), "verify", str(out), "--trust",
                                str(kit.ca_pem)], capture_output=True, text=True, env=env, cwd=ROOT)
    assert (verifying.returncode, verifying.stderr) == (0, "")
    refused = subprocess.run([sys.executable, str(ROOT / "main.py"), "verify", str(kit.report)],
                             capture_output=True, text=True, env=env, cwd=ROOT)
    assert (refused.returncode, refused.stderr) == (2, "Lỗi: Tệp “bao-cao.pdf” không có chữ ký số nào.\n")
