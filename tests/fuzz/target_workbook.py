"""Target ``workbook``: a filled data-entry form (Excel) received from a district, mutated (entry cells given
values of every type, the sheets' structure, the hidden sheet's rows and the template it carries, the ZIP's
bytes; see :mod:`tests.fuzz.xlsx_mutations`), imported into the province's library through the service the
editor's Excel import runs (``import_workbooks``) or through ``xlsx-import`` on the command line, in process.
Refused: one clear Vietnamese line and the library's bytes unchanged. Accepted: the library keeps every invariant,
and each report the import added reads, checks and builds its DOCX."""

from __future__ import annotations

import contextlib
import io
import random
import time
from pathlib import Path

from tests.fuzz import outcomes
from tests.fuzz.outcomes import Outcome
from tests.fuzz.registry import register
from tests.fuzz.target_import import ImportTarget, unexpected
from tests.fuzz.xlsx_mutations import mutate


class WorkbookTarget(ImportTarget):
    """The judging of :class:`ImportTarget` (bytes unchanged on refusal, invariants on acceptance) over
    workbooks instead of .db files."""

    def __init__(self, folder: Path) -> None:
        from tests.fuzz.invariants import report_revisions
        from tests.xlsx_support import FILLED, blank_district_report, fill_form, new_form

        self.folder = folder
        self.library = folder / "tinh.db"
        library, report = blank_district_report(self.library)
        form = new_form(folder, library, report)
        library.close()
        self.filled = fill_form(form, folder / "da-dien.xlsx", FILLED).read_bytes()
        self.pristine = self.library.read_bytes()
        self.known_good = report_revisions(self.library)
        self.case = folder / "phieu-nhan.xlsx"

    def run_case(self, seed: int) -> Outcome:
        rng = random.Random(seed)
        try:
            data, described = mutate(rng, self.filled)
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
                outcome = self._exported()
        if time.process_time() - started > outcomes.HANG_SECONDS:
            outcome = Outcome(outcomes.HANG, f"{time.process_time() - started:.1f} s")
        if outcome.kind not in outcomes.GOOD:
            return Outcome(outcome.kind, f"{outcome.detail} [{'cli' if via_cli else 'service'}: {described}]")
        return outcome

    def _run_service(self) -> str | None:
        from model.library import Library
        from model.xlsx_import import import_workbooks

        with Library.open(self.library) as library:
            result = import_workbooks(library, [self.case], on_conflict="replace")
        return result.files[0].refused

    def _run_cli(self) -> str | None:
        import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main.run_command(["xlsx-import", str(self.library), str(self.case), "--on-conflict", "keep"])
        if code == 0:
            return None
        if code != main.EXIT_USAGE:
            raise RuntimeError(f"exit status {code}: {err.getvalue()[:200]}")
        first = err.getvalue().splitlines()[0] if err.getvalue() else ""
        return first.split(" — ", 1)[-1].removesuffix(" Thư viện không thay đổi gì từ tệp này.")

    def _exported(self) -> Outcome:
        """Each report the import added or changed builds its document and DOCX, as an export would."""
        from export.builder import build_document
        from export.docx_writer import render_docx
        from model.library import Library

        try:
            with Library.open(self.library) as library:
                for info in library.reports():
                    if (info.id, info.revision) not in self.known_good:
                        render_docx(build_document(library, info.id)).save(io.BytesIO())
        except Exception as exc:
            return Outcome(outcomes.BROKEN, f"accepted but not exportable: {unexpected(exc).detail}")
        return Outcome(outcomes.ACCEPTED)


@register("workbook", weight=2,
          description="filled Excel forms (cells, sheets, hidden rows, carried template, ZIP bytes) imported")
def _workbook_target(folder: Path) -> WorkbookTarget:
    return WorkbookTarget(folder)
