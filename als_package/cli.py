"""The `als-build` command. Options only, no logic; the only module that prints."""

from __future__ import annotations

import json
import sys
from functools import wraps
from pathlib import Path

import click
from click.core import ParameterSource

from als_package import __version__
from als_package.build import BuildResult, build
from als_package.diagnostics import SourceError
from als_package.source import load_course
from als_package.profiles import MODES, PROFILES
from als_package.targets import TARGETS, BuildOptions

EXAMPLES = """
\b
Examples:
  als-build                          build every target from ./course_src into ./dist
  als-build --target scorm12         only the SCORM 1.2 package
  als-build --per-module             one package per module
  als-build --module what-is-leadership --out /tmp/preview
  als-build check                    validate course_src/ without building
  als-build --json                   machine-readable summary
"""


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


def _report_errors(error: SourceError) -> None:
    for diagnostic in error.diagnostics:
        click.echo(str(diagnostic), err=True)
    count = len(error.diagnostics)
    click.echo(f"{count} error{'s' if count != 1 else ''} in the course source: nothing was written.", err=True)
    sys.exit(2)


def _source_option(function):
    return click.option("--source", type=click.Path(path_type=Path), default=Path("course_src"), show_default=True,
                        help="Folder holding course.yaml.")(function)


def _build_options(function):
    @_source_option
    @click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"), show_default=True,
                  help="Folder the packages are written to.")
    @click.option("--target", "targets", multiple=True, type=click.Choice(sorted(TARGETS)),
                  help="Standard to build (repeatable). Default: all.")
    @click.option("--module", "modules", multiple=True, metavar="ID", help="Build only this module (repeatable).")
    @click.option("--mode", type=click.Choice(MODES), default=None,
                  help="Packaging: course (a SCO per module), per-module (a package per module), single-sco (the whole course as one SCO). Default: the LMS profile's.")
    @click.option("--per-module", is_flag=True, help="Short for --mode per-module.")
    @click.option("--lms", "profile", type=click.Choice(sorted(PROFILES)), default="generic", show_default=True,
                  help="LMS profile: tested defaults for targets, mode and status semantics (docs/lms/).")
    @click.option("--sequencing", is_flag=True, help="SCORM 2004 4th edition course package: modules in order, with rollup.")
    @click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
    @wraps(function)
    def wrapper(*args, **kwargs):
        return function(*args, **kwargs)

    return wrapper


def _run_build(source, out, targets, modules, mode, per_module, profile, sequencing, quiet, as_json) -> None:
    progress = (lambda m: None) if quiet or as_json else (lambda m: click.echo(f"  … {m}", err=True))
    chosen = PROFILES[profile]
    if per_module and mode not in (None, "per-module"):
        raise click.UsageError("--per-module and --mode say different things: give one of them")
    targets = tuple(targets) or chosen.targets or tuple(TARGETS)
    options = BuildOptions(mode="per-module" if per_module else mode or chosen.mode_for(targets), sequencing=sequencing, profile=chosen)
    warning = chosen.warning_for(targets, options.mode)
    if warning and not quiet:
        click.echo(f"Note: {warning}", err=True)
    if sequencing and (targets != ("scorm2004-4th",) or options.mode != "course"):
        raise click.UsageError("--sequencing only applies to the SCORM 2004 4th edition course package: "
                               "build it alone, with --target scorm2004-4th --mode course")
    try:
        result = build(source, out, targets, options, tuple(modules), progress)
    except SourceError as error:
        _report_errors(error)
    if as_json:
        click.echo(json.dumps(_summary(result), indent=2))
    elif not quiet:
        _print_summary(result, source)


def _summary(result: BuildResult) -> dict:
    return {
        "course": result.course.id,
        "modules": len(result.course.modules),
        "seconds": round(result.seconds, 3),
        "packages": [{"target": w.target, "path": str(w.path), "bytes": w.size} for w in result.written],
    }


def _print_summary(result: BuildResult, source: Path) -> None:
    click.echo(f"Built {len(result.written)} package(s) from {source} ({len(result.course.modules)} modules) in {result.seconds:.2f} s:")
    width = max(len(str(w.path)) for w in result.written)
    for w in result.written:
        click.echo(f"  {str(w.path):<{width}}  {_size(w.size):>9}  {w.target}")


def _with_group_options(ctx: click.Context, options: dict) -> dict:
    """Options given before a command (`als-build --source x check`) count unless the command sets them too."""
    parent = ctx.parent
    for name in options:
        if ctx.get_parameter_source(name) == ParameterSource.DEFAULT and name in parent.params \
                and parent.get_parameter_source(name) != ParameterSource.DEFAULT:
            options[name] = parent.params[name]
    return options


@click.group(invoke_without_command=True, epilog=EXAMPLES)
@_build_options
@click.version_option(__version__, prog_name="als-build")
@click.pass_context
def main(ctx, **options) -> None:
    """Compile the course source into LMS packages (SCORM 1.2, …)."""
    if ctx.invoked_subcommand is None:
        _run_build(**options)


@main.command("build", epilog=EXAMPLES)
@_build_options
@click.pass_context
def build_command(ctx, **options) -> None:
    """Build packages (the same as running als-build with no command)."""
    _run_build(**_with_group_options(ctx, options))


@main.command()
@_source_option
@click.pass_context
def check(ctx, **options) -> None:
    """Validate the course source without building anything."""
    source = _with_group_options(ctx, options)["source"]
    try:
        course = load_course(source)
    except SourceError as error:
        _report_errors(error)
    pages = sum(len(m.pages) for m in course.modules)
    questions = sum(len(m.quiz.questions) for m in course.modules if m.quiz)
    click.echo(f"{source}: OK: {len(course.modules)} modules, {pages} pages, {questions} questions.")
