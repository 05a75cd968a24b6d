"""The als-build subcommands beyond build and check, one module each, imported only when run.

`COMMANDS` maps a command's name to the module that defines it (a click command called
`command`) and its one-line help, so `als-build --help` lists them without importing any.
Adding a command = one module here + one line below.
"""

from __future__ import annotations

COMMANDS: dict[str, tuple[str, str]] = {
    "preview": ("als_package.commands.preview", "Play the course as an LMS or LRS would, with an inspector; reloads on edits."),
    "validate": ("als_package.commands.validate", "Check any SCORM 1.2/2004, xAPI or cmi5 zip: schemas, LMS rules, references, zip safety."),
    "diff": ("als_package.commands.diff", "Compare two releases: what would orphan learners' records on a re-upload."),
    "new": ("als_package.commands.new", "Start a course or a module from a documented skeleton."),
    "report": ("als_package.commands.report", "What learners did, from an LRS or a statement export, as one HTML report."),
}
