"""Target ``db-import``: a .db file received from another office, mutated at byte or SQL level, imported into a
copy of the sample library through the service the editor's import runs (``Library.open`` + ``import_files``) or
through the ``import`` command line, in process (the same code as ``python main.py import``)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import re
import sqlite3
import time
import traceback
from pathlib import Path

from tests.fuzz import outcomes
from tests.fuzz.invariants import library_problems, report_revisions
from tests.fuzz.outcomes import Outcome
from tests.fuzz.registry import register
from tests.fuzz.seeds import SeedFile, exchange_seeds, receiving_library
from tests.fuzz.sqlite_bytes import mutate_bytes
from tests.fuzz.sqlite_sql import mutate_sql

_ENGLISH = ("database", "malformed", "error", "traceback", "codec", "exception")
_BYTES_REPR = re.compile(r"\bb['\"]")
_TOML_LITERAL = re.compile(r'(?<![A-Za-z])"[^"\n]*"')


def message_problem(message: str) -> str | None:
    """Why a refusal's message is not what a clerk should read, or ``None``."""
    if not message.strip():
        return "empty message"
    if "\n" in message.strip():
        return f"several lines: {message!r:.200}"
    ours = _TOML_LITERAL.sub("", message)  # a template's value quoted as written ("error") is no English of ours
    if any(word in ours.lower() for word in _ENGLISH) or _BYTES_REPR.search(message):
        return f"English or raw words: {message!r:.200}"
    return None


def mutated_file(rng: random.Random, seeds: list[SeedFile], scratch: Path) -> tuple[bytes, str]:
    """A seed file mutated by ``rng`` alone: bytes, SQL, or SQL then bytes."""
    seed = rng.choice(seeds)
    layer = rng.choices(["bytes", "sql", "both"], weights=[5, 4, 1])[0]
    described = [seed.name]
    data = bytearray(seed.data)
    if layer in ("sql", "both"):
        scratch.write_bytes(data)
        conn = sqlite3.connect(scratch, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("BEGIN")
            described += mutate_sql(rng, conn)
            conn.execute("COMMIT")
        finally:
            conn.close()
        data = bytearray(scratch.read_bytes())
    if layer in ("bytes", "both"):
        described += mutate_bytes(rng, data, seed.pages)
    return bytes(data), "; ".join(described)


def unexpected(exc: BaseException) -> Outcome:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return Outcome(outcomes.TRACEBACK, f"{type(exc).__name__}: {str(exc)[:160]}{where}")


class ImportTarget:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.seeds = exchange_seeds(folder / "seeds")
        self.pristine = receiving_library(folder)
        self.known_good = report_revisions(folder / "nhan.db")
        self.library = folder / "thu-vien.db"
        self.case = folder / "tep-nhan.db"

    COMMAND = "import"
    """The command line command that imports a case (the service is :meth:`_import`)."""

    def run_case(self, seed: int) -> Outcome:
        rng = random.Random(seed)
        try:
            data, described = self._mutate(rng)
        except Exception as exc:  # a fault of the mutation itself, shown as the harness's
            return Outcome(outcomes.TRACEBACK, f"harness: {unexpected(exc).detail}")
        self.case.write_bytes(data)
        self.library.write_bytes(self.pristine)
        via_cli = rng.random() < 0.25
        started = time.process_time()
        try:
            refusal = self._run_cli() if via_cli else self._run_service()
        except Exception as exc:
            outcome = unexpected(exc)
        else:
            outcome = self._judge(refusal)
            if outcome.kind == outcomes.ACCEPTED:
                outcome = self._accepted()
        if time.process_time() - started > outcomes.HANG_SECONDS:
            outcome = Outcome(outcomes.HANG, f"{time.process_time() - started:.1f} s")
        if outcome.kind not in outcomes.GOOD:
            return Outcome(outcome.kind, f"{outcome.detail} [{'cli' if via_cli else 'service'}: {described}]")
        return outcome

    def _mutate(self, rng: random.Random) -> tuple[bytes, str]:
        return mutated_file(rng, self.seeds, self.folder / "dang-sua.db")

    def _import(self, library, files: list[Path]):
        from model.exchange.dbimport import import_files

        return import_files(library, files, on_conflict="replace")

    def _accepted(self) -> Outcome:
        """What more an accepted case must show beyond :meth:`_judge` (nothing, for a .db)."""
        return Outcome(outcomes.ACCEPTED)

    def _run_service(self) -> str | None:
        from model.library.library import Library

        with Library.open(self.library) as library:
            result = self._import(library, [self.case])
        return result.files[0].refused

    def _run_cli(self) -> str | None:
        import cli.common
        import cli.parser

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.parser.run_command([self.COMMAND, str(self.library), str(self.case), "--on-conflict", "keep"])
        if code == 0:
            return None
        if code != cli.common.EXIT_USAGE:
            raise RuntimeError(f"exit status {code}: {err.getvalue()[:200]}")
        first = err.getvalue().splitlines()[0] if err.getvalue() else ""
        return first.split(" — ", 1)[-1].removesuffix(" Thư viện không thay đổi gì từ tệp này.")

    def _judge(self, refusal: str | None) -> Outcome:
        if refusal is not None:
            if hashlib.sha256(self.library.read_bytes()).digest() != hashlib.sha256(self.pristine).digest():
                return Outcome(outcomes.REFUSED_CHANGED, refusal)
            if problem := message_problem(refusal):
                return Outcome(outcomes.UNCLEAR, problem)
            return Outcome(outcomes.REFUSED, refusal)
        try:
            problems = library_problems(self.library, self.known_good)
        except Exception as exc:
            return Outcome(outcomes.BROKEN, f"the library no longer reads: {unexpected(exc).detail}")
        if problems:
            return Outcome(outcomes.BROKEN, "; ".join(problems))
        return Outcome(outcomes.ACCEPTED)


@register("db-import", weight=8, description=".db files received from another office, imported")
def _import_target(folder: Path) -> ImportTarget:
    return ImportTarget(folder)
