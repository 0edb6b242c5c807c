"""Signing an exported report (PAdES, with pyHanko) as Nghị định 30/2020 Điều 13 requires.

First the person with authority signs (:data:`SIGNER`): the signature appears in the blank space of the
signature block on the last page of the report, which the PDF writer records as the named destination
:data:`export.document.layout.SIGNATURE_PLACE`. Then the organisation signs (:data:`ORGANIZATION`) in an incremental
update, so the first signature stays valid; its seal image overlaps the left third of the signer's image.
The signed file is written to a temporary name beside the target and renamed into place; the input is only
read. pyHanko is imported inside the functions.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from export.document import layout
from export.document.document import printable
from export.signing.appearance import RED, fit, image_size, physical_size, stamp_lines, write_appearance
from export.signing.certificates import SigningError, certificate_attribute, certificate_name
from export.signing.pdf_bounds import bytes_after_signatures
from export.signing.pdf_read import read_pdf
from model.errors import FOREIGN_DATA_ERRORS, log_unexpected, os_error_text
from model.replacing import replacing

SIGNER = "signer"
ORGANIZATION = "organization"
ROLE_LABELS = {SIGNER: "người có thẩm quyền", ORGANIZATION: "cơ quan, tổ chức"}
FIELD_NAMES = {SIGNER: "ChuKyNguoiKy", ORGANIZATION: "ChuKyCoQuan"}

SIGNER_MAX_WIDTH = 2.0  # the signer's image box is at most twice as wide as the blank space is high
SEAL_OVERLAP = 1 / 3  # the seal covers this share of the signer's image, on its left (Phụ lục I, Điều 13)
MAX_SEAL = 50 * layout.MM  # a larger "real size" is a wrong resolution in the image: fitted to the blank space
SEAL_OUTSIDE = 8 * layout.MM  # how far a real-size seal may reach left of the signature column (the gutter beside
# the Nơi nhận items), so its right edge stays one third into the signature, as ND30 places it


@dataclass(frozen=True)
class Place:
    """Where a signature goes: page index and rectangle ``(left, bottom, right, top)`` in points."""

    page: int
    box: tuple[float, float, float, float]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


def _page_index(reader: Any, page_ref: Any) -> int:
    """Index of the page object ``page_ref`` (an indirect reference) in the document's page order."""
    index = 0

    def walk(node: Any) -> int | None:
        nonlocal index
        kids = node["/Kids"]
        for position in range(len(kids)):
            kid = kids.raw_get(position)
            obj = kid.get_object()
            if obj.get("/Type") == "/Pages":
                found = walk(obj)
                if found is not None:
                    return found
            elif kid.reference == page_ref.reference:
                return index
            else:
                index += 1
        return None

    found = walk(reader.root["/Pages"])
    if found is None:
        raise KeyError(page_ref)
    return found


def signature_place(reader: Any, name: str) -> Place:
    """The signature block's blank space our PDF writer recorded; :class:`SigningError` for a PDF not ours."""
    try:
        destination = reader.root["/Dests"][f"/{layout.SIGNATURE_PLACE}"]
        if destination[1] != "/FitR":
            raise ValueError(destination[1])
        left, bottom, right, top = (float(destination[i]) for i in range(2, 6))
        if not (right > left and top > bottom):
            raise ValueError((left, bottom, right, top))
        return Place(_page_index(reader, destination.raw_get(0)), (left, bottom, right, top))
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        raise SigningError(f"Tệp “{name}” không phải báo cáo xuất từ Soạn báo cáo (không có vị trí chữ ký); "
                           "chỉ ký được tệp PDF do chương trình xuất.") from None


def signature_field_rect(reader: Any, field_name: str) -> tuple[float, float, float, float] | None:
    """The widget rectangle of signature field ``field_name``, or ``None``."""
    from pyhanko.sign.fields import enumerate_sig_fields

    for name, _value, field_ref in enumerate_sig_fields(reader, filled_status=None):
        if name == field_name:
            left, bottom, right, top = (float(v) for v in field_ref.get_object()["/Rect"])
            return min(left, right), min(bottom, top), max(left, right), max(bottom, top)
    return None


def signer_box(place: Place, image: Path | None) -> tuple[float, float, float, float]:
    """The signer's field: the image's proportions (or a text box), centred in the blank space."""
    max_width = min(SIGNER_MAX_WIDTH * place.height, place.width)
    width, height = fit(*image_size(image), max_width, place.height) if image else (max_width, place.height)
    left, bottom, right, top = place.box
    centre_x, centre_y = (left + right) / 2, (bottom + top) / 2
    return centre_x - width / 2, centre_y - height / 2, centre_x + width / 2, centre_y + height / 2


