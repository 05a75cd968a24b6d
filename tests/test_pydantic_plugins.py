"""What the course accepts depends on our models alone: a pydantic plugin installed by some other
package is never loaded by als-build (it could change validation, and looking for plugins scans
every installed distribution)."""

import os
import subprocess
import sys

from tests.conftest import REPO


def test_a_pydantic_plugin_installed_beside_us_is_never_loaded(tmp_path):
    marker = tmp_path / "plugin-was-loaded"
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    (site / "spy_plugin.py").write_text(f"from pathlib import Path\nPath({str(marker)!r}).touch()\nplugin = object()\n")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)])}
    environment.pop("PYDANTIC_DISABLE_PLUGINS", None)
    probe = subprocess.run(
        [sys.executable, "-c", "import pydantic.plugin._loader as loader; list(loader.get_plugins())"], env=environment, capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr
    assert marker.exists(), "the spy plugin is not found by pydantic, so this test would prove nothing"
    marker.unlink()

    built = subprocess.run(
        [sys.executable, "-m", "als_package", "--source", str(REPO / "course_src"), "--out", str(tmp_path / "dist"), "--target", "scorm12", "--quiet"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert not marker.exists()
