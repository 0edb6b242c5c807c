"""Target ``signed-pdf``: a signed report received from another office (the sample signed by the signer, or by the
signer and the organisation), mutated byte by byte, cut short or zeroed, then checked with the ``verify`` command
in process, or, one case in four, countersigned by the organisation with the ``sign`` command.

``verify`` must give a verdict (exit 0 or 1) or one clear Vietnamese line (exit 2), and never write the file;
``sign`` must sign an intact file or refuse with one line and leave no output. Outside the suite (the
suite runs ``tests/export/signing/test_signing.py``'s mutation test):
``python tests/fuzz/run.py --target signed-pdf --cases 500``."""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import sys
import time
from pathlib import Path

from tests.fuzz import outcomes
from tests.fuzz.outcomes import Outcome
from tests.fuzz.registry import register
from tests.fuzz.target_import import message_problem, unexpected


def _mutate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    copy = bytearray(data)
    kind = rng.choice(["flip", "flip", "cut", "zero", "insert"])
    if kind == "flip":
        for _ in range(rng.randint(1, 20)):
            copy[rng.randrange(len(copy))] = rng.randrange(256)
    elif kind == "cut":
        copy = copy[: rng.randrange(len(copy))]
    elif kind == "zero":
        at, size = rng.randrange(len(copy)), rng.randint(1, 500)
        copy[at:at + size] = bytes(len(copy[at:at + size]))
    else:
        at = rng.randrange(len(copy))
        copy[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 50)))
    return bytes(copy), kind


class SignedPdfTarget:
    def __init__(self, folder: Path) -> None:
        from export.signing.certificates import load_pkcs12
        from export.signing.sign import ORGANIZATION, SIGNER, sign_pdf
        from tests.signing_support import P12_PASSWORD, make_kit

        self.kit = make_kit(folder / "kit")
        first = sign_pdf(self.kit.report, folder / "ky-1.pdf", SIGNER,
                         load_pkcs12(self.kit.signer_p12, P12_PASSWORD), image=self.kit.signature)
        second = sign_pdf(first, folder / "ky-2.pdf", ORGANIZATION,
                          load_pkcs12(self.kit.organisation_p12, P12_PASSWORD), image=self.kit.seal)
        self.seeds = {"signer": first.read_bytes(), "both": second.read_bytes()}
        self.password = P12_PASSWORD
        self.case = folder / "nhan.pdf"
        self.out = folder / "da-ky.pdf"

    def run_case(self, seed: int) -> Outcome:
        rng = random.Random(seed)
        countersign = rng.random() < 0.25
        name = "signer" if countersign else rng.choice(sorted(self.seeds))
        data, kind = _mutate(rng, self.seeds[name])
        self.case.write_bytes(data)
        self.out.unlink(missing_ok=True)
        argv = (["sign", str(self.case), "--to", str(self.out), "--role", "organization", "--p12",
                 str(self.kit.organisation_p12)] if countersign
                else ["verify", str(self.case), "--trust", str(self.kit.ca_pem)])
        started = time.process_time()
        try:
            outcome = self._judge(argv, data)
        except Exception as exc:
            outcome = unexpected(exc)
        if time.process_time() - started > outcomes.HANG_SECONDS:
            outcome = Outcome(outcomes.HANG, f"{time.process_time() - started:.1f} s")
        if outcome.kind not in outcomes.GOOD:
            return Outcome(outcome.kind, f"{outcome.detail} [{argv[0]} {name} {kind}]")
        return outcome

    def _judge(self, argv: list[str], data: bytes) -> Outcome:
        import cli.common
        import cli.parser

        out, err = io.StringIO(), io.StringIO()
        stdin = sys.stdin
        sys.stdin = io.StringIO(self.password + "\n")
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = cli.parser.run_command(argv)
        finally:
            sys.stdin = stdin
        if hashlib.sha256(self.case.read_bytes()).digest() != hashlib.sha256(data).digest():
            return Outcome(outcomes.REFUSED_CHANGED, "the received PDF was written to")
        if code == cli.common.EXIT_USAGE:
            message = err.getvalue().strip().removeprefix("Lỗi: ")
            if argv[0] == "sign" and self.out.exists():
                return Outcome(outcomes.REFUSED_CHANGED, f"refused but wrote {self.out.name}: {message}")
            if problem := message_problem(message):
                return Outcome(outcomes.UNCLEAR, problem)
            return Outcome(outcomes.REFUSED, message)
        if code not in (0, cli.common.EXIT_PROBLEMS) or (argv[0] == "sign" and code != 0):
            return Outcome(outcomes.TRACEBACK, f"exit status {code}: {err.getvalue()[:200]}")
        return Outcome(outcomes.ACCEPTED)


@register("signed-pdf", weight=2, in_suite=False,
          description="a signed report received from another office, mutated, verified or countersigned")
def _signed_pdf_target(folder: Path) -> SignedPdfTarget:
    return SignedPdfTarget(folder)
