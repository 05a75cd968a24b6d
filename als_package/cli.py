"""The `als-build` command. Options only, no logic; the only module that prints."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from click.core import ParameterSource

from als_package import __version__
from als_package.commands import COMMANDS
from als_package.diagnostics import Diagnostic, SourceError, UsageProblem
from als_package.options import lms_option, source_option
from als_package.profiles import MODES, plan_build
from als_package.targets import TARGETS

if TYPE_CHECKING:
    from als_package.build import BuildResult

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


def _error_json(diagnostic: Diagnostic) -> dict:
    return {"file": str(diagnostic.location.path), "line": diagnostic.location.line or None, "message": diagnostic.message}


def _fail(lines: list[str], json_errors: list[dict], summary: str, as_json: bool, status: int = 2) -> NoReturn:
    """The one exit for user errors: every line on stderr (or one JSON document on stdout), then `status`."""
    if as_json:
        click.echo(json.dumps({"ok": False, "errors": json_errors}, indent=2, ensure_ascii=False))
    else:
        for line in lines:
            click.echo(line, err=True)
        click.echo(summary, err=True)
    sys.exit(status)


def _print_warnings(warned: list[Diagnostic], silent: bool) -> None:
    """Authoring warnings (als_package.source.quality) never change the exit status."""
    for diagnostic in [] if silent else warned:
        click.echo(f"{diagnostic.location}: warning: {diagnostic.message}", err=True)


@contextmanager
def _user_errors(as_json: bool) -> Iterator[None]:
    """Source mistakes, usage and environment problems and Ctrl-C end with a message, never a traceback."""
    try:
        yield
    except SourceError as error:
        count = len(error.diagnostics)
        _fail(
            [str(d) for d in error.diagnostics],
            [_error_json(d) for d in error.diagnostics],
            f"{count} error{'s' if count != 1 else ''} in the course source: nothing was written.",
            as_json,
        )
    except UsageProblem as problem:
        _fail([f"Error: {problem}"], [{"file": None, "line": None, "message": str(problem)}], "Nothing was written.", as_json)
    except KeyboardInterrupt:
        _fail([], [{"file": None, "line": None, "message": "interrupted"}], "Interrupted: nothing was written.", as_json, 130)


def _out_folder(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    if not value.strip():
        raise click.BadParameter("it is empty: name the folder to write the packages to")
    return Path(value)


def _json_option(function):
    return click.option("--json", "as_json", is_flag=True, help="Print the summary, or the errors, as JSON on stdout.")(function)


def _build_options(function):
    @source_option
    @click.option(
        "--out", type=click.Path(file_okay=False), default="dist", show_default=True, callback=_out_folder, help="Folder the packages are written to."
    )
    @click.option("--target", "targets", multiple=True, type=click.Choice(sorted(TARGETS)), help="Standard to build (repeatable). Default: all.")
    @click.option("--module", "modules", multiple=True, metavar="ID", help="Build only this module (repeatable).")
    @click.option(
        "--mode",
        type=click.Choice(MODES),
        default=None,
        help="Packaging: course (a SCO per module), per-module (a package per module), single-sco (the whole course as one SCO). Default: the LMS profile's.",
    )
    @click.option("--per-module", is_flag=True, help="Short for --mode per-module.")
    @lms_option("LMS profile: tested defaults for targets, mode and status semantics (docs/lms/).")
    @click.option("--sequencing", is_flag=True, help="SCORM 2004 4th edition course package: modules in order, with rollup.")
    @click.option(
        "--brand",
        metavar="FILE|all",
        help="A branded edition (docs/brands.md): a brand file, or all (every brand in ./brands) or a folder of them, each into OUT/NAME.",
    )
    @click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
    @_json_option
    @wraps(function)
    def wrapper(*args, **kwargs):
        return function(*args, **kwargs)

    return wrapper


def _run_build(source, out, targets, modules, mode, per_module, profile, sequencing, brand, quiet, as_json) -> None:
    from als_package.brand import editions
    from als_package.build import build  # the compiler loads only when a build runs: --help stays fast
    from als_package.source import load_course, quality

    progress = (lambda m: None) if quiet or as_json else (lambda m: click.echo(f"  … {m}", err=True))
    with _user_errors(as_json):
        plan = plan_build(profile, tuple(targets), mode, per_module, sequencing)
        if plan.note and not quiet:
            click.echo(f"Note: {plan.note}", err=True)
        with quality.collected() as warned:
            results = [
                build(source, folder, plan.targets, replace(plan.options, brand=edition), tuple(modules), progress)
                for edition, folder in editions(brand, out, lambda: load_course(source, tuple(modules)))
            ]
    _print_warnings(warned, quiet or as_json)
    if as_json:
        click.echo(json.dumps(_summary(results[0]) | {"packages": [p for r in results for p in _summary(r)["packages"]]}, indent=2))
    elif not quiet:
        for result in results:
            _print_summary(result, source)


def _summary(result: BuildResult) -> dict:
    return {
        "ok": True,
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
    parent = ctx.find_root()
    for name in options:
        if ctx.get_parameter_source(name) == ParameterSource.DEFAULT and name in parent.params and parent.get_parameter_source(name) != ParameterSource.DEFAULT:
            options[name] = parent.params[name]
    return options


class _Interrupted(Exception):
    """Ctrl-C carried past click, which would print "Aborted!" and exit 1."""


class _Command(click.Group):
    """With --json, usage mistakes (an unknown target, an empty --out, …) come as JSON on
    stdout like every other error; without it, click reports them as usual. The commands in
    `als_package.commands` are imported only when one of them runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *COMMANDS]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            return importlib.import_module(COMMANDS[name][0]).command
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The lazy commands' help comes from the registry, so --help imports none of them."""
        rows = [(name, command.get_short_help_str(formatter.width)) for name, command in self.commands.items() if not command.hidden]
        rows += [(name, summary) for name, (_, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(sorted(rows))

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Click's standalone mode, except that Ctrl-C (even while a command imports the
        compiler) ends as every interruption does (`__main__.run`), never with "Aborted!"."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        args = list(sys.argv[1:] if args is None else args)
        try:
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as error:
            if "--json" in args:
                _fail([], [{"file": None, "line": None, "message": error.format_message()}], "", True, error.exit_code)
            error.show()
            sys.exit(error.exit_code)
        except (click.Abort, _Interrupted):
            raise KeyboardInterrupt from None
        sys.exit(status if isinstance(status, int) else 0)


@click.group(cls=_Command, invoke_without_command=True, epilog=EXAMPLES)
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
@source_option
@_json_option
@click.pass_context
def check(ctx, **options) -> None:
    """Validate the course source without building anything."""
    from als_package.source import load_course, quality

    options = _with_group_options(ctx, options)
    source, as_json = options["source"], options["as_json"]
    with _user_errors(as_json), quality.collected() as warned:
        course = load_course(source)
    _print_warnings(warned, as_json)
    summary = {
        "ok": True,
        "source": str(source),
        "modules": len(course.modules),
        "pages": sum(len(m.pages) for m in course.modules),
        "questions": sum(len(m.quiz.questions) for m in course.modules if m.quiz),
    }
    if warned:
        summary["warnings"] = [_error_json(d) for d in warned]
    if as_json:
        click.echo(json.dumps(summary, indent=2))
    else:
        click.echo(f"{source}: OK: {summary['modules']} modules, {summary['pages']} pages, {summary['questions']} questions.")