def seal_box(place: Place, signer: tuple[float, float, float, float],
             image: Path | None) -> tuple[float, float, float, float]:
    """The organisation's field: the seal at its real size when the image records its resolution (ND30: the seal
    is printed at its real size), else as high as the blank space; its right edge one third into the signer's
    image, its left edge at most :data:`SEAL_OUTSIDE` left of the signature column.

    A real seal (35-42 mm for a UBND) is larger than the blank space (25 mm): like a paper seal it then reaches
    up over the signer's title, while its bottom stays on the blank space's so the signer's name stays clear.
    """
    side = place.height
    if image is None:
        width, height = side, side
    else:
        real = physical_size(image)
        width, height = real if real and max(real) <= MAX_SEAL else fit(*image_size(image), side, side)
    right = signer[0] + SEAL_OVERLAP * (signer[2] - signer[0])
    left = max(place.box[0] - (SEAL_OUTSIDE if width > place.height else 0.0), right - width)
    bottom = place.box[1] if height > place.height else (signer[1] + signer[3]) / 2 - height / 2
    return left, bottom, left + width, bottom + height


def _existing_signatures(reader: Any, name: str) -> dict[str, Any]:
    """Field name → embedded signature of every signature already in the file, each checked intact."""
    from export.signing.verify import check_integrity

    signatures = {sig.field_name: sig for sig in reader.embedded_signatures}
    for field_name, sig in signatures.items():
        problem = check_integrity(sig)
        if problem:
            raise SigningError(f"Tệp “{name}” đã bị sửa sau khi ký ({problem}); không ký tiếp lên văn bản này.")
        if field_name not in FIELD_NAMES.values():
            foreign = printable(str(field_name))[:60]
            raise SigningError(f"Tệp “{name}” đã có chữ ký số “{foreign}” không do Soạn báo cáo đặt; "
                               "không ký tiếp lên văn bản này.")
    return signatures


def _check_order(role: str, signatures: dict[str, Any], name: str) -> None:
    if FIELD_NAMES[role] in signatures:
        raise SigningError(f"Tệp “{name}” đã có chữ ký số của {ROLE_LABELS[role]}.")
    if role == ORGANIZATION and FIELD_NAMES[SIGNER] not in signatures:
        raise SigningError(f"Tệp “{name}” chưa có chữ ký số của người có thẩm quyền; người ký phải ký trước, "
                           "cơ quan ký sau.")


def _check_numbered(reader: Any, name: str) -> None:
    """ND30: the văn thư gives the number before the document is issued, so no seal goes on a draft without one."""
    try:
        unnumbered = f"/{layout.UNNUMBERED_DRAFT}" in reader.root["/Dests"]
    except (KeyError, TypeError, AttributeError):
        unnumbered = False
    if unnumbered:
        raise SigningError(f"Văn bản “{name}” là dự thảo chưa có số (“Số:      /…”); không đóng dấu của cơ quan "
                           "lên văn bản chưa cấp số. Văn thư cấp số và ngày ban hành (Báo cáo → Đánh dấu đã ban "
                           "hành…, hoặc lệnh report issue … --number … --date …), xuất lại PDF, ký lại rồi mới đóng "
                           "dấu.")


def _where_to_sign(data: bytes, name: str, role: str,
                   image: Path | None) -> tuple[Place, tuple[float, float, float, float]]:
    """The page and the field rectangle of ``role``'s signature, after checking the file may be signed."""
    reader = read_pdf(data, name)
    place = signature_place(reader, name)
    signatures = _existing_signatures(reader, name)
    if bytes_after_signatures(data, signatures.values()):
        raise SigningError(f"Tệp “{name}” đã bị sửa sau khi ký (có nội dung thêm vào cuối tệp sau chữ ký cuối cùng); "
                           "không ký tiếp lên văn bản này.")
    _check_order(role, signatures, name)
    if role == SIGNER:
        return place, signer_box(place, image)
    _check_numbered(reader, name)
    signer_rect = signature_field_rect(reader, FIELD_NAMES[SIGNER])
    if signer_rect is None:
        raise SigningError(f"Tệp “{name}” có chữ ký của người ký nhưng không thấy vị trí của nó.")
    return place, seal_box(place, signer_rect, image)


