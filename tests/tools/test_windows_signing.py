"""tools/sign_windows.sh signs Windows programs with osslsigncode (Authenticode) so SmartScreen and antivirus
software see the province's certificate; checked on a minimal PE written here, with the script's throwaway
certificate and a local RFC 3161 timestamp server (openssl ts)."""

from __future__ import annotations

import http.server
import os
import shutil
import struct
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.locations import ROOT

SCRIPT = ROOT / "tools" / "sign_windows.sh"

pytestmark = pytest.mark.skipif(shutil.which("osslsigncode") is None or shutil.which("openssl") is None,
                                reason="needs osslsigncode and openssl (apt-get install osslsigncode)")


def write_minimal_pe(path: Path) -> Path:
    """A 1 KB 64-bit Windows executable (one .text section holding `ret`): enough for Authenticode."""
    dos = bytearray(64)
    dos[0:2] = b"MZ"
    struct.pack_into("<I", dos, 0x3C, 0x40)  # e_lfanew: the PE header follows
    coff = struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 240, 0x0022)  # x64, 1 section, executable
    optional = struct.pack("<HBBIIIII", 0x20B, 14, 0, 0x200, 0, 0, 0x1000, 0x1000)  # PE32+
    optional += struct.pack("<QIIHHHHHHIIIIHHQQQQII", 0x140000000, 0x1000, 0x200, 6, 0, 0, 0, 6, 0, 0, 0x2000,
                            0x200, 0, 3, 0x8160, 0x100000, 0x1000, 0x100000, 0x1000, 0, 16)
    optional += bytes(16 * 8)  # data directories, the certificate table among them (filled by signing)
    section = struct.pack("<8sIIIIIIHHI", b".text", 0x10, 0x1000, 0x200, 0x200, 0, 0, 0, 0, 0x60000020)
    headers = bytes(dos) + b"PE\0\0" + coff + optional + section
    path.write_bytes(headers.ljust(0x200, b"\0") + b"\xc3".ljust(0x200, b"\0"))
    return path


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {name: value for name, value in os.environ.items() if not name.startswith("SBC_SIGN_")}
    return subprocess.run(["bash", str(SCRIPT), *args], env={**clean, **(env or {})}, capture_output=True,
                          text=True, timeout=120)


