"""Accessibility of the real course's SCORM 1.2 package.

- axe-core (node_modules/axe-core/axe.min.js, served same-origin and injected into the SCO
  frame) on every step of every module, and on the knowledge check with its feedback
  showing: no serious or critical violation.
- One module completed with the keyboard alone: Tab, Enter, Space and the arrow keys.
  (The test reads the page to know where focus is; every action is a key press.)
"""

from __future__ import annotations

import pytest

from . import lms as lmsmod
from .course import Learner, ModuleSource, first_module, module_folders, start

MODULES = module_folders()

BLOCKING = {"serious", "critical"}

AXE_RUN = """
async () => {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
  }));
}
"""


def axe_violations(frame) -> list[dict]:
    if not frame.evaluate("() => typeof window.axe === 'object'"):
        frame.add_script_tag(url="/__lms__/vendor/axe.min.js")
    return frame.evaluate(AXE_RUN)


def blocking(violations: list[dict], where: str) -> list[str]:
    return [f"{where}: {v['impact']} {v['id']} ({v['help']}): {v['nodes']}" for v in violations if v["impact"] in BLOCKING]


@pytest.mark.parametrize("folder", MODULES)
def test_no_serious_or_critical_axe_violations_on_any_step(lms, scorm12_package, problems, folder):
    module = ModuleSource.load(folder)
    attempt, learner = start(lms, scorm12_package, module)
    found: list[str] = []
    checked = 0
    for i, (step, kind) in enumerate(learner.steps()):
        if i:
            learner.next()
        found += blocking(axe_violations(attempt.frame), f"step {step} ({kind})")
        checked += 1
        if kind == "quiz":
            learner.answer([q.wrong_answer() for q in module.questions])
            learner.submit()  # feedback and result showing
            found += blocking(axe_violations(attempt.frame), f"step {step} (quiz feedback)")
    assert checked == len(module.step_kinds)
    attempt.end()
    assert found == [], "\n".join(found)
    assert problems.all() == [], "\n".join(problems.all())


def test_no_serious_or_critical_axe_violations_in_standalone_mode(page, lms_server, scorm12_package, problems):
    module = first_module()
    page.goto(lms_server.url(scorm12_package.launch_path(module.id)))
    Learner(page.main_frame).wait_ready()
    assert Learner(page.main_frame).status_text() != ""
    found = blocking(axe_violations(page.main_frame), "standalone, first step")
    assert found == [], "\n".join(found)
    assert problems.all() == [], "\n".join(problems.all())

    # The check can fail: an unnamed button added to the page is a critical violation.
    page.evaluate("() => document.querySelector('#als-main').appendChild(document.createElement('button'))")
    assert any("button-name" in f for f in blocking(axe_violations(page.main_frame), "self-check"))


# --------------------------------------------------------------------------------------
# Keyboard only
# --------------------------------------------------------------------------------------

FOCUS_JS = """
() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  return { tag: e.tagName.toLowerCase(), id: e.id || null, name: e.getAttribute('name'),
           type: e.getAttribute('type'), value: 'value' in e ? e.value : null,
           checked: 'checked' in e ? e.checked : null, disabled: !!e.disabled };
}
"""

MAX_TABS = 400


class Keyboard:
    def __init__(self, page, frame) -> None:
        self.page = page
        self.frame = frame
        self.presses: list[str] = []

    def press(self, key: str) -> None:
        assert key in ("Tab", "Enter", "Space", "ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight")
        self.presses.append(key)
        self.page.keyboard.press(key)

    def focus(self) -> dict | None:
        return self.frame.evaluate(FOCUS_JS)

    def tab_to(self, matches, what: str) -> dict:
        """Tab forward until the focused element matches (the current one counts)."""
        focus = self.focus()
        for _ in range(MAX_TABS):
            if focus and matches(focus):
                return focus
            self.press("Tab")
            focus = self.focus()
        raise AssertionError(f"{what} cannot be reached with the Tab key")

    def choose_radio(self, name: str, value: str) -> None:
        focus = self.tab_to(lambda f: f["name"] == name and f["type"] == "radio", f"radio group {name}")
        if not focus["checked"]:
            self.press("Space")
        for _ in range(10):
            focus = self.focus()
            if focus["value"] == value and focus["checked"]:
                return
            self.press("ArrowDown")
        raise AssertionError(f"could not choose {value} in {name} with the arrow keys")

    def set_checkboxes(self, name: str, values: set[str]) -> None:
        focus = self.tab_to(lambda f: f["name"] == name and f["type"] == "checkbox", f"checkboxes {name}")
        while focus and focus["name"] == name:
            if (focus["value"] in values) != focus["checked"]:
                self.press("Space")
            self.press("Tab")
            focus = self.focus()

    def choose_option(self, name: str, value: str) -> None:
        focus = self.tab_to(lambda f: f["tag"] == "select" and f["name"] == name, f"select {name}")
        for key in ("ArrowDown", "ArrowUp"):
            for _ in range(12):
                if focus["value"] == value:
                    return
                self.press(key)
                focus = self.focus()
        raise AssertionError(f"could not choose {value} in {name} with the arrow keys")


def keyboard_module() -> ModuleSource:
    """The module whose knowledge check has the most kinds of question (the hardest by keyboard)."""
    best = None
    for folder in module_folders():
        module = ModuleSource.load(folder)
        kinds = len({q.type for q in module.questions})
        if best is None or kinds > best[0]:
            best = (kinds, module)
    return best[1]


def test_a_module_can_be_completed_with_the_keyboard_alone(lms, page, scorm12_package, problems):
    module = keyboard_module()
    assert module.quiz, "no module has a knowledge check"
    attempt, learner = start(lms, scorm12_package, module)
    keys = Keyboard(page, attempt.frame)
    steps = learner.steps()

    for step, _kind in steps[1:]:
        keys.tab_to(lambda f: f["id"] == "als-next" and not f["disabled"], "the Next button")
        keys.press("Enter")
        attempt.frame.wait_for_function("(s) => document.querySelector(`section.als-step[data-step='${s}']`).checkVisibility()", arg=step)
        assert learner.current() == step

    for question in module.questions:
        answer = question.right_answer()
        kinds = {a.kind for a in answer.actions}
        if kinds == {"radio"}:
            keys.choose_radio(answer.actions[0].name, answer.actions[0].value)
        elif question.type == "multiple":
            keys.set_checkboxes(question.id, {a.value for a in answer.actions})
        else:
            for action in answer.actions:
                keys.choose_option(action.name, action.value)
    keys.tab_to(lambda f: f["id"] == "als-quiz-submit", "the submit button")
    keys.press("Enter")
    attempt.frame.wait_for_function("() => document.querySelector('#als-quiz-result').textContent.trim() !== ''")
    assert "100%" in attempt.frame.inner_text("#als-quiz-result")

    result = attempt.end()
    assert set(keys.presses) <= {"Tab", "Enter", "Space", "ArrowDown", "ArrowUp"}
    assert result.committed_value("cmi.core.lesson_status") == "passed"
    assert result.committed_value("cmi.core.score.raw") == "100"
    assert result.errors() == [], lmsmod.format_calls(result.errors())
    assert problems.all() == [], "\n".join(problems.all())
