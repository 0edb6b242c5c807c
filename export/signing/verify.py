"""Verifying the digital signatures of a received PDF, offline (pyHanko).

For each signature: who signed, which CA issued the certificate, when (the time the signer's computer stated:
without a timestamp server nothing better is known offline), whether the document was changed after it, and
whether the certificate chains to a CA of the office's trust store. No revocation list or OCSP server is asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from export.signing.certificates import SigningError, certificate_name, issuer_name, load_trust_roots
from export.signing.pdf_bounds import bytes_after_signatures
from export.signing.pdf_read import read_pdf
from model.errors import os_error_text


@dataclass(frozen=True)
class SignatureCheck:
    """What a clerk needs to know about one signature of a PDF."""

    field_name: str
    signer: str
    issuer: str
    signed_at: datetime | None
    intact: bool
    """The signed bytes are unchanged and the signature matches the certificate's key."""
    changed_after: bool
    """Something other than a later signature was added to the file after this signature."""
    trusted: bool
    """The certificate chains to a CA of the trust store and was valid now (judged apart from the content, so a
    changed byte is reported as a changed document, not as an untrusted certificate)."""
    appended: int = 0
    """Bytes after the end of the last signature's ``/ByteRange``: added after every signature, covered by none."""

    @property
    def ok(self) -> bool:
        return self.intact and not self.changed_after and self.trusted

    @property
    def when_text(self) -> str:
        return self.signed_at.astimezone().strftime("%d/%m/%Y %H:%M") if self.signed_at else "không rõ"

    @property
    def integrity_text(self) -> str:
        if not self.intact:
            return "KHÔNG KHỚP NỘI DUNG (tệp đã bị sửa)"
        if self.appended:
            added = f"{self.appended:,}".replace(",", ".")
            return (f"ĐÃ BỊ SỬA SAU KHI KÝ (có {added} byte được thêm vào cuối tệp sau chữ ký cuối cùng, ngoài "
                    "phần được ký)")
        return "ĐÃ BỊ SỬA SAU KHI KÝ" if self.changed_after else "nguyên vẹn"

    @property
    def trust_text(self) -> str:
        return "tin cậy" if self.trusted else "KHÔNG tin cậy"

    @property
    def failure(self) -> str:
        """Why the signature fails, content first (a changed document is the news, not the certificate); empty
        when it is good."""
        if not self.intact:
            return "nội dung văn bản đã bị sửa sau khi ký (chữ ký không còn khớp)"
        if self.changed_after:
            return "văn bản có nội dung được thêm vào sau khi ký"
        return "" if self.trusted else "chứng thư số không thuộc các chứng thư gốc tin cậy"

    def lines(self) -> list[str]:
        trust = self.trust_text if self.trusted else f"{self.trust_text} (không thuộc các chứng thư gốc đã cấu hình)"
        return [f"Người ký: {self.signer}", f"  Tổ chức cấp chứng thư: {self.issuer}",
                f"  Thời điểm ký (theo máy người ký): {self.when_text}", f"  Văn bản: {self.integrity_text}",
                f"  Chứng thư số: {trust}"]


def _status(sig: Any, roots: list[Any]) -> Any:
    import logging

    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    # pyHanko logs an untrusted chain as an error with a traceback; the result says it to the clerk instead.
    logging.getLogger("pyhanko").addHandler(logging.NullHandler())
    logging.getLogger("pyhanko").propagate = False
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    # pyHanko accepts only non-repudiation by default; a signing certificate may carry either usage.
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
    return validate_pdf_signature(sig, context, key_usage_settings=usage)


def _changed_after(status: Any) -> bool:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return True
    level = status.modification_level
    return level is None or level > ModificationLevel.FORM_FILLING or status.docmdp_ok is False


def check_integrity(sig: Any) -> str | None:
    """``None`` when signature ``sig`` is intact and nothing but later signatures followed it; else why not."""
    status = _status(sig, [])
    if not (status.intact and status.valid):
        return "chữ ký không còn khớp nội dung"
    if _changed_after(status):
        return "nội dung được thêm vào sau chữ ký"
    return None


TRUST_FOLDER_NAME = "chung-thu-goc"
"""The office's trust store: a folder of CA certificates in the user data folder, used when none is given."""


def office_trust_folder() -> Path:
    from model.paths import user_data_dir

    return user_data_dir() / TRUST_FOLDER_NAME


def trust_store(given: Path | None) -> Path | None:
    """``given``, else the office's trust folder when it exists, else none (nothing is trusted)."""
    if given is not None:
        return given
    folder = office_trust_folder()
    return folder if folder.is_dir() and any(folder.iterdir()) else None


def verify_pdf(path: Path, trust: Path | None = None) -> list[SignatureCheck]:
    """Every signature of the PDF at ``path``, in signing order, judged against the CA certificates of
    ``trust`` (a file or folder; see :func:`trust_store`). Raises :class:`SigningError` for a file that is not a
    readable PDF, has no signature, or a trust store that cannot be read."""
    roots = load_trust_roots(trust) if trust is not None else []
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"Không có tệp “{path}”.") from None
    except OSError as exc:
        raise SigningError(f"Không đọc được tệp “{path.name}”: {os_error_text(exc)}.") from None
    reader = read_pdf(data, path.name)
    try:
        signatures = list(reader.embedded_signatures)
    except ImportError:
        raise
    except Exception:  # a damaged AcroForm fails in many ways
        raise SigningError(f"Tệp PDF “{path.name}” bị hỏng: không đọc được các chữ ký số.") from None
    if not signatures:
        raise SigningError(f"Tệp “{path.name}” không có chữ ký số nào.")
    appended = bytes_after_signatures(data, signatures)
    checks = []
    for sig in signatures:
        try:
            status = _status(sig, roots)
        except ImportError:
            raise
        except Exception:  # a mangled signature dictionary or CMS blob
            checks.append(_unreadable(sig))
            continue
        cert = status.signing_cert
        checks.append(SignatureCheck(
            field_name=sig.field_name, signer=certificate_name(cert), issuer=issuer_name(cert),
            signed_at=status.signer_reported_dt, intact=bool(status.intact and status.valid),
            changed_after=_changed_after(status) or appended > 0, trusted=_chain_trusted(status),
            appended=appended))
    return checks


def _chain_trusted(status: Any) -> bool:
    """The certificate chains to a trusted root, whatever the signed bytes: pyHanko's ``trusted`` is also false
    when only the content changed, which would blame the certificate for a changed document."""
    return bool(status.valid and status.trust_problem_indic is None and status.validation_path is not None)


def _unreadable(sig: Any) -> SignatureCheck:
    """A signature whose data cannot be read at all: reported as broken rather than skipped."""
    try:
        cert = sig.signer_cert
        signer, issuer = certificate_name(cert), issuer_name(cert)
    except Exception:
        signer, issuer = "(không đọc được)", "(không đọc được)"
    return SignatureCheck(field_name=str(sig.field_name), signer=signer, issuer=issuer, signed_at=None,
                          intact=False, changed_after=True, trusted=False)