def verify(path: Path, ca: Path, *more: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["osslsigncode", "verify", "-CAfile", str(ca), *more, "-in", str(path)],
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("cert")
    made = run("--test-cert", str(folder))
    assert made.returncode == 0, made.stderr
    assert "không dùng để phát hành" in made.stdout
    return {"SBC_SIGN_PFX": str(folder / "test-signing.pfx"),
            "SBC_SIGN_PASSWORD": (folder / "password").read_text().strip(),
            "SBC_SIGN_CAFILE": str(folder / "test-signing.pem")}


def test_signs_each_file_and_osslsigncode_verify_accepts_it(tmp_path: Path, certificate: dict[str, str]):
    exe = write_minimal_pe(tmp_path / "SoanBaoCao.exe")
    setup = write_minimal_pe(tmp_path / "SoanBaoCao-0.1.0-setup.exe")
    signed = run(str(exe), str(setup), env=certificate)
    assert signed.returncode == 0, signed.stderr
    assert signed.stdout.count("Đã ký và kiểm tra") == 2 and "không có dấu thời gian" in signed.stdout
    ca = Path(certificate["SBC_SIGN_CAFILE"])
    for path in (exe, setup):
        report = verify(path, ca)
        assert report.returncode == 0, report.stdout + report.stderr
        assert "Signature verification: ok" in report.stdout
        assert "Text description: Soạn báo cáo" in report.stdout
    assert not list(tmp_path.glob("*.signing"))


def test_a_file_changed_after_signing_fails_verification(tmp_path: Path, certificate: dict[str, str]):
    exe = write_minimal_pe(tmp_path / "SoanBaoCao.exe")
    assert run(str(exe), env=certificate).returncode == 0
    data = bytearray(exe.read_bytes())
    data[0x200] = 0x90  # the code, covered by the signature's digest
    exe.write_bytes(bytes(data))
    assert verify(exe, Path(certificate["SBC_SIGN_CAFILE"])).returncode != 0


def test_without_a_certificate_the_build_stays_unsigned_and_says_so(tmp_path: Path):
    exe = write_minimal_pe(tmp_path / "SoanBaoCao.exe")
    before = exe.read_bytes()
    unsigned = run(str(exe))
    assert unsigned.returncode == 0
    assert unsigned.stdout.startswith("CHƯA KÝ") and str(exe) in unsigned.stdout
    assert exe.read_bytes() == before
    required = run(str(exe), env={"SBC_SIGN_REQUIRED": "1"})
    assert required.returncode == 1 and "no certificate" in required.stderr
    assert exe.read_bytes() == before


def test_a_wrong_password_fails_and_leaves_the_file_as_it_was(tmp_path: Path, certificate: dict[str, str]):
    exe = write_minimal_pe(tmp_path / "SoanBaoCao.exe")
    before = exe.read_bytes()
    failed = run(str(exe), env={**certificate, "SBC_SIGN_PASSWORD": "sai-mat-khau"})
    assert failed.returncode == 1 and "could not sign" in failed.stderr
    assert exe.read_bytes() == before
    assert run("--no-such-option").returncode == 1  # not a file: refused before anything is signed
    assert run().returncode == 2


@pytest.fixture
def timestamp_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An RFC 3161 timestamp server on localhost answering with `openssl ts -reply`; yields (URL, its CA)."""
    folder = tmp_path / "tsa"
    folder.mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=TSA thu",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
                    "-addext", "extendedKeyUsage=critical,timeStamping",
                    "-addext", "keyUsage=critical,digitalSignature"], check=True, capture_output=True)
    (folder / "serial").write_text("01\n")
    (folder / "tsa.cnf").write_text(
        "[tsa]\ndefault_tsa = tsa_config\n[tsa_config]\n"
        f"serial = {folder / 'serial'}\nsigner_cert = {folder / 'cert.pem'}\nsigner_key = {folder / 'key.pem'}\n"
        "signer_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256, sha384, sha512\n"
        "ess_cert_id_alg = sha256\n")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            query = folder / "query.tsq"
            query.write_bytes(self.rfile.read(int(self.headers["Content-Length"])))
            subprocess.run(["openssl", "ts", "-reply", "-config", str(folder / "tsa.cnf"), "-queryfile", str(query),
                            "-out", str(folder / "reply.tsr")], check=True, capture_output=True)
            reply = (folder / "reply.tsr").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", folder / "cert.pem"
    server.shutdown()
    thread.join()


def test_timestamp_when_a_tsa_url_is_given(tmp_path: Path, certificate: dict[str, str],
                                           timestamp_server: tuple[str, Path]):
    url, tsa_ca = timestamp_server
    exe = write_minimal_pe(tmp_path / "SoanBaoCao.exe")
    signed = run(str(exe), env={**certificate, "SBC_SIGN_TSA_URL": url, "SBC_SIGN_TSA_CAFILE": str(tsa_ca)})
    assert signed.returncode == 0, signed.stderr
    assert "dấu thời gian " in signed.stdout and "không có dấu thời gian" not in signed.stdout
    report = verify(exe, Path(certificate["SBC_SIGN_CAFILE"]), "-TSA-CAfile", str(tsa_ca))
    assert "Timestamp Server Signature verification: ok" in report.stdout


def test_an_unreachable_tsa_fails_instead_of_signing_without_a_timestamp(tmp_path: Path,
                                                                          certificate: dict[str, str]):
    exe = write_minimal_pe(tmp_path / "SoanBaoCao.exe")
    before = exe.read_bytes()
    failed = run(str(exe), env={**certificate, "SBC_SIGN_TSA_URL": "http://127.0.0.1:9/"})
    assert failed.returncode == 1
    assert exe.read_bytes() == before


PKCS11_ENGINE = Path("/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so")


@pytest.mark.skipif(not PKCS11_ENGINE.is_file() or shutil.which("softhsm2-util") is None
                    or shutil.which("pkcs11-tool") is None,
                    reason="needs softhsm2, opensc and libengine-pkcs11-openssl")
def test_signs_with_a_key_on_a_pkcs11_token(tmp_path: Path):
    from tests.signing_support import SOFTHSM_LIBRARY, TOKEN_LABEL, TOKEN_PIN, issue, make_ca, softhsm_token, write_pem

    ca = make_ca()
    signer = issue(ca, "Sở Thông tin và Truyền thông")
    token = softhsm_token(tmp_path / "hsm", signer)
    ca_file = write_pem(ca.cert, tmp_path / "ca.pem")
    chain = tmp_path / "chain.pem"  # the signer's certificate, then its CA's
    chain.write_bytes(write_pem(signer.cert, tmp_path / "signer.pem").read_bytes() + ca_file.read_bytes())
    exe = write_minimal_pe(tmp_path / "SoanBaoCao.exe")
    env = {**token, "SBC_SIGN_PKCS11_MODULE": str(SOFTHSM_LIBRARY), "SBC_SIGN_CERT": str(chain),
           "SBC_SIGN_PKCS11_KEY": f"pkcs11:token={TOKEN_LABEL};object=ky-so;type=private",
           "SBC_SIGN_PASSWORD": TOKEN_PIN, "SBC_SIGN_CAFILE": str(ca_file)}
    signed = run(str(exe), env=env)
    assert signed.returncode == 0, signed.stderr
    assert "người ký /C=VN/O=UBND tỉnh Kiên Giang/CN=Sở Thông tin và Truyền thông" in signed.stdout
    assert "Signature verification: ok" in verify(exe, ca_file).stdout
    wrong_pin = run(str(write_minimal_pe(tmp_path / "other.exe")), env={**env, "SBC_SIGN_PASSWORD": "000000"})
    assert wrong_pin.returncode == 1


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="needs shellcheck")
def test_script_passes_shellcheck():
    checked = subprocess.run(["shellcheck", str(SCRIPT)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
