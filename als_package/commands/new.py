"""`als-build new course|module`: a documented skeleton that passes `check` and builds, from templates/scaffold/.

Every file is written from a template whose comments say what each field does; nothing is
written when the command refuses (a folder that exists, an id that breaks the rules, a
course.yaml whose module list it cannot extend).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from string import Template

import click

STARTER_MODULE = "getting-started"
# The L&D toolkit's files (ld/, `--target ld-pack`) that hold an entry per module, and where.
LD_ENTRIES = {"facilitator.yaml": ("modules",), "managers.yaml": ("modules",), "evaluation.yaml": ("behaviour", "modules")}


class Refused(Exception):
    """The command cannot do what was asked; the message says why and what to do instead."""


def _title_of(identifier: str) -> str:
    return identifier.replace("-", " ").capitalize()


def _check_id(identifier: str, what: str) -> None:
    from als_package.model import SLUG_PATTERN
    from als_package.source.load import RESERVED_MODULE_IDS

    if not re.fullmatch(SLUG_PATTERN, identifier) or len(identifier) > 48:
        raise Refused(
            f"'{identifier}' cannot be a {what} id: use lower-case letters and digits with single hyphens between "
            "(such as 'giving-feedback'), at most 48 characters"
        )
    if what == "module" and identifier in RESERVED_MODULE_IDS:
        raise Refused(f"'{identifier}' cannot be a module id: every package has a folder of that name")


def _check_title(title: str) -> None:
    if not title.strip() or len(title) > 200 or any(ord(c) < 32 for c in title):
        raise Refused(f"{title!r} cannot be a title: give one line of text, at most 200 characters")


def _module_files(module_id: str, title: str) -> dict[str, str]:
    """The module skeleton's files, relative to the module folder."""
    from als_package.resources import templates_dir

    folder = templates_dir() / "scaffold" / "module"
    values = {"module_id": module_id, "module_title": json.dumps(title, ensure_ascii=False)}
    return {
        path.relative_to(folder).as_posix(): Template(path.read_text(encoding="utf-8")).substitute(values)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _ld_entry(name: str, module_id: str, indent: str) -> str:
    """A module's entry in the toolkit file `name` (templates/scaffold/ld-entries/), indented to sit in its mapping."""
    from als_package.resources import templates_dir

    text = Template((templates_dir() / "scaffold" / "ld-entries" / name).read_text(encoding="utf-8")).substitute(module_id=module_id)
    return "".join(indent + line if line.strip() else line for line in text.splitlines(keepends=True))


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))]


def _block(lines: list[str], keys: tuple[str, ...]) -> tuple[int, int, int] | None:
    """Where the block at `keys` (top-level key first) sits: its key's line, the line after its last
    line, and its key's indentation; None when it is not written as a block (`key: [a, b]`)."""
    start, end, indent, line_of = 0, len(lines), -1, -1
    for key in keys:
        found = next(
            (
                (n, len(m.group(1)))
                for n in range(start, end)
                for m in [re.match(rf"( *){re.escape(key)}:\s*(#.*)?$", lines[n].rstrip("\r\n"))]
                if m and len(m.group(1)) > indent
            ),
            None,
        )
        if found is None:
            return None
        line_of, indent = found
        end = next(
            (
                n
                for n in range(line_of + 1, end)
                if lines[n].strip()
                and not lines[n].lstrip().startswith("#")
                and len(_indentation(lines[n])) <= indent
                and not (len(_indentation(lines[n])) == indent and lines[n].lstrip(" ").startswith("- "))
            ),
            end,
        )
        start = line_of + 1
    return line_of, end, indent


def _appended(text: str, keys: tuple[str, ...], entry: Callable[[str], str]) -> str | None:
    """`text` with `entry(indentation)` added after the last item of the block at `keys`, at its items'
    indentation, comments and layout kept; None when `keys` is not written as a block."""
    lines = text.splitlines(keepends=True)
    block = _block(lines, keys)
    if block is None:
        return None
    line_of, end, indent = block
    filled = [n for n in range(line_of + 1, end) if lines[n].strip() and not lines[n].lstrip().startswith("#")]
    at = filled[-1] + 1 if filled else line_of + 1
    if not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    spaced = bool(filled) and any(not lines[n].strip() for n in range(filled[0], filled[-1]))  # items with blank lines between
    lines.insert(at, ("\n" if spaced else "") + entry(_indentation(lines[filled[0]]) if filled else " " * (indent + 2)))
    return "".join(lines)


def _with_ld_entry(path: Path, module_id: str) -> str | None:
    """The toolkit file at `path` with the module's entry added at the end of its per-module mapping,
    comments and layout kept; None when it already has one."""
    import yaml

    keys = LD_ENTRIES[path.name]
    refusal = Refused(
        f"{path}: could not add an entry for module '{module_id}' under '{'.'.join(keys)}' safely: "
        "add it yourself (docs/ld-pack.md), then run the command again"
    )
    text = path.read_text(encoding="utf-8")
    try:
        before = yaml.safe_load(text)
        mapping = before
        for key in keys:
            mapping = mapping.get(key) if isinstance(mapping, dict) else None
        if isinstance(mapping, dict) and module_id in mapping:
            return None
        updated = _appended(text, keys, lambda indent: _ld_entry(path.name, module_id, indent))
        if updated is None or not isinstance(mapping, dict):
            raise refusal
        mapping[module_id] = yaml.safe_load(_ld_entry(path.name, module_id, ""))[module_id]  # `before` is now what the file must read as
        if yaml.safe_load(updated) != before:
            raise refusal
    except yaml.YAMLError:
        raise refusal from None
    return updated


