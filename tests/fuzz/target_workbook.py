"""Target ``workbook``: a filled data-entry form (Excel) received from a district, mutated (entry cells given
values of every type, the sheets' structure, the hidden sheet's rows and the template it carries, the ZIP's
bytes; see :mod:`tests.fuzz.xlsx_mutations`), imported into the province's library through the service the
editor's Excel import runs (``import_workbooks``) or through ``xlsx-import`` on the command line, in process.
Refused: one clear Vietnamese line and the library's bytes unchanged. Accepted: the library keeps every invariant,
and each report the import added reads, checks and builds its DOCX."""

from __future__ import annotations

import io
import random
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

    COMMAND = "xlsx-import"

    def _mutate(self, rng: random.Random) -> tuple[bytes, str]:
        return mutate(rng, self.filled)

    def _import(self, library, files: list[Path]):
        from model.excel.importing import import_workbooks

        return import_workbooks(library, files, on_conflict="replace")

    def _accepted(self) -> Outcome:
        """Each report the import added or changed builds its document and DOCX, as an export would."""
        from export.document.builder import build_document
        from export.document.docx_writer import render_docx
        from model.library.library import Library

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
