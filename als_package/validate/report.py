"""What `validate` finds: one Problem per line of the report, one Report per zip."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a package. `file` is a path inside the zip (None: the zip itself)."""

    check: str  # zip, kind, schema, lms, references
    message: str
    file: str | None = None
    line: int | None = None
    severity: str = ERROR

    def where(self) -> str:
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def as_json(self) -> dict:
        return {"severity": self.severity, "check": self.check, "file": self.file, "line": self.line, "message": self.message}


@dataclass(frozen=True)
class Kind:
    """A package standard found in the zip: scorm12, scorm2004, xapi or cmi5."""

    kind: str  # "scorm" when the manifest could not be read
    edition: str | None  # SCORM 2004: 2nd, 3rd, 4th, or None when the manifest does not say
    manifest: str  # the manifest's path inside the zip

    @property
    def label(self) -> str:
        if self.kind == "scorm12":
            return "SCORM 1.2"
        if self.kind == "scorm2004":
            return f"SCORM 2004 {self.edition} Edition" if self.edition else "SCORM 2004 (edition not stated)"
        return {"xapi": "xAPI (tincan.xml)", "cmi5": "cmi5", "scorm": "SCORM"}[self.kind]


class Unusable(Exception):
    """The input cannot be validated at all: not a zip, unreadable, or no manifest of any kind."""


@dataclass
class Report:
    path: str
    kinds: list[Kind] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unusable: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def status(self) -> int:
        """0 valid, 1 problems, 2 unusable: the exit status for this zip alone."""
        return 2 if self.unusable else 1 if self.errors else 0

    @property
    def label(self) -> str:
        return " + ".join(k.label for k in self.kinds) or "unknown kind"

    def as_json(self) -> dict:
        return {
            "path": self.path,
            "status": ["valid", "problems", "unusable"][self.status],
            "kinds": [{"kind": k.kind, "edition": k.edition, "manifest": k.manifest, "label": k.label} for k in self.kinds],
            "unusable": self.unusable,
            "problems": [p.as_json() for p in self.errors],
            "warnings": [p.as_json() for p in self.warnings],
        }
