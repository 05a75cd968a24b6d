"""`als-build preview`: serve the course as packaged for one target, in an LMS frame with an
inspector, and rebuild and reload on every edit. Heavy parts are imported when it runs."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import click

from als_package.options import lms_option, source_option
from als_package.profiles import MODES, PROFILES  # names only: cheap to import, unlike the compiler

STANDARDS_HELP = "scorm12, scorm2004-3rd, scorm2004-4th, xapi or cmi5"


def _fail(lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(2)


@click.command(
    epilog="\b\nExamples:\n  als-build preview                      SCORM 1.2 at http://127.0.0.1:8765/\n"
    "  als-build preview --target cmi5 --open play the cmi5 AUs, open a browser\n"
    "  als-build preview --lms cornerstone     the Cornerstone package, with its behaviours"
)
@source_option
@click.option("--target", default=None, metavar="NAME", help=f"Standard to play: {STANDARDS_HELP}. Default: the LMS profile's, else scorm12.")
@lms_option("LMS profile: its package, and its behaviours emulated in the inspector (docs/preview.md).")
@click.option("--mode", type=click.Choice(MODES), default=None, help="Packaging mode. Default: the LMS profile's.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the default web browser.")
def command(source: Path, target: str | None, profile: str, mode: str | None, port: int, open_browser: bool) -> None:
    """Play the course as an LMS or LRS would, with an inspector; reloads on edits."""
    from als_package.diagnostics import SourceError, UsageProblem
    from als_package.preview.app import Preview
    from als_package.preview.site import STANDARDS
    from als_package.profiles import plan_build

    chosen = PROFILES[profile]
    target = target or (chosen.targets[0] if chosen.targets else "scorm12")
    if target not in STANDARDS:
        raise click.BadParameter(f"'{target}' is not a standard the preview plays: choose {STANDARDS_HELP}", param_hint="--target")
    try:
        plan = plan_build(profile, (target,), mode, False, False)  # type: ignore[arg-type]
        if plan.note:
            click.echo(f"Note: {plan.note}", err=True)
        preview = Preview(source, target, plan.options, profile, port, say=lambda text: click.echo(text, err=True)).start()
    except SourceError as error:
        count = len(error.diagnostics)
        plural = "s" if count != 1 else ""
        _fail([str(d) for d in error.diagnostics] + [f"{count} error{plural} in the course source: fix {'them' if plural else 'it'} and start again."])
        return
    except UsageProblem as problem:
        _fail([f"Error: {problem}"])
        return
    click.echo(f"Preview of {preview.title} as {target} ({plan.options.mode}, {profile} LMS) at {preview.url}")
    click.echo(f"Watching {source} for changes. Press Ctrl-C to stop.", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(preview.url)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        preview.stop()