def check_can_sign(source: Path, target: Path, role: str,
                   image: Path | None = None) -> tuple[bytes, Place, tuple[float, float, float, float]]:
    """Everything that can refuse the signing before a key is touched (so the clerk is not asked for a PIN in
    vain): the input's bytes, the page and the field rectangle. Raises :class:`SigningError`."""
    from pyhanko.pdf_utils.misc import PdfError

    if role not in FIELD_NAMES:
        raise SigningError(f"Vai trò ký không hợp lệ: {role} (chọn signer hoặc organization).")
    if target.resolve() == source.resolve():
        raise SigningError("Tệp ký xong phải khác tệp gốc; tệp gốc được giữ nguyên.")
    if not target.parent.is_dir():
        raise SigningError(f"Không có thư mục “{target.parent}”; hãy chọn thư mục khác.")
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"Không có tệp “{source}”.") from None
    except OSError as exc:
        raise SigningError(f"Không đọc được tệp “{source.name}”: {os_error_text(exc)}.") from None
    try:
        place, box = _where_to_sign(data, source.name, role, image)
    except (SigningError, ImportError):
        raise
    except (*FOREIGN_DATA_ERRORS, PdfError):  # pyHanko parses lazily: a damaged object fails where first read
        raise SigningError(f"Tệp PDF “{source.name}” bị hỏng, không đọc được.") from None
    except Exception:
        log_unexpected(f"tệp PDF {source.name} để ký")
        raise SigningError(f"Tệp PDF “{source.name}” bị hỏng, không đọc được.") from None
    return data, place, box


def sign_pdf(source: Path, target: Path, role: str, signer: Any, *, image: Path | None = None,
             now: datetime | None = None) -> Path:
    """Sign ``source`` as ``role`` with pyHanko ``signer`` and write ``target`` (never ``source`` itself).

    Raises :class:`SigningError` for anything the clerk can put right; ``target`` is then left as it was.
    """
    from io import BytesIO

    from pkcs11.exceptions import PKCS11Error
    from pyhanko.pdf_utils import layout as pdf_layout
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    data, place, box = check_can_sign(source, target, role, image)

    cert = signer.signing_cert
    when = now or datetime.now().astimezone()
    lines = stamp_lines(certificate_name(cert), certificate_attribute(cert, "title"),
                        certificate_attribute(cert, "organization_name"), when)
    field_name = FIELD_NAMES[role]
    meta = signers.PdfSignatureMetadata(field_name=field_name, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES,
                                        reason=f"Ký số của {ROLE_LABELS[role]}", location=None)
    spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=place.page, box=box)
    try:
        with tempfile.TemporaryDirectory(prefix="soanbaocao-ky-") as folder, replacing(target) as temp:
            appearance = Path(folder) / "appearance.pdf"
            width = box[2] - box[0]
            if role == SIGNER:
                write_appearance(appearance, (width, box[3] - box[1]), image=image, lines=lines,
                                 text_left=SEAL_OVERLAP * width)
            else:
                write_appearance(appearance, (width, box[3] - box[1]), image=image, lines=lines, colour=RED)
            fill_field = pdf_layout.SimpleBoxLayoutRule(
                x_align=pdf_layout.AxisAlignment.ALIGN_MID, y_align=pdf_layout.AxisAlignment.ALIGN_MID,
                margins=pdf_layout.Margins.uniform(0), inner_content_scaling=pdf_layout.InnerScaling.STRETCH_FILL)
            style = StaticStampStyle.from_pdf_file(str(appearance), border_width=0, background_layout=fill_field)
            writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
            pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=spec)
            with temp.open("wb") as out:
                pdf_signer.sign_pdf(writer, output=out)
    except SigningError:
        raise
    except PermissionError as exc:
        raise SigningError(f"Không ghi được tệp “{target.name}”: tệp đang mở trong chương trình khác hoặc không "
                           "có quyền ghi.") from exc
    except OSError as exc:
        raise SigningError(f"Không ghi được tệp “{target.name}”: {os_error_text(exc)}.") from exc
    except (*FOREIGN_DATA_ERRORS, PdfError, PKCS11Error) as exc:  # a damaged part of the PDF, the token's errors
        raise SigningError(_signing_failure(exc)) from exc
    except Exception as exc:
        log_unexpected(f"tệp PDF {source.name} khi ký")
        raise SigningError(_signing_failure(exc)) from exc
    return target


def _signing_failure(exc: Exception) -> str:
    """A Vietnamese line for an error raised while the key signs (a token pulled out, a PIN that expired)."""
    from pkcs11 import exceptions as p11

    if isinstance(exc, (p11.TokenNotPresent, p11.DeviceRemoved, p11.SessionClosed, p11.SessionHandleInvalid)):
        return "Thiết bị ký số đã bị rút ra trong khi ký; hãy cắm lại rồi ký lại."
    return ("Không ký được văn bản: tệp PDF có phần hỏng hoặc khóa ký báo lỗi; hãy xuất lại PDF từ chương trình "
            "rồi ký lại.")

