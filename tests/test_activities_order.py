"""The xAPI activities of a module's steps are listed in the order the player shows the steps, so
the report (and anyone reading activities.json) can number steps from the listing alone."""

from __future__ import annotations

from pathlib import Path

from als_package.render import render_course
from als_package.source import load_course
from als_package.targets.activities import step_activities

ROOT = Path(__file__).resolve().parent.parent


def test_step_activities_follow_the_players_step_order():
    course = load_course(ROOT / "course_src")
    rendered = render_course(course)
    kinds_seen = set()
    for module in course.modules:
        shown = [step.id for step in rendered.pages[module.id].steps]
        assert list(step_activities(course, module)) == shown, module.id
        kinds_seen |= {step.kind for step in rendered.pages[module.id].steps}
    assert {"page", "practice", "reflection", "tool", "self-assessment", "quiz"} <= kinds_seen
