"""Where packages are written and what the environment may do to it: every problem is one
plain message with exit status 2 (130 for an interrupt), and --out keeps the previous
packages unless every new one arrived."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from als_package import output
from als_package.__main__ import run

from .test_source_errors import invoke

ARGS = ["--target", "scorm12", "--per-module", "--quiet"]
OLD = {"test-course-intro-scorm12.zip": b"old intro", "test-course-second-scorm12.zip": b"old second"}


@pytest.fixture
def previous(course_copy) -> Path:
    """dist/ holding an earlier build's packages."""
    dist = course_copy.parent / "dist"
    dist.mkdir()
    for name, data in OLD.items():
        (dist / name).write_bytes(data)
    return dist


def assert_untouched(dist: Path) -> None:
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == OLD


def fails_with(message: str, *args: str, status: int = 2) -> None:
    result = invoke(*args)
    assert result.exit_code == status, result.output
    assert result.stderr.splitlines()[0] == message


@pytest.mark.parametrize(
    "value, message",
    [
        ("", "Error: SOURCE_DATE_EPOCH is '': set it to a whole number of seconds since 1970-01-01 (such as 1700000000), or unset it"),
        ("yesterday", "Error: SOURCE_DATE_EPOCH is 'yesterday': set it to a whole number of seconds since 1970-01-01 (such as 1700000000), or unset it"),
        ("99999999999", "Error: SOURCE_DATE_EPOCH 99999999999 is after 2107-12-31, the last date a zip file can store: use a smaller number"),
    ],
)
def test_bad_source_date_epoch(previous, monkeypatch, value, message):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    fails_with(message, *ARGS)
    assert_untouched(previous)


def test_source_date_epoch_before_1980_is_raised_to_1980(course_copy, monkeypatch):
    import zipfile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert invoke(*ARGS).exit_code == 0
    assert zipfile.ZipFile("dist/test-course-intro-scorm12.zip").infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_empty_out(course_copy):
    result = invoke("--out", "", "--quiet")
    assert result.exit_code == 2
    assert "Invalid value for '--out': it is empty: name the folder to write the packages to" in result.stderr
    assert not Path("dist").exists() and sorted(p.name for p in Path(".").iterdir()) == ["course_src"]


def test_out_under_a_regular_file(course_copy):
    Path("notes.txt").write_text("a file")
    fails_with("Error: cannot write packages into 'notes.txt/dist': part of that path is a file, not a folder", "--out", "notes.txt/dist", *ARGS)


def test_out_is_a_regular_file(course_copy):
    Path("notes.txt").write_text("a file")
    result = invoke("--out", "notes.txt", *ARGS)
    assert result.exit_code == 2
    assert "Error: Invalid value for '--out': Directory 'notes.txt' is a file." in result.stderr
    assert Path("notes.txt").read_text() == "a file"


def test_out_parent_not_writable(course_copy, monkeypatch):
    """As root every folder is writable, so the refusal the OS would give is simulated."""

    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    fails_with("Error: cannot write packages into 'locked/dist': permission denied: choose a folder you may write to", "--out", "locked/dist", *ARGS)


def test_disk_full_while_staging_leaves_previous_packages(previous, monkeypatch):
    original = Path.write_bytes

    def fill_up(path: Path, data: bytes) -> int:
        if "second" in path.name:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return original(path, data)

    monkeypatch.setattr(Path, "write_bytes", fill_up)
    fails_with("Error: cannot write packages into 'dist': the disk is full: free some space and build again; nothing was changed there", *ARGS)
    assert_untouched(previous)


def test_failure_part_way_through_the_move_restores_previous_packages(previous, monkeypatch):
    original = os.replace

    def fail_on_second_package(source, target):
        if Path(target).name == "test-course-second-scorm12.zip" and "new" in Path(source).parts:
            raise OSError(errno.EIO, "Input/output error", str(target))
        return original(source, target)

    monkeypatch.setattr(os, "replace", fail_on_second_package)
    fails_with("Error: cannot write packages into 'dist': Input/output error; nothing was changed there", *ARGS)
    assert_untouched(previous)


