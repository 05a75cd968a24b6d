"""A plain `pip install .` (a wheel, not an editable install) gives a working als-build with its templates and runtime."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import REPO, ROOTS


def test_wheel_install_builds_a_complete_package(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin/python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, str(REPO)], check=True, cwd=tmp_path)
    where = subprocess.run(
        [str(venv / "bin/python"), "-c", "import als_package; print(als_package.__file__)"], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout
    assert where.startswith(str(venv))  # the installed copy, not the checkout
    result = subprocess.run(
        [str(venv / "bin/als-build"), "--source", str(ROOTS / "minimal"), "--out", "dist", "--quiet"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    names = zipfile.ZipFile(tmp_path / "dist/test-course-scorm12.zip").namelist()
    for name in ("runtime/player.js", "runtime/state.js", "runtime/lms/scorm12.js", "intro/index.html", "imscp_rootv1p1p2.xsd"):
        assert name in names
    scorm2004 = zipfile.ZipFile(tmp_path / "dist/test-course-scorm2004-4th.zip").namelist()
    assert "imscp_v1p1.xsd" in scorm2004 and "common/anyElement.xsd" in scorm2004
