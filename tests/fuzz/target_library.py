"""Target ``library``: the clerk's own library file, damaged (byte or SQL level), opened directly by ``list``,
``check``, ``export``, ``office list`` and ``set`` (in process, the code of ``python main.py …``). A damaged file must
be refused with one Vietnamese line and never written to (``set`` included); a readable one must answer without a
traceback."""

from __future__ import annotations

import contextlib
import io
import random
import shutil
import sqlite3
import time
from pathlib import Path

from model.library.migrations import backup_path
from model.library.sqlitetext import SQLITE_FAILURES, lenient_text
from tests.fuzz import outcomes
from tests.fuzz.outcomes import Outcome
from tests.fuzz.registry import register
from tests.fuzz.seeds import FIXTURES, SeedFile, _seed
from tests.fuzz.target_import import message_problem, mutated_file, unexpected


def library_seeds(folder: Path) -> list[SeedFile]:
    """The sample library, a province library holding a consolidated report, and a library of schema 1."""
    from model.exchange.consolidation import consolidate
    from model.library.sample import write_sample
    from model.vietnamese.period import Period
    from tests.exchange_support import PROVINCE, province_with_districts

    folder.mkdir(parents=True, exist_ok=True)
    write_sample(folder / "mau.db").close()
    library, _province, reports = province_with_districts(folder / "tinh.db")
    with library:
        consolidate(library, Period(2018, 2), PROVINCE, reports)
    shutil.copyfile(FIXTURES / "library_v1.db", folder / "luoc-do-1.db")
    return [_seed(folder / name) for name in ("mau.db", "tinh.db", "luoc-do-1.db")]


def is_intact(path: Path) -> bool:
    """True when SQLite finds nothing wrong with the file (read on a copy, so the file itself is untouched)."""
    copy = path.with_name(path.name + ".doc")
    shutil.copyfile(path, copy)
    try:
        conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        conn.text_factory = lenient_text
        try:
            return [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
        finally:
            conn.close()
    except SQLITE_FAILURES:
        return False
    finally:
        copy.unlink()


class LibraryTarget:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.seeds = library_seeds(folder / "seeds")
        self.work = folder / "mo"

    def run_case(self, seed: int) -> Outcome:
        rng = random.Random(seed)
        data, described = mutated_file(rng, self.seeds, self.folder / "dang-sua.db")
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir()
        library = self.work / "thu-vien.db"
        library.write_bytes(data)
        intact = is_intact(library)
        command = rng.choices(["list", "check", "export", "office", "set"], weights=[2, 2, 1, 1, 1])[0]
        argv = {"list": ["list", str(library), "--json"], "check": ["check", str(library)],
                "export": ["export", str(library), "--report", "2018-Q2", "--to", str(self.work / "bc.docx"),
                           "--force"],
                "office": ["office", "list", str(library)],
                "set": ["set", str(library), "--report", "2018-Q2", "htth_diem_cau=7"]}[command]
        started = time.process_time()
        outcome = self._run(argv, library, data, intact)
        if time.process_time() - started > outcomes.HANG_SECONDS:
            outcome = Outcome(outcomes.HANG, f"{time.process_time() - started:.1f} s")
        if outcome.kind not in outcomes.GOOD:
            state = "intact" if intact else "damaged"
            return Outcome(outcome.kind, f"{outcome.detail} [{command} on a {state} file: {described}]")
        return outcome

    @staticmethod
    def _run(argv: list[str], library: Path, data: bytes, intact: bool) -> Outcome:
        import cli.common
        import cli.parser

        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = cli.parser.run_command(argv)
        except Exception as exc:
            return unexpected(exc)
        changed = library.read_bytes() != data
        migrated = intact and backup_path(library, 1).exists()  # an older library upgraded, after its backup
        if code == cli.common.EXIT_USAGE:
            if changed and not migrated:
                return Outcome(outcomes.REFUSED_CHANGED, err.getvalue().strip())
            if problem := message_problem(err.getvalue().removeprefix("Lỗi: ")):
                return Outcome(outcomes.UNCLEAR, problem)
            return Outcome(outcomes.REFUSED, err.getvalue().strip())
        if code not in (0, cli.common.EXIT_PROBLEMS):  # EXIT_UNEXPECTED: the traceback went to the log
            return Outcome(outcomes.TRACEBACK, f"exit status {code}: {err.getvalue()[:200]}")
        if changed and not intact:
            return Outcome(outcomes.REFUSED_CHANGED, "a damaged library was written to")
        return Outcome(outcomes.ACCEPTED)


@register("library", weight=2,
          description="the clerk's own library, damaged, opened by list, check, export, office list and set")
def _library_target(folder: Path) -> LibraryTarget:
    return LibraryTarget(folder)
