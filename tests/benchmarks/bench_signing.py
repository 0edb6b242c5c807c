"""How long signing and verifying the sample report take, and what the signing libraries cost to import.

    python tests/benchmarks/bench_signing.py

Prints: the import of pyHanko's signing and validation modules (a fresh interpreter, cold as in the editor's
first Tệp → Ký số…); the signer's signature with a PKCS#12 file, the organisation's on top of it, and verifying
both (median of warm runs, each on a fresh copy). The machine's load moves the numbers.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from export.signing.certificates import load_pkcs12  # noqa: E402
from export.signing.sign import ORGANIZATION, SIGNER, sign_pdf  # noqa: E402
from export.signing.verify import verify_pdf  # noqa: E402
from tests import signing_support as pki  # noqa: E402

RUNS = 5


def _import_ms() -> float:
    code = ("import time; t = time.perf_counter(); import pyhanko.sign.signers, pyhanko.sign.validation, "
            "pyhanko_certvalidator; print((time.perf_counter() - t) * 1000)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main() -> None:
    print(f"import pyHanko (cold): {_import_ms():.0f} ms")
    with tempfile.TemporaryDirectory() as folder_name:
        kit = pki.make_kit(Path(folder_name))
        signer = load_pkcs12(kit.signer_p12, pki.P12_PASSWORD)
        organisation = load_pkcs12(kit.organisation_p12, pki.P12_PASSWORD)
        timings: dict[str, list[float]] = {}
        for run in range(RUNS + 1):
            first, second = kit.folder / f"1-{run}.pdf", kit.folder / f"2-{run}.pdf"
            steps = (("ký (người ký, ảnh)", sign_pdf, (kit.report, first, SIGNER, signer), {"image": kit.signature}),
                     ("ký (cơ quan, con dấu)", sign_pdf, (first, second, ORGANIZATION, organisation),
                      {"image": kit.seal}),
                     ("kiểm tra 2 chữ ký", verify_pdf, (second, kit.ca_pem), {}))
            for label, step, args, kwargs in steps:
                start = time.perf_counter()
                step(*args, **kwargs)
                if run:  # the first run warms up imports and fonts
                    timings.setdefault(label, []).append((time.perf_counter() - start) * 1000)
        for label, values in timings.items():
            print(f"{label}: median {statistics.median(values):.0f} ms (min {min(values):.0f}, max {max(values):.0f})")


if __name__ == "__main__":
    main()
