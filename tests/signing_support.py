"""A test PKI (own CA, signer and organisation certificates), PKCS#12 files, a SoftHSM2 token and seal images."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

P12_PASSWORD = "mật-khẩu 123"
SOFTHSM_LIBRARY = Path("/usr/lib/softhsm/libsofthsm2.so")
TOKEN_LABEL = "ToKhai-Token"
TOKEN_PIN = "246810"
SO_PIN = "13579135"


@dataclass(frozen=True)
class Identity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate


def _name(common_name: str, organisation: str = "UBND tỉnh Kiên Giang", title: str = "") -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                  x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                  x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if title:
        attributes.append(x509.NameAttribute(NameOID.TITLE, title))
    return x509.Name(attributes)


def _usage(*, digital_signature: bool, cert_sign: bool = False, non_repudiation: bool = True) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=digital_signature,
                         content_commitment=digital_signature and non_repudiation,
                         key_encipherment=not digital_signature and not cert_sign, data_encipherment=False,
                         key_agreement=False, key_cert_sign=cert_sign, crl_sign=cert_sign, encipher_only=False,
                         decipher_only=False)


def make_ca(name: str = "CA thử nghiệm Soạn báo cáo") -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    subject = _name(name, "Tổ chức chứng thực thử nghiệm")
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=30))
            .not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_usage(digital_signature=False, cert_sign=True), critical=True)
            .sign(key, hashes.SHA256()))
    return Identity(key, cert)


def issue(ca: Identity, common_name: str, *, title: str = "", organisation: str = "UBND tỉnh Kiên Giang",
          digital_signature: bool = True, non_repudiation: bool = True, expired: bool = False) -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    start, end = (now - timedelta(days=400), now - timedelta(days=35)) if expired else \
        (now - timedelta(days=1), now + timedelta(days=365))
    cert = (x509.CertificateBuilder().subject_name(_name(common_name, organisation, title))
            .issuer_name(ca.cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(digital_signature=digital_signature, non_repudiation=non_repudiation),
                           critical=True)
            .sign(ca.key, hashes.SHA256()))
    return Identity(key, cert)


def write_p12(identity: Identity, ca: Identity, path: Path, password: str = P12_PASSWORD) -> Path:
    data = pkcs12.serialize_key_and_certificates(
        b"ky-so", identity.key, identity.cert, [ca.cert],
        serialization.BestAvailableEncryption(password.encode("utf-8")))
    path.write_bytes(data)
    return path


def write_pem(cert: x509.Certificate, path: Path) -> Path:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def softhsm_token(folder: Path, identity: Identity) -> dict[str, str]:
    """Initialise a SoftHSM2 token in ``folder`` holding ``identity``'s key and certificate; the environment
    (``SOFTHSM2_CONF``) that points the library at it."""
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    subprocess.run([shutil.which("softhsm2-util") or "softhsm2-util", "--init-token", "--free", "--label",
                    TOKEN_LABEL, "--pin", TOKEN_PIN, "--so-pin", SO_PIN], check=True, env=env, capture_output=True)
    key_der = folder / "key.der"
    cert_der = folder / "cert.der"
    key_der.write_bytes(identity.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                   serialization.NoEncryption()))
    cert_der.write_bytes(identity.cert.public_bytes(serialization.Encoding.DER))
    for kind, file in (("privkey", key_der), ("cert", cert_der)):
        subprocess.run(["pkcs11-tool", "--module", str(SOFTHSM_LIBRARY), "--token-label", TOKEN_LABEL,
                        "--login", "--pin", TOKEN_PIN, "--write-object", str(file), "--type", kind,
                        "--id", "01", "--label", "ky-so", "--usage-sign"],
                       check=True, env=env, capture_output=True)
    key_der.unlink()
    return {"SOFTHSM2_CONF": str(conf)}


def seal_png(path: Path, size: int = 300, dpi: int | None = None) -> Path:
    """A round red seal on a transparent background, as offices scan theirs (at ``dpi`` when given)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (220, 20, 30, 230)
    draw.ellipse((4, 4, size - 4, size - 4), outline=red, width=size // 20)
    draw.ellipse((size // 6, size // 6, size - size // 6, size - size // 6), outline=red, width=size // 40)
    centre = size // 2
    star = [(centre + dx * size // 10, centre + dy * size // 10)
            for dx, dy in ((0, -1), (0.3, -0.3), (1, -0.3), (0.45, 0.15), (0.6, 0.9), (0, 0.4), (-0.6, 0.9),
                           (-0.45, 0.15), (-1, -0.3), (-0.3, -0.3))]
    draw.polygon(star, fill=red)
    options = {"dpi": (dpi, dpi)} if dpi else {}
    image.save(path, **options)
    return path


def signature_png(path: Path) -> Path:
    """A blue handwritten-looking stroke across the whole width of a transparent 3:2 image (so the stroke's
    extent on the page is the image's)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (360, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    blue = (20, 40, 160, 255)
    points = [(5, 170), (70, 60), (110, 190), (160, 70), (200, 180), (250, 80), (300, 160), (355, 120)]
    draw.line(points, fill=blue, width=9, joint="curve")
    image.save(path)
    return path


@dataclass(frozen=True)
class Kit:
    """The sample's quý II report as exported, and a test PKI around it."""

    folder: Path
    report: Path
    signer_p12: Path
    organisation_p12: Path
    expired_p12: Path
    encryption_only_p12: Path
    ca_pem: Path
    signature: Path
    seal: Path
    ca: Identity


def make_kit(folder: Path) -> Kit:
    from export.document.service import export_report
    from model.library.library import Library
    from model.library.sample import write_sample

    write_sample(folder / "mau.db").close()
    with Library.open(folder / "mau.db") as library:
        export_report(library, library.find_report("2018-Q2").id, folder / "bao-cao.pdf")
    ca = make_ca()
    return Kit(
        folder=folder, report=folder / "bao-cao.pdf",
        signer_p12=write_p12(issue(ca, "Mai Văn Huỳnh", title="Phó Chủ tịch"), ca, folder / "nguoi-ky.p12"),
        organisation_p12=write_p12(issue(ca, "Ủy ban nhân dân tỉnh Kiên Giang"), ca, folder / "co-quan.p12"),
        expired_p12=write_p12(issue(ca, "Người Hết Hạn", expired=True), ca, folder / "het-han.p12"),
        encryption_only_p12=write_p12(issue(ca, "Chỉ Mã Hóa", digital_signature=False), ca, folder / "ma-hoa.p12"),
        ca_pem=write_pem(ca.cert, folder / "ca.pem"),
        signature=signature_png(folder / "chu-ky.png"), seal=seal_png(folder / "con-dau.png"), ca=ca)
