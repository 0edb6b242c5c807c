"""The signer's key and certificate: from a PKCS#12 file or a PKCS#11 token, checked before any signing.

pyHanko, python-pkcs11 and cryptography are imported inside the functions (they are not needed to start
the editor). A password or PIN is passed in by the caller, used once and never kept nor logged.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from export.document.document import printable
from model.errors import FOREIGN_DATA_ERRORS, log_unexpected, os_error_text

# pyHanko imports cryptography's DSA key type, which cryptography marks deprecated when it is imported: a library's
# warning a clerk must not read on stderr at every sign and verify (no key here is DSA). Our own messages stay.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")


class SigningError(Exception):
    """Signing or verifying refused for a reason the clerk can act on; ``str()`` is one Vietnamese line."""


def certificate_name(cert: Any) -> str:
    """The holder's common name (else the whole subject) of an asn1crypto certificate, as one printable line
    (a certificate in a received PDF is untrusted text)."""
    return printable(str(cert.subject.native.get("common_name") or cert.subject.human_friendly))


def issuer_name(cert: Any) -> str:
    """The issuing CA's common name and organisation, e.g. ``CA Chính phủ (Ban Cơ yếu Chính phủ)``."""
    issuer = cert.issuer.native
    name, organisation = issuer.get("common_name", ""), issuer.get("organization_name", "")
    if name and organisation:
        return printable(f"{name} ({organisation})")
    return printable(str(name or organisation or cert.issuer.human_friendly))


def certificate_attribute(cert: Any, name: str) -> str:
    """A subject attribute (``title``, ``organization_name``…) of an asn1crypto certificate, or ``""``."""
    value = cert.subject.native.get(name, "")
    return printable(", ".join(value) if isinstance(value, list) else str(value))


def _date(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y")


def check_signing_certificate(cert: Any, now: datetime | None = None) -> None:
    """Refuse a certificate that is not valid today or is not meant for digital signatures (key usage)."""
    now = now or datetime.now(UTC)
    validity = cert["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    name = certificate_name(cert)
    if now > not_after:
        raise SigningError(f"Chứng thư số của “{name}” đã hết hạn ngày {_date(not_after)}; không thể ký. "
                           "Hãy gia hạn hoặc dùng chứng thư số khác.")
    if now < not_before:
        raise SigningError(f"Chứng thư số của “{name}” chỉ có hiệu lực từ ngày {_date(not_before)}; chưa thể ký.")
    usage = cert.key_usage_value
    if usage is not None and "digital_signature" not in usage.native:
        raise SigningError(f"Chứng thư số của “{name}” không dùng để ký số (thiếu mục đích sử dụng "
                           "“Digital Signature”); hãy dùng chứng thư số ký số.")


def load_pkcs12(path: Path, password: str) -> Any:
    """A pyHanko signer from a ``.p12``/``.pfx`` file, its certificate checked."""
    from asn1crypto import pkcs12 as asn1_pkcs12
    from pyhanko.sign.signers import SimpleSigner

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"Không có tệp chứng thư số “{path}”.") from None
    except OSError as exc:
        raise SigningError(f"Không đọc được tệp chứng thư số “{path.name}”: {os_error_text(exc)}.") from None
    try:
        asn1_pkcs12.Pfx.load(data, strict=True)["auth_safe"].native  # noqa: B018 (parse it all)
    except FOREIGN_DATA_ERRORS:  # asn1crypto raises ValueError, TypeError… on foreign bytes
        raise SigningError(f"Tệp “{path.name}” không phải tệp chứng thư số PKCS#12 (.p12, .pfx).") from None
    except Exception:
        log_unexpected(f"tệp chứng thư số {path.name}")
        raise SigningError(f"Tệp “{path.name}” không phải tệp chứng thư số PKCS#12 (.p12, .pfx).") from None
    try:
        signer = SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=password.encode("utf-8"))
    except ValueError:
        raise SigningError(f"Mật khẩu của tệp chứng thư số “{path.name}” không đúng.") from None
    check_signing_certificate(signer.signing_cert)
    return signer


