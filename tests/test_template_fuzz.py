"""Template text from outside is untrusted: mutated templates (fixed seeds, so a failure repeats) are either
refused with Vietnamese mistakes or parse into a template whose checks run; nothing else ever escapes."""

from __future__ import annotations

import contextlib
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from export.service import ExportError, export_report
from model.checks import CheckContext, engine_for
from model.dbexport import export_reports
from model.dbimport import import_files
from model.library import Library
from model.period import Period
from model.sample import Q2_2018
from model.template import TemplateError
from model.template_source import (
    Mistake,
    check_template_text,
    parse_template_text,
    shipped_template_text,
    template_sha256,
)

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED = shipped_template_text("nq36a_quy")
TOKENS = ('"', "[", "]", "{", "}", "=", ",", "\n", "true", "1", "-1", "99999999999999999999", "\\", "\x00", "ẹ",
          '"count"', '"percent"', '"list"', '"sum"', '"ratio"', '"warning"', '"mot_cua_tinh_ty_le"', "{x}", "[[body]]")


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(5)
        index = rng.randrange(len(lines))
        if choice == 0:
            del lines[index]
        elif choice == 1:
            lines.insert(index, lines[rng.randrange(len(lines))])
        elif choice == 2 and lines[index]:
            at = rng.randrange(len(lines[index]))
            lines[index] = lines[index][:at] + rng.choice(TOKENS) + lines[index][at + 1:]
        elif choice == 3:
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            words = lines[index].split('"')
            if len(words) > 2:
                words[1] = rng.choice(TOKENS).strip('"')
                lines[index] = '"'.join(words)
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(4))
def test_mutated_templates_are_refused_or_work(seed: int) -> None:
    rng = random.Random(seed)
    context = CheckContext(Period(2018, 2), dict(Q2_2018))
    for _ in range(25):
        text = _mutate(SHIPPED, rng)
        mistakes = check_template_text(text)
        assert all(isinstance(m, Mistake) and str(m) for m in mistakes)
        if mistakes:
            with pytest.raises(TemplateError):
                parse_template_text(text)
            continue
        template = parse_template_text(text)
        values = {k: v for k, v in Q2_2018.items() if k in template.fields}
        engine_for(template).run(values, context)
        engine_for(template).run({}, CheckContext(Period(2018, 2)))



def test_a_db_carrying_a_mutated_template_is_refused_unchanged_or_imported_and_exported(
        tmp_path: Path, sample_path: Path) -> None:
    """The same through the exchange file: the receiving library is untouched by a refusal, and what is
    accepted can be checked and exported."""
    with Library.open(sample_path) as library:
        sent = export_reports(library, [library.find_report("2018-Q2").id], tmp_path / "gui.db").path
    receiver = tmp_path / "nhan.db"
    rng = random.Random(2018)
    outcomes = []
    for attempt in range(8):
        text = _mutate(SHIPPED, rng).replace('key = "nq36a_quy"', 'key = "bc_thu"', 1)
        copy = tmp_path / f"gui-{attempt}.db"
        shutil.copyfile(sent, copy)
        conn = sqlite3.connect(copy)
        conn.execute('UPDATE templates SET "key" = ?, toml_text = ?, sha256 = ?',
                     ("bc_thu", text, template_sha256(text)))
        conn.execute("UPDATE reports SET template_key = 'bc_thu'")
        conn.commit()
        conn.close()
        shutil.copyfile(FIXTURES / "library_v3.db", receiver)
        before = receiver.read_bytes()
        with Library.open(receiver) as library:
            result = import_files(library, [copy])
            outcomes.append(result.any_refused)
            if not result.any_refused:
                report = result.files[0].outcomes[0].report_id
                library.check(report)
                with contextlib.suppress(ExportError):  # a report the mutation left with errors
                    export_report(library, report, tmp_path / f"bc-{attempt}.pdf", force=True)
        if result.any_refused:
            assert result.files[0].refused and receiver.read_bytes() == before
    assert True in outcomes and False in outcomes  # both paths were taken
