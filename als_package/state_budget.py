"""How much free text a module may keep in SCORM 1.2's 4,096-character suspend_data.

Mirrors the worst case of the encoding in templates/runtime/state.js:
    S2~step~seen~best~submitted~answers~checks~likert~seed~texts
where the seed (SEED_WIDTH characters) fixes the attempt's shuffled choice order, and texts
are length-prefixed (`12:Hello world.`) so no character needs escaping. The widest answer of
each question type is in questions.py.
"""

from __future__ import annotations

from math import ceil

from als_package.model import Module
from als_package.questions import spec

SUSPEND_DATA_LIMIT = 4096
TEXT_CAP = 1000
TEXT_FLOOR = 200  # below this a reflection answer is not worth keeping; the build refuses
SEED_WIDTH = 4  # state.js SEED_WIDTH
FIXED_FIELDS = 9  # state.js FIXED: each is followed by a "~"


def structured_worst_case(module: Module) -> int:
    """Characters of everything but the free text, with every answer at its longest."""
    steps = len(module.step_kinds)
    questions = module.quiz.questions if module.quiz else ()
    items = len(module.tool.items) if module.tool else 0
    statements = len(module.likert_ids)  # one digit each, the course self-assessment's included
    answers = sum(spec(q).answer_width(q) for q in questions) + max(len(questions) - 1, 0)
    return 2 + len(str(steps - 1)) + ceil(steps / 4) + 3 + 1 + answers + ceil(items / 4) + statements + SEED_WIDTH + FIXED_FIELDS


def text_field_limit(module: Module, limit: int = SUSPEND_DATA_LIMIT) -> int:
    """The longest answer each free-text field may hold so the state always fits in `limit`."""
    fields = len(module.text_fields)
    if not fields:
        return 0
    budget = limit - structured_worst_case(module)
    share = min(TEXT_CAP, budget // fields)
    while share > 0 and fields * (share + 1 + len(str(share))) > budget:
        share -= 1
    return share
