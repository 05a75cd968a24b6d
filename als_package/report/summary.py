"""The paragraph at the top of the report: the few things an L&D team should know first, in
plain words ("Module 8 loses a third of its learners at step 3"), each backed by a figure
shown further down."""

from __future__ import annotations

from als_package.report.figures import Figures

FRACTIONS = ((1 / 4, "a quarter"), (1 / 3, "a third"), (1 / 2, "half"), (2 / 3, "two thirds"), (3 / 4, "three quarters"))
NOTABLE_LOSS = 0.1  # a step that loses less than this share of a module's starters is not worth a sentence


def share_words(share: float) -> str:
    """0.33 → "a third"; shares not near a simple fraction as a percentage."""
    for value, words in FRACTIONS:
        if abs(share - value) <= 0.025:
            return words
    return f"{share:.0%}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} minutes" if seconds >= 90 else f"{seconds:.0f} seconds"


def summarise(figures: Figures) -> str:
    course = figures.course_funnel
    if not course.enrolled:
        return "No statements about this course were found: nothing to report yet."
    sentences = [
        f"{_plural(course.enrolled, 'learner')} enrolled between {figures.first} and {figures.last}; "
        f"{course.started / course.enrolled:.0%} started, {course.completed / course.enrolled:.0%} completed "
        f"and {(course.passed or 0) / course.enrolled:.0%} passed the course."
    ]
    losses = [
        (stop.stopped / m.funnel.started, number, m, stop)
        for number, m in enumerate(figures.modules, start=1)
        if m.funnel.started
        for stop in m.stops
        if stop.stopped
    ]
    if losses:
        share, number, module, stop = max(losses, key=lambda x: (x[0], -x[1]))
        if share >= NOTABLE_LOSS:
            sentences.append(f"Module {number} ({module.title}) loses {share_words(share)} of its learners at step {stop.position} (“{stop.title}”).")
    items = [
        (i.difficulty, i, n)
        for n, m in enumerate(figures.modules, start=1)
        for i in m.items
        if i.difficulty is not None and not any(f.startswith("too few") for f in i.flags)
    ]
    if items:
        difficulty, hardest, number = min(items, key=lambda x: x[0])
        sentences.append(f"The hardest question is {hardest.key} in module {number}: {difficulty:.0%} answer it right at the first attempt.")
        flagged = sum(1 for _, i, _ in items if i.flags)
        if flagged:
            sentences.append(
                f"{_plural(flagged, 'question')} of {len(items)} {'is' if flagged == 1 else 'are'} flagged for review "
                "(too easy, too hard, or missed by strong learners)."
            )
    times = [(m.module_time.median, m) for m in figures.modules if m.module_time.median is not None]
    if times:
        longest, module = max(times, key=lambda x: x[0])
        sentences.append(f"The longest module is {module.title}: half of those who complete it take more than {_minutes(longest)}.")
    changes = [r.change for r in figures.self_assessment if r.change is not None]
    if changes:
        mean = sum(changes) / len(changes)
        sentences.append(
            f"In the course self-assessment, ratings {'rose' if mean > 0 else 'fell' if mean < 0 else 'stayed'} "
            f"by {abs(mean):.1f} points on average from before to after."
        )
    return " ".join(sentences)