def _token_certificate(session: Any) -> tuple[bytes, Any]:
    """(object id, certificate) of the token's signing certificate: one with a private key beside it and the
    digital-signature key usage, else the first with a private key (which the check then refuses)."""
    from asn1crypto import x509
    from pkcs11 import Attribute, ObjectClass

    key_ids = {key[Attribute.ID] for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})}
    candidates = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        if obj[Attribute.ID] in key_ids:
            candidates.append((obj[Attribute.ID], x509.Certificate.load(obj[Attribute.VALUE])))
    if not candidates:
        raise SigningError("Thiết bị ký số không có chứng thư số kèm khóa bí mật để ký.")
    for object_id, cert in candidates:
        usage = cert.key_usage_value
        if usage is None or "digital_signature" in usage.native:
            return object_id, cert
    return candidates[0]


@contextmanager
def open_token(library: Path, token_label: str, pin: str) -> Iterator[Any]:
    """A pyHanko signer on the PKCS#11 token labelled ``token_label``, its certificate checked; the session
    is closed on leaving."""
    import pkcs11
    from pkcs11 import exceptions as p11
    from pyhanko.sign.pkcs11 import PKCS11Signer

    if not library.is_file():
        raise SigningError(f"Không có thư viện PKCS#11 “{library}” (tệp .dll/.so của thiết bị ký số).")
    try:
        lib = pkcs11.lib(str(library))
    except (OSError, RuntimeError, *FOREIGN_DATA_ERRORS, pkcs11.PKCS11Error):  # a foreign file, a broken driver
        raise SigningError(f"Không nạp được thư viện PKCS#11 “{library.name}”; hãy cài lại phần mềm của "
                           "thiết bị ký số.") from None
    try:
        token = lib.get_token(token_label=token_label)
    except (p11.NoSuchToken, p11.TokenNotPresent, p11.SlotIDInvalid):
        raise SigningError(f"Không thấy thiết bị ký số (token) “{token_label}”; hãy cắm token rồi thử lại.") from None
    except p11.MultipleTokensReturned:
        raise SigningError(f"Có nhiều thiết bị ký số cùng tên “{token_label}”; hãy rút bớt rồi thử lại.") from None
    try:
        session = token.open(user_pin=pin)
    except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange):
        raise SigningError(f"Mã PIN của thiết bị ký số “{token_label}” không đúng.") from None
    except p11.PinLocked:
        raise SigningError(f"Thiết bị ký số “{token_label}” đã bị khóa vì nhập sai PIN nhiều lần.") from None
    except (p11.TokenNotPresent, p11.TokenNotRecognised):
        raise SigningError(f"Không thấy thiết bị ký số (token) “{token_label}”; hãy cắm token rồi thử lại.") from None
    except p11.PKCS11Error as exc:
        raise SigningError(f"Thiết bị ký số “{token_label}” không mở được; hãy rút ra, cắm lại rồi thử lại.") from exc
    try:
        object_id, cert = _token_certificate(session)
        check_signing_certificate(cert)
        # Many tokens (SoftHSM among them) sign EC keys only with the raw ECDSA mechanism: hash here then.
        yield PKCS11Signer(session, key_id=object_id, cert_id=object_id, signing_cert=cert,
                           use_raw_mechanism=cert.public_key.algorithm == "ec")
    finally:
        session.close()


def load_trust_roots(location: Path) -> list[Any]:
    """The CA certificates of a trust store: one PEM/DER file, or every ``.pem .crt .cer .der`` in a folder."""
    from asn1crypto import pem, x509

    if location.is_dir():
        files = sorted(p for p in location.iterdir() if p.suffix.lower() in {".pem", ".crt", ".cer", ".der"})
    elif location.is_file():
        files = [location]
    else:
        raise SigningError(f"Không có tệp hoặc thư mục chứng thư gốc “{location}”.")
    roots = []
    for file in files:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise SigningError(f"Không đọc được chứng thư gốc “{file.name}”: {os_error_text(exc)}.") from None
        try:
            blobs = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
            roots += [x509.Certificate.load(der, strict=True) for der in blobs]
            for cert in roots:
                cert.native  # noqa: B018 (parse now: asn1crypto is lazy)
        except FOREIGN_DATA_ERRORS:  # asn1crypto raises ValueError, TypeError… on foreign bytes
            raise SigningError(f"Tệp “{file.name}” không phải chứng thư số (PEM hoặc DER).") from None
        except Exception:
            log_unexpected(f"chứng thư gốc {file.name}")
            raise SigningError(f"Tệp “{file.name}” không phải chứng thư số (PEM hoặc DER).") from None
    if not roots:
        raise SigningError(f"Thư mục “{location}” không có chứng thư gốc nào (.pem, .crt, .cer).")
    return roots
