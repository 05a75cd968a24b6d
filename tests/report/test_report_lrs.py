"""A known cohort plays the xAPI package in Chromium, its statements go through ralph (a real
LRS), and `als-build report --lrs` reads them back from ralph with credentials from the
environment: the figures must be what the learners did.

The cohort (two modules, as tests/lrs builds the package):
- Pass: both checks right, so both modules and the course passed;
- Retry: the first module's check wrong twice (failed), the second right (passed);
- Wrong: the first module's check wrong once (failed), nothing else;
- Stop: two steps into the first module, then leaves (stopped at step 3).

Expectations come from this plan and the course source (tests.browser.course), not from the
report's code. The learners are picked out with --group, as ralph holds other tests' statements.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from als_package.report.sources import Lrs, authorization
from als_package.report.synthetic import cohort_from
from tests.browser.lms import REPO_ROOT
from tests.lrs.conftest import XAPI_MODULES
from tests.lrs.learning import IRI_BASE, Plan, course_session, delivered, module_session, module_source, xapi_response
from tests.lrs.ralph_lrs import PASSWORD, USER

FIRST, SECOND = (module_source(m) for m in XAPI_MODULES)
COHORT = {
    "pass": [Plan(FIRST, quiz="right"), Plan(SECOND, quiz="right")],
    "retry": [Plan(FIRST, quiz="wrong", tries=2), Plan(SECOND, quiz="right")],
    "wrong": [Plan(FIRST, quiz="wrong")],
    "stop": [Plan(FIRST, steps=2)],
}


def actor(name: str) -> dict:
    return {"objectType": "Agent", "name": f"Report {name}", "mbox": f"mailto:report-{name}@example.org"}


def report(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "als_package", "report", *args], cwd=REPO_ROOT, capture_output=True, text=True, env=os.environ | env, timeout=300
    )


def play_cohort(browser, launcher, ralph, xapi_package) -> None:
    for name, plans in COHORT.items():
        registration = str(uuid.uuid4())
        url = launcher.tincan(xapi_package.url + "index.html", actor(name), registration)
        browser.run(course_session, url, plans)
        delivered(launcher, ralph, registration)


def test_report_from_ralph_matches_the_cohort(browser, launcher, ralph, xapi_package, xapi_build, tmp_path):
    play_cohort(browser, launcher, ralph, xapi_package)
    group = tmp_path / "cohort.txt"
    group.write_text("".join(actor(name)["mbox"] + "\n" for name in COHORT), encoding="utf-8")
    out = tmp_path / "report" / "report.html"
    env = {"ALS_LRS_USER": USER, "ALS_LRS_PASSWORD": PASSWORD}
    proc = report(
        [
            "--lrs",
            f"{ralph.origin}/xAPI/",
            "--definitions",
            str(xapi_build / "everybody-leads-xapi-activities.json"),
            "--group",
            str(group),
            "--out",
            str(out),
            "--csv",
            str(tmp_path / "report" / "csv"),
            "--json",
        ],
        env,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)

    assert figures["enrolments"] == 4
    # Completed: Pass, and Retry, who saw every step of both modules; passed: Pass alone.
    assert figures["course_funnel"] | {"title": ""} == {"scope": "course", "title": "", "enrolled": 4, "started": 4, "completed": 2, "passed": 1}
    by_key = {m["key"]: m for m in figures["modules"]}
    first, second = by_key[FIRST.id], by_key[SECOND.id]
    assert (first["funnel"]["started"], first["funnel"]["completed"], first["funnel"]["passed"]) == (4, 3, 1)
    assert (second["funnel"]["started"], second["funnel"]["completed"], second["funnel"]["passed"]) == (2, 2, 2)
    assert [s["stopped"] for s in first["stops"]] == [1 if s["position"] == 3 else 0 for s in first["stops"]]
    assert first["attempts"] == {"1": 1, "2": 0, "3+": 0} and second["attempts"] == {"1": 2, "2": 0, "3+": 0}

    # Item analysis, first attempts only: in the first module Pass is right, Retry and Wrong choose the same wrong answer.
    for question, item in zip(FIRST.questions, first["items"], strict=True):
        assert item["key"] == question.id and item["answers"] == 3
        assert item["difficulty"] == round(1 / 3, 3)
        chosen = {o["part"]: o["chosen"] for o in item["options"] if o["chosen"]}
        wrong, right = xapi_response(question.wrong_answer()), xapi_response(question.right_answer())
        if item["interaction"] in ("choice", "matching"):
            for part in wrong.split("[,]"):
                assert chosen[part] >= 2, (question.id, part, chosen)
            assert sum(chosen.values()) == len(wrong.split("[,]")) * 2 + len(right.split("[,]"))
        else:
            assert chosen == {wrong: 2, right: 1}, (question.id, chosen)
    assert all(item["difficulty"] == 1.0 and item["answers"] == 2 for item in second["items"])

    written = out.read_text(encoding="utf-8")
    assert PASSWORD not in written and USER not in written
    assert all(PASSWORD not in p.read_text(encoding="utf-8") for p in (tmp_path / "report" / "csv").iterdir())
    assert "My private answer" not in written


def test_more_links_are_followed_page_by_page(ralph, xapi_build, tmp_path):
    """ralph pages with `more`; a small page size makes the reader follow many links."""
    cohort = cohort_from(xapi_build / "everybody-leads-xapi-activities.json", seed=11)
    status, body = ralph.request("POST", "statements", json.dumps(list(cohort.statements(1))).encode())
    assert status == 200, body
    everything = ralph.statements()
    lrs = Lrs(f"{ralph.origin}/xAPI/", authorization({"ALS_LRS_USER": USER, "ALS_LRS_PASSWORD": PASSWORD}))
    pages: list[int] = []
    count = lrs.download(tmp_path / "all.ndjson", page=7, progress=pages.append)
    assert count == len(everything) and len(pages) >= len(everything) // 7
    read = [json.loads(line)["id"] for line in (tmp_path / "all.ndjson").read_text(encoding="utf-8").splitlines()]
    assert sorted(read) == sorted(s["id"] for s in everything)


def test_wrong_credentials_and_unreachable_lrs_end_with_a_message(ralph, xapi_build, tmp_path):
    definitions = str(xapi_build / "everybody-leads-xapi-activities.json")
    out = tmp_path / "r.html"
    refused = report(
        ["--lrs", f"{ralph.origin}/xAPI/", "--definitions", definitions, "--out", str(out)], {"ALS_LRS_USER": USER, "ALS_LRS_PASSWORD": "not-the-password"}
    )
    assert refused.returncode == 2 and "refused the credentials" in refused.stderr and "Traceback" not in refused.stderr
    assert "not-the-password" not in refused.stderr + refused.stdout
    missing = report(
        ["--lrs", f"{ralph.origin}/xAPI/", "--definitions", definitions, "--out", str(out)], {"ALS_LRS_USER": "", "ALS_LRS_PASSWORD": "", "ALS_LRS_AUTH": ""}
    )
    assert missing.returncode == 2 and "ALS_LRS_USER" in missing.stderr
    closed = report(
        ["--lrs", "http://127.0.0.1:9/xAPI/", "--definitions", definitions, "--out", str(out)], {"ALS_LRS_USER": USER, "ALS_LRS_PASSWORD": PASSWORD}
    )
    assert closed.returncode == 2 and "cannot reach the LRS at http://127.0.0.1:9/xAPI/" in closed.stderr
    assert not out.exists()


def test_credentials_are_never_shown_even_in_the_url(xapi_build, tmp_path):
    proc = report(
        [
            "--lrs",
            "http://someone:secret-in-url@127.0.0.1:9/xAPI/",
            "--definitions",
            str(xapi_build / "everybody-leads-xapi-activities.json"),
            "--out",
            str(Path(tmp_path) / "r.html"),
        ],
        {"ALS_LRS_USER": USER, "ALS_LRS_PASSWORD": PASSWORD},
    )
    assert proc.returncode == 2 and "secret-in-url" not in proc.stderr


def test_cmi5_statements_count_for_their_module(browser, launcher, ralph, cmi5_package, xapi_build, tmp_path):
    """Two learners play one AU of the cmi5 package: statements about the LMS's AU id, the
    module's id in grouping. One passes, one answers wrong."""
    for name, quiz in (("cmi5-pass", "right"), ("cmi5-wrong", "wrong")):
        registration = str(uuid.uuid4())
        au = launcher.cmi5(f"{cmi5_package.url}{FIRST.id}/index.html", f"{IRI_BASE}/{FIRST.id}", actor(name), registration)
        browser.run(module_session, au.url, Plan(FIRST, quiz=quiz))
        delivered(launcher, ralph, registration)
    group = tmp_path / "cmi5.txt"
    group.write_text("mailto:report-cmi5-pass@example.org\nmailto:report-cmi5-wrong@example.org\n", encoding="utf-8")
    proc = report(
        [
            "--lrs",
            f"{ralph.origin}/xAPI/",
            "--definitions",
            str(xapi_build / "everybody-leads-xapi-activities.json"),
            "--group",
            str(group),
            "--out",
            str(tmp_path / "r.html"),
            "--json",
        ],
        {"ALS_LRS_USER": USER, "ALS_LRS_PASSWORD": PASSWORD},
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    module = next(m for m in figures["modules"] if m["key"] == FIRST.id)
    assert (module["funnel"]["started"], module["funnel"]["completed"], module["funnel"]["passed"]) == (2, 2, 1)
    assert module["attempts"] == {"1": 1, "2": 0, "3+": 0}
    assert all(item["answers"] == 2 and item["difficulty"] == 0.5 for item in module["items"])
    assert figures["course_funnel"]["passed"] == 0 and figures["enrolments"] == 2
