"""LMS profiles: tested defaults for where the packages will be uploaded (see docs/lms/).

A profile picks the standard, packaging mode and status semantics; any option given
explicitly on the command line still wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from als_package.diagnostics import UsageProblem
from als_package.targets import default_targets
from als_package.targets.base import MODES, BuildOptions, FailedWhileRetrying, Mode

__all__ = ["MODES", "PROFILES", "BuildPlan", "Mode", "Profile", "plan_build"]


@dataclass(frozen=True)
class Profile:
    name: str
    targets: tuple[str, ...]  # empty: every target
    mode: Mode
    failed_while_retrying: FailedWhileRetrying  # see BuildOptions
    # Packaging for SCORM 2004 builds when it must differ from `mode`, with the reason.
    scorm2004_mode: Mode | None = None
    scorm2004_reason: str = ""

    def mode_for(self, targets: tuple[str, ...]) -> Mode:
        """The packaging mode for these targets: SCORM 2004 alone may need its own."""
        if self.scorm2004_mode and targets and all(t.startswith("scorm2004") for t in targets):
            return self.scorm2004_mode
        return self.mode

    def options(self, mode: Mode | None = None, sequencing: bool = False) -> BuildOptions:
        """Build options with this profile's status semantics (and its mode unless `mode` is given)."""
        return BuildOptions(mode=mode or self.mode, sequencing=sequencing, failed_while_retrying=self.failed_while_retrying)

    def warning_for(self, targets: tuple[str, ...], mode: Mode) -> str | None:
        """What an admin should know when an explicit mode overrides a SCORM 2004 rule."""
        if self.scorm2004_mode and mode != self.scorm2004_mode and any(t.startswith("scorm2004") for t in targets):
            return self.scorm2004_reason
        return None


PROFILES: dict[str, Profile] = {
    # Every standard, one SCO per module, plain SCORM semantics.
    "generic": Profile("generic", (), "course", "failed"),
    # Moodle plays SCORM 1.2 fully; its table of contents tracks and grades each module's SCO.
    # In SCORM 2004 its player cannot start a second SCO in one visit (measured in Moodle 4.3:
    # Initialize fails with 104), so a 2004 package for Moodle is one SCO.
    "moodle": Profile(
        "moodle",
        ("scorm12",),
        "course",
        "failed",
        scorm2004_mode="single-sco",
        scorm2004_reason="Moodle starts only one SCORM 2004 SCO per visit: with one SCO per module, learners "
        "must leave and reopen the activity for each module (docs/lms/moodle.md). --mode single-sco avoids it.",
    ),
    # Cornerstone documents SCORM 2004 3rd edition and reports it best; one SCO is the most
    # portable form, and a SCORM 1.2 "failed" would block the learner, so keep incomplete.
    "cornerstone": Profile("cornerstone", ("scorm2004-3rd",), "single-sco", "incomplete"),
}


@dataclass(frozen=True)
class BuildPlan:
    targets: tuple[str, ...]
    options: BuildOptions
    note: str | None  # what an admin should know about the chosen packaging


def plan_build(profile: str, targets: tuple[str, ...], mode: Mode | None, per_module: bool, sequencing: bool) -> BuildPlan:
    """What to build from the command line's choices: explicit options win over the profile's
    defaults; combinations no package can honour are usage problems."""
    chosen = PROFILES[profile]
    if per_module and mode not in (None, "per-module"):
        raise UsageProblem("--per-module and --mode say different things: give one of them")
    targets = targets or chosen.targets or default_targets()
    options = chosen.options("per-module" if per_module else mode or chosen.mode_for(targets), sequencing)
    if sequencing and (targets != ("scorm2004-4th",) or options.mode != "course"):
        raise UsageProblem("--sequencing only applies to the SCORM 2004 4th edition course package: build it alone, with --target scorm2004-4th --mode course")
    return BuildPlan(targets, options, chosen.warning_for(targets, options.mode))
