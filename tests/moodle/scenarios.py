"""What a learner does in a module, in terms of the course source (tests/browser/course.py)."""

from __future__ import annotations

from tests.browser.course import Learner, ModuleSource, module_folders


def modules() -> list[ModuleSource]:
    return [ModuleSource.load(folder) for folder in module_folders()]


def take_check(learner: Learner, module: ModuleSource, right: bool) -> int:
    """Open the knowledge check, answer every question right or wrong, submit; the score shown."""
    learner.goto(learner.step_of_kind("quiz"))
    answers = [q.right_answer() if right else q.wrong_answer() for q in module.questions]
    learner.answer(answers)
    learner.submit()
    return module.score_for(answers)


def retry_check(learner: Learner, module: ModuleSource, right: bool) -> int:
    learner.retry()
    answers = [q.right_answer() if right else q.wrong_answer() for q in module.questions]
    learner.answer(answers)
    learner.submit()
    return module.score_for(answers)


def read_to_end(learner: Learner) -> None:
    """Step through every page with Next, as a learner reading the module does."""
    steps = [s for s, _ in learner.steps()]
    while learner.current() != steps[-1]:
        learner.next()
