"""Target ``template``: a report template (TOML) mutated line by line and value by value, as a template received
inside a .db from another office or inside an Excel form would be. It must be refused by the one parser of
untrusted templates (``parse_template_text``: a :class:`TemplateError` listing the mistakes in Vietnamese), or,
once accepted, be usable all the way: the checks run on the sample report (and on an empty one), every sentence
fills, and the report's document is built and rendered to DOCX in memory (and, one case in ten, to a PDF file)
without an exception."""

from __future__ import annotations

import io
import random
from pathlib import Path

from tests.fuzz import outcomes
from tests.fuzz.outcomes import Outcome
from tests.fuzz.registry import register
from tests.fuzz.target_import import message_problem, unexpected

_VALUES = ('1', '-1', '0', '"x"', '""', '[]', '{}', 'true', '"{khong_co}"', '1e400', '"a\\u0000b"', '"dvc_tong"',
           '["dvc_tong"]', '["dvc_tong", "khong_co"]', '"count"', '"sum"', '"ratio"', '9999999999999999999',
           '"list"', '"text"', '"date"', '"percent"', '"heading"', '"paragraph"', '"{dvc_tong}"', '"{noi_nhan}"',
           '"{ngay_ban_hanh:paren}"', '"warning"', '["a", 1]', '[[]]', '"ngay_ban_hanh"', '"noi_nhan"', '1.5',
           '"ky_hieu"', '"so"', '"trich_yeu"', '2', '3', '"{total:>5}"', '"{0}"', '"{"', '"{label} {sum}"', '"{}"',
           '"hs_moi + hs_tong"', '"hs_moi - hs_tong"', '"hs_xin_loi > 0"', '"danh_gia != \\"\\""', '"table"',
           '[["<", "^"]]', '[["a", "<"], ["^", "^"]]', '[["= hs_moi - hs_tong"]]', '"= hs_moi"', '"{HS_MOI}"',
           '"{ hs_moi }"', '"{hs_moi:pct}"', '"first"', '"dang_gq"', '[0, 1]', '"a)"')


def mutate_template(rng: random.Random, lines: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(rng.choice([1, 1, 2, 3])):
        at = rng.randrange(len(lines))
        choice = rng.randrange(6)
        if choice == 0:
            del lines[at]
        elif choice == 1:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif choice == 2 and "=" in lines[at]:
            lines[at] = lines[at].split("=", 1)[0] + "= " + rng.choice(_VALUES)
        elif choice == 3:
            lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)]
        elif choice == 4:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            lines[at] = lines[at].replace('"', "", 1)
    return lines


class _Source:
    """The read-only calls an export makes (:class:`export.document.builder.ReportSource`), over a mutated template and
    the sample report's values."""

    def __init__(self, template, info, values, names, problems) -> None:
        self._template, self._info, self._values, self._names, self._problems = \
            template, info, values, names, problems

    def report(self, _report_id: str):
        return self._info

    def template_of(self, _report_id: str):
        return self._template

    def values(self, _report_id: str):
        return self._values

    def context(self, _report_id: str):
        return self._names

    def check(self, _report_id: str):
        return self._problems

    def appendix(self, _report_id: str):
        return None


class TemplateTarget:
    def __init__(self, folder: Path) -> None:
        from model.library.sample import write_sample
        from model.report.shipped import shipped_template_text

        self.folder, self.pdf = folder, None
        self.templates = [shipped_template_text(key).splitlines() for key in ("nq36a_quy", "tthc_quy")]
        with write_sample(folder / "mau.db") as library:
            report = library.find_report("2018-Q2").id
            self.info = library.report(report)
            self.values = library.values(report)
            self.context = library.check_context(report)
            self.names = library.context(report)

    def run_case(self, seed: int) -> Outcome:
        from model.report.template import TemplateError
        from model.report.template_source import check_template_text, parse_template_text

        rng = random.Random(seed)
        text = "\n".join(mutate_template(rng, self.templates[seed % len(self.templates)]))
        self.pdf = self.folder / "bc.pdf" if seed % 10 == 0 else None
        mistakes = check_template_text(text)  # what ``template check`` tells the IT officer: the same verdict
        try:
            template = parse_template_text(text)
        except TemplateError as exc:
            if not mistakes:
                return Outcome(outcomes.BROKEN, f"template check passes what the parser refuses: {exc}")
            problem = message_problem(str(exc))
            return Outcome(outcomes.UNCLEAR, problem) if problem else Outcome(outcomes.REFUSED, str(exc)[:100])
        except Exception as exc:
            return unexpected(exc)
        if mistakes:
            return Outcome(outcomes.BROKEN, f"the parser accepts what template check refuses: {mistakes[0]}")
        try:
            self.use(template)
        except Exception as exc:
            return unexpected(exc)
        return Outcome(outcomes.ACCEPTED)

    def use(self, template) -> None:
        """Everything a report of ``template`` goes through: checks, sentences, the document, its DOCX."""
        from dataclasses import replace

        from export.document.builder import build_document
        from export.document.docx_writer import render_docx
        from model.report.checks import CheckEngine
        from model.report.placeholders import fill

        values = {k: v for k, v in self.values.items() if k in template.fields}
        engine = CheckEngine(template)
        problems = engine.run(values, self.context)
        engine.run({}, replace(self.context, previous=None))
        for block in template.body:
            for text in (block.text, block.lead, block.title):
                fill(text, template, values, self.names)
        source = _Source(template, self.info, values, self.names, problems)
        document = build_document(source, "bc")
        render_docx(document).save(io.BytesIO())
        if self.pdf is not None:  # one case in ten: reportlab lays out every page (some 0.3 s)
            from export.document.pdf_writer import write_pdf

            write_pdf(document, self.pdf)
            self.pdf = None


@register("template", weight=2,
          description="a report template (TOML) received from outside, mutated; accepted ones checked and exported")
def _template_target(folder: Path) -> TemplateTarget:
    return TemplateTarget(folder)
