"""Command-line options more than one command takes, written once (click only: cheap to import)."""

from __future__ import annotations

from pathlib import Path

import click

from als_package.profiles import PROFILES


def source_option(function):
    return click.option("--source", type=click.Path(path_type=Path), default=Path("course_src"), show_default=True, help="Folder holding course.yaml.")(
        function
    )


def lms_option(help: str):
    """`--lms`, an LMS profile (profiles.py); `help` says what the command does with it."""
    return click.option("--lms", "profile", type=click.Choice(sorted(PROFILES)), default="generic", show_default=True, help=help)
