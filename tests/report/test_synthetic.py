"""The synthetic statements are what the runtime sends: valid under both validators the LRS
tests use (ralph's model and @learninglocker/xapi-validation), with every verb and kind of
answer the report reads, and reproducible from their seed."""

from __future__ import annotations

from collections import defaultdict

from als_package.report.synthetic import Behaviour, cohort_from
from tests.lrs.validators import problems

PER_KIND = 12  # statements of each (verb, object type, interaction type) sent to the validators


def kind(statement: dict) -> tuple[str, str, str]:
    definition = statement["object"]["definition"]
    return statement["verb"]["id"].rsplit("/", 1)[-1], definition["type"].rsplit("/", 1)[-1], definition.get("interactionType", "")


def test_synthetic_statements_are_valid_under_both_validators(with_self_assessment):
    cohort = cohort_from(with_self_assessment, Behaviour(free_text="words a course opted to send"), seed=2)
    sample: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for statement in cohort.statements(60):
        if len(sample[kind(statement)]) < PER_KIND:
            sample[kind(statement)].append(statement)
    verbs = {k[0] for k in sample}
    assert verbs >= {"initialized", "experienced", "answered", "completed", "passed", "failed", "suspended", "terminated"}
    assert {k[2] for k in sample if k[0] == "answered"} >= {"choice", "true-false", "matching", "sequencing", "likert", "long-fill-in"}
    assert ("passed", "course", "") in sample and ("failed", "course", "") in sample
    statements = [s for found in sample.values() for s in found]
    assert problems(statements) == []


def test_the_same_seed_gives_the_same_statements(plain_activities):
    first = list(cohort_from(plain_activities, seed=8).statements(3))
    again = list(cohort_from(plain_activities, seed=8).statements(3))
    assert first == again and len({s["id"] for s in first}) == len(first)
