"""Template text from outside is untrusted: mutated templates (fixed seeds, so a failure repeats) are either
refused with Vietnamese mistakes or parse into a template whose checks run; nothing else ever escapes."""

from __future__ import annotations

import random

import pytest

from model.checks import CheckContext, engine_for
from model.period import Period
from model.sample import Q2_2018
from model.template import TemplateError
from model.template_source import Mistake, check_template_text, parse_template_text, shipped_template_text

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