def _write(files: dict[Path, str]) -> None:
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _new_course(folder: Path, course_id: str, title: str) -> dict[Path, str]:
    from als_package.resources import templates_dir

    _check_id(course_id, "course")
    _check_title(title)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise Refused(f"{folder} already exists and is not an empty folder: name a new folder, such as 'als-build new course my-course'")
    course = Template((templates_dir() / "scaffold" / "course" / "course.yaml").read_text(encoding="utf-8")).substitute(
        course_id=course_id, course_title=json.dumps(title, ensure_ascii=False), module_folder=STARTER_MODULE
    )
    files = {folder / "course.yaml": course}
    for template in sorted((templates_dir() / "scaffold" / "course" / "ld").iterdir()):
        keys = LD_ENTRIES.get(template.name, ())
        entries = _ld_entry(template.name, STARTER_MODULE, "  " * len(keys)).rstrip("\n") if keys else ""
        files[folder / "ld" / template.name] = Template(template.read_text(encoding="utf-8")).substitute(entries=entries)
    files.update({folder / STARTER_MODULE / name: text for name, text in _module_files(STARTER_MODULE, _title_of(STARTER_MODULE)).items()})
    return files


def _with_module(course_yaml: Path, folder: str) -> str:
    """course.yaml's text with `folder` added at the end of its `modules:` list, comments and layout kept."""
    import yaml

    text = course_yaml.read_text(encoding="utf-8")
    updated = _appended(text, ("modules",), lambda indent: f"{indent}- {folder}\n")
    try:
        before = yaml.safe_load(text)["modules"]
        after = yaml.safe_load(updated)["modules"] if updated else None
    except (yaml.YAMLError, TypeError, KeyError):
        before = after = None
    if isinstance(before, list) and folder in before:
        raise Refused(f"{course_yaml}: '{folder}' is already listed under 'modules:'")
    if updated is None or not isinstance(before, list) or after != [*before, folder]:
        raise Refused(
            f"{course_yaml}: found no list of module folders under 'modules:' (one '- folder' per line) to add "
            f"'{folder}' to safely: add '  - {folder}' there yourself, then run the command again"
        )
    return updated


def _new_module(source: Path, module_id: str, title: str) -> dict[Path, str]:
    _check_id(module_id, "module")
    _check_title(title)
    course_yaml = source / "course.yaml"
    if not course_yaml.is_file():
        raise Refused(f"{source}: no course.yaml here: give the course folder with --source, or start one with 'als-build new course'")
    if (source / module_id).exists():
        raise Refused(f"{source / module_id} already exists: choose another module id, or remove that folder")
    files = {course_yaml: _with_module(course_yaml, module_id)}
    if (source / "ld").is_dir():  # the L&D toolkit needs an entry for every module
        for name in LD_ENTRIES:
            if not (source / "ld" / name).is_file():
                raise Refused(f"{source / 'ld' / name}: not found, and the L&D toolkit needs it: add it (docs/ld-pack.md), then run the command again")
            updated = _with_ld_entry(source / "ld" / name, module_id)
            if updated is not None:
                files[source / "ld" / name] = updated
    files.update({source / module_id / name: text for name, text in _module_files(module_id, title).items()})
    return files


@click.command(
    epilog="""
\b
Examples:
  als-build new course                     a course with one module in ./course_src
  als-build new course my-course --id giving-feedback --title "Giving feedback"
  als-build new module listening           a module folder in ./course_src, added to course.yaml
"""
)
@click.argument("kind", type=click.Choice(["course", "module"]))
@click.argument("name", required=False)
@click.option(
    "--source",
    type=click.Path(path_type=Path),
    default=Path("course_src"),
    show_default=True,
    help="new module: the course folder (holding course.yaml) to add it to.",
)
@click.option("--id", "course_id", default="my-course", show_default=True, help="new course: the course's id.")
@click.option("--title", help="The course's or module's title. Default: from its id.")
def command(kind: str, name: str | None, source: Path, course_id: str, title: str | None) -> None:
    """Start a course or a module from a documented skeleton.

    `new course [FOLDER]` writes a course with one module into FOLDER (default course_src);
    `new module ID` writes a module folder into the course (--source) and lists it in
    course.yaml. Every field is explained in a comment; the result passes `als-build check`
    and builds for every LMS target.
    """
    try:
        if kind == "course":
            folder = Path(name) if name else Path("course_src")
            files = _new_course(folder, course_id, title or _title_of(course_id))
        elif not name:
            raise Refused("name the new module's id: als-build new module ID (such as 'als-build new module giving-feedback')")
        else:
            folder = source / name
            files = _new_module(source, name, title or _title_of(name))
        _write(files)
    except Refused as refusal:
        click.echo(f"Error: {refusal}", err=True)
        click.echo("Nothing was written.", err=True)
        sys.exit(2)
    except OSError as error:
        click.echo(f"Error: could not write {error.filename}: {error.strerror}", err=True)
        sys.exit(2)
    course = source if kind == "module" else folder
    check = "als-build check" + ("" if course == Path("course_src") else f" --source {course}")
    outside = [str(path) for path in files if folder not in path.parents]
    listed = f" and added it to {', '.join(outside)}" if outside else ""
    written = len(files) - len(outside)
    click.echo(f"Wrote {written} files in {folder}{listed}. Edit them (each field is explained in a comment), then run '{check}'.")
