"""Target ``template``: a report template (TOML) mutated line by line and value by value, as a template received
from outside would be once templates travel in libraries (issue 10). It must be refused with ``TemplateError`` (or a
TOML error), or, once accepted, run its checks and fill its sentences on the sample report without failing.

Not in the suite yet (weight 0, ``in_suite=False``): today templates are shipped with the program, and
``parse_template`` does not check the parameters of checks nor the types of body blocks, so some 2% of mutated
templates end in a KeyError, ValueError or TypeError in ``model/checks.py`` or ``model/placeholders.py``. Run it
with ``python tests/fuzz/run.py --target template --cases 2000``; once templates are untrusted input, validate them
there and put the target in the suite."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

from tests.fuzz import outcomes
from tests.fuzz.outcomes import Outcome
from tests.fuzz.registry import register
from tests.fuzz.target_import import unexpected

_VALUES = ('1', '-1', '0', '"x"', '""', '[]', '{}', 'true', '"{khong_co}"', '1e400', '"a\\u0000b"', '"dvc_tong"',
           '["dvc_tong"]', '["dvc_tong", "khong_co"]', '"count"', '"sum"', '"ratio"', '9999999999999999999')


def _mutate(rng: random.Random, lines: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(rng.choice([1, 1, 2, 3])):
        at = rng.randrange(len(lines))
        choice = rng.randrange(5)
        if choice == 0:
            del lines[at]
        elif choice == 1:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif choice == 2 and "=" in lines[at]:
            lines[at] = lines[at].split("=", 1)[0] + "= " + rng.choice(_VALUES)
        elif choice == 3:
            lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)]
        else:
            lines[at] = lines[at].replace('"', "", 1)
    return lines


class TemplateTarget:
    def __init__(self, _folder: Path) -> None:
        from model.paths import resource_path
        from model.sample import write_sample

        self.lines = resource_path("templates", "nq36a_quy.toml").read_text(encoding="utf-8").splitlines()
        path = _folder / "mau.db"
        with write_sample(path) as library:
            report = library.find_report("2018-Q2").id
            self.values = library.values(report)
            self.context = library.check_context(report)
            self.names = library.context(report)

    def run_case(self, seed: int) -> Outcome:
        from model.checks import CheckEngine
        from model.placeholders import fill
        from model.template import TemplateError, parse_template

        rng = random.Random(seed)
        text = "\n".join(_mutate(rng, self.lines))
        try:
            template = parse_template(tomllib.loads(text))
        except (tomllib.TOMLDecodeError, TemplateError) as exc:
            return Outcome(outcomes.REFUSED, str(exc)[:100])
        except Exception as exc:
            return unexpected(exc)
        try:
            values = {k: v for k, v in self.values.items() if k in template.fields}
            CheckEngine(template).run(values, self.context)
            for block in template.body:
                fill(block.text, template, values, self.names)
        except TemplateError as exc:
            return Outcome(outcomes.REFUSED, str(exc)[:100])
        except Exception as exc:
            return unexpected(exc)
        return Outcome(outcomes.ACCEPTED)


@register("template", weight=0, in_suite=False,
          description="a report template (TOML) received from outside, mutated (findings open: not in the suite)")
def _template_target(folder: Path) -> TemplateTarget:
    return TemplateTarget(folder)
