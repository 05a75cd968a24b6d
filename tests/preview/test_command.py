"""`als-build preview` as an author runs it: its first line names the URL, Ctrl-C stops it,
and mistakes end with a plain message and status 2, never a traceback or a hang."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import urllib.request

from tests.browser.lms import REPO_ROOT


def _preview(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "als_package", "preview", *args], cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_serves_until_interrupted(source):
    process = _preview("--source", str(source), "--target", "cmi5", "--port", "0")
    try:
        line = process.stdout.readline()
        url = re.search(r"at (http://127\.0\.0\.1:\d+/)$", line.strip())
        assert url, line or process.communicate(timeout=30)[1]
        site = json.loads(urllib.request.urlopen(url.group(1) + "__preview__/api/site", timeout=10).read())
        assert (site["standard"], site["course"]["id"], [u["id"] for u in site["units"]]) == ("cmi5", "preview-course", ["reading", "check"])
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Stopped." in err and "Traceback" not in err


def test_source_errors_while_running_are_printed(source):
    process = _preview("--source", str(source), "--port", "0")
    try:
        assert "Preview of" in process.stdout.readline()
        assert "Watching" in process.stderr.readline()
        page = source / "reading" / "pages" / "one.md"
        page.write_text("---\ntitle: [unclosed\n---\nText.\n")
        printed = [process.stderr.readline() for _ in range(2)]
        assert re.match(r"^\S*reading/pages/one\.md:\d+: ", printed[0]), printed
        assert printed[1].startswith("1 error in the course source: the page keeps the last good build."), printed
        page.write_text("---\ntitle: Page one\n---\nText again.\n")
        assert process.stderr.readline().startswith("Rebuilt in ")
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)
    assert process.returncode == 0


def test_source_errors_end_with_status_2(source):
    (source / "check" / "quiz.yaml").write_text("questions:\n  - id: q1\n    type: true-false\n")
    process = _preview("--source", str(source), "--port", "0")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert re.search(r"check/quiz\.yaml:\d+: ", err), err
    assert "Traceback" not in err and out == ""


def test_port_in_use_is_a_usage_mistake(source):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _preview("--source", str(source), "--port", str(port))
        out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert f"Error: cannot serve on 127.0.0.1:{port}" in err and "choose another --port" in err
    assert "Traceback" not in err


def test_unknown_target_is_a_usage_mistake(source):
    process = _preview("--source", str(source), "--target", "aicc")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "'aicc' is not a standard the preview plays" in err and "Traceback" not in err