def test_staging_is_inside_out_so_a_mounted_out_works(previous, monkeypatch):
    """A rename across file systems fails (EXDEV): everything renamed must come from inside --out."""
    original = os.replace

    def same_file_system_only(source, target):
        if not Path(source).resolve().is_relative_to(previous.resolve()):
            raise OSError(errno.EXDEV, "Invalid cross-device link", str(source))
        return original(source, target)

    monkeypatch.setattr(os, "replace", same_file_system_only)
    assert invoke(*ARGS).exit_code == 0
    assert all(p.read_bytes().startswith(b"PK") for p in previous.iterdir())


def test_copy_where_a_rename_is_refused(previous, monkeypatch):
    original = os.replace

    def no_rename_out_of_staging(source, target):
        if "new" in Path(source).parts:
            raise OSError(errno.EXDEV, "Invalid cross-device link", str(source))
        return original(source, target)

    monkeypatch.setattr(os, "replace", no_rename_out_of_staging)
    assert invoke(*ARGS).exit_code == 0
    assert sorted(p.name for p in previous.iterdir()) == sorted(OLD)
    assert all(p.read_bytes().startswith(b"PK") for p in previous.iterdir())


def test_stale_staging_folders_are_swept(previous):
    dead = previous / f"{output.STAGING_PREFIX}999999999-x"
    live = previous / f"{output.STAGING_PREFIX}{os.getpid()}-y"
    dead.mkdir()
    live.mkdir()
    assert invoke(*ARGS).exit_code == 0
    assert not dead.exists() and live.exists()


def test_interrupt_while_writing_leaves_previous_packages(previous, monkeypatch):
    def interrupt(path: Path, data: bytes) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", interrupt)
    fails_with("Interrupted: nothing was written.", *ARGS, status=130)
    assert_untouched(previous)


def test_sigterm_cleans_up_like_ctrl_c(previous, monkeypatch, capsys):
    original = Path.write_bytes

    def terminated(path: Path, data: bytes) -> int:
        os.kill(os.getpid(), signal.SIGTERM)
        return original(path, data)

    monkeypatch.setattr(Path, "write_bytes", terminated)
    monkeypatch.setattr(sys, "argv", ["als-build", *ARGS])
    handler = signal.getsignal(signal.SIGTERM)
    try:
        with pytest.raises(SystemExit) as exit_:
            run()
    finally:
        signal.signal(signal.SIGTERM, handler)
    assert exit_.value.code == 130
    assert "Interrupted: nothing was written." in capsys.readouterr().err
    assert_untouched(previous)


@pytest.mark.parametrize("delay", [0.02, 0.1, 0.2])
def test_ctrl_c_during_start_up(course_copy, delay):
    """Ctrl-C while the command's libraries load. (One inside Python's own start-up, before any of
    the command's code runs, is the interpreter's to report.) 'ready' marks the hand-over; the
    libraries take some 300 ms to load, so each delay lands while they do."""
    code = "import sys; from als_package.__main__ import run; sys.argv = ['als-build', 'check']; print('ready', flush=True); run()"
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert process.stdout.readline() == "ready\n"
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert "Traceback" not in stderr
    assert (process.returncode, stderr) == (130, "Interrupted: nothing was written.\n") or (process.returncode, stdout) == (
        0,
        "course_src: OK: 2 modules, 3 pages, 5 questions.\n",
    )


def test_json_errors_on_stdout(course_copy):
    (course_copy / "second/pages/only.md").write_text("no front matter\n")
    for args in (["--json"], ["check", "--json"], ["--json", "check"]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert json.loads(result.stdout) == {
            "ok": False,
            "errors": [
                {
                    "file": "course_src/second/pages/only.md",
                    "line": 1,
                    "message": "a page starts with front matter: a '---' line, 'title: ...', and another '---' line",
                }
            ],
        }


def test_json_usage_error_and_check_summary(course_copy):
    result = invoke("--json", "--module", "nope")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["errors"][0]["message"].startswith("--module 'nope' is not a module of this course")
    assert json.loads(invoke("check", "--json").stdout) == {"ok": True, "source": "course_src", "modules": 2, "pages": 3, "questions": 5}
