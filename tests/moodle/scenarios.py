"""What a learner does in a module, in terms of the course source (tests/browser/course.py)."""

from __future__ import annotations

from tests.browser.course import Learner, ModuleSource, module_folders


def modules() -> list[ModuleSource]:
    return [ModuleSource.load(folder) for folder in module_folders()]


def sco_id(module: ModuleSource) -> str:
    """The manifest item (Moodle's SCO identifier) of a module in a package with a SCO per module."""
    return f"ITEM-{module.id}"


def _submit(learner: Learner, module: ModuleSource, right: bool) -> int:
    answers = [q.right_answer() if right else q.wrong_answer() for q in module.questions]
    learner.answer(answers)
    learner.submit()
    return module.score_for(answers)


def take_check(learner: Learner, module: ModuleSource, right: bool) -> int:
    """Open the knowledge check, answer every question right or wrong, submit; the score shown."""
    learner.goto(learner.step_of_kind("quiz"))
    return _submit(learner, module, right)


def retry_check(learner: Learner, module: ModuleSource, right: bool) -> int:
    """Try the knowledge check again, answering every question right or wrong; the score shown."""
    learner.retry()
    return _submit(learner, module, right)


def read_to_end(learner: Learner) -> None:
    """Step through every page with Next, as a learner reading the module does."""
    steps = [s for s, _ in learner.steps()]
    while learner.current() != steps[-1]:
        learner.next()
