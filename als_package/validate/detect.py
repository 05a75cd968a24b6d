"""Which standard a zip holds, and which edition: the manifests it has and, for SCORM, <schemaversion>.

Moodle reads <schemaversion> with anchored patterns and treats anything else as SCORM 1.2
(mod/scorm/datamodels/scormlib.php), so an edition is only what the exact text says; the
manifest's namespace is the fallback when the text is missing or wrong, with a problem.
"""

from __future__ import annotations

from lxml import etree

from als_package.namespaces import IMSCP_12, IMSCP_2004
from als_package.validate.archive import Archive
from als_package.validate.report import Kind, Problem, Unusable
from als_package.validate.xmlfile import XmlFile

MANIFESTS = {"imsmanifest.xml": "scorm", "tincan.xml": "xapi", "cmi5.xml": "cmi5"}
SCHEMAVERSIONS = {"1.2": ("scorm12", None), "CAM 1.3": ("scorm2004", "2nd"), "2004 3rd Edition": ("scorm2004", "3rd"), "2004 4th Edition": ("scorm2004", "4th")}
STATED = ", ".join(f"'{v}'" for v in SCHEMAVERSIONS)
JUNK = ("__MACOSX/",)


def _base(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def _folder(name: str) -> str:
    return name.rsplit("/", 1)[0] + "/" if "/" in name else ""


def _no_manifest(archive: Archive) -> Unusable:
    zips = sorted(n for n in archive.names if n.lower().endswith(".zip"))
    hint = f": it holds {zips[0]}: validate or upload that zip instead" if len(zips) == 1 else ""
    return Unusable(f"holds no imsmanifest.xml, tincan.xml or cmi5.xml: it is not a SCORM, xAPI or cmi5 package{hint}")


def find_manifests(archive: Archive) -> tuple[str, list[tuple[str, str]], list[Problem]]:
    """The folder the package starts in ('' when right), its manifests as (kind, path), and the problems of where they are."""
    found = sorted((n for n in archive.names if _base(n).lower() in MANIFESTS and not n.startswith(JUNK)), key=lambda n: (n.count("/"), n))
    if not found:
        raise _no_manifest(archive)
    root = _folder(found[0])
    at_root = [n for n in found if _folder(n) == root]
    problems = []
    if root:
        everything_inside = all(n.startswith(root) or n.startswith(JUNK) for n in archive.names)
        if everything_inside and root.count("/") == 1:
            problems.append(
                Problem(
                    "zip",
                    f"the zip holds the folder '{root}' instead of its contents: LMSs look for the manifest at the zip's root: zip what is inside the folder",
                )
            )
        else:
            problems.append(Problem("zip", f"'{at_root[0]}' is not at the zip's root, where LMSs look for it"))
    for name in at_root:
        canonical = root + _base(name).lower()
        if name != canonical:
            problems.append(Problem("zip", f"'{name}' must be named '{_base(canonical)}' exactly: LMSs look for that name", name))
    tincans = [n for n in archive.names if _base(n).lower() == "tincan.xml"]
    if any(_base(n).lower() == "tincan.xml" for n in at_root) and len(tincans) > 1:
        problems.append(
            Problem("lms", f"the zip holds {len(tincans)} tincan.xml files ({', '.join(sorted(tincans))}): Cornerstone takes packages with exactly one")
        )
    return root, [(MANIFESTS[_base(n).lower()], n) for n in at_root], problems


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _metadata_text(root: etree._Element, name: str) -> str | None:
    for metadata in root:
        if _local(metadata) == "metadata":
            for child in metadata:
                if _local(child) == name:
                    return child.text or ""
    return None


def scorm_kind(xml: XmlFile) -> tuple[Kind, list[Problem], bool]:
    """The SCORM edition the manifest states, its problems, and whether the schemas can check it (namespace matches)."""
    namespace = etree.QName(xml.root).namespace
    stated = _metadata_text(xml.root, "schemaversion")
    problems = []
    if stated in SCHEMAVERSIONS:
        kind, edition = SCHEMAVERSIONS[stated]
    elif stated is not None and stated.strip() in SCHEMAVERSIONS:
        kind, edition = SCHEMAVERSIONS[stated.strip()]
        problems.append(
            Problem(
                "lms",
                f"<schemaversion>'s text '{stated}' has spaces or line breaks around it: Moodle compares it "
                f"exactly and reads the package as SCORM 1.2 otherwise: write '{stated.strip()}'",
                xml.path,
            )
        )
    else:
        kind, edition = ("scorm12", None) if namespace == IMSCP_12 else ("scorm2004", None)
        said = "has no <schemaversion>" if stated is None else f"<schemaversion> '{stated}' is none of {STATED}"
        problems.append(Problem("lms", f"{said}: Moodle reads such a package as SCORM 1.2", xml.path))
    expected = IMSCP_12 if kind == "scorm12" else IMSCP_2004
    checkable = namespace == expected
    if not checkable:
        problems.append(
            Problem(
                "schema",
                f"the root element is '{xml.root.tag}', but a {'SCORM 1.2' if kind == 'scorm12' else 'SCORM 2004'} manifest is <manifest xmlns=\"{expected}\">",
                xml.path,
                xml.root.sourceline,
            )
        )
    schema = _metadata_text(xml.root, "schema")
    if schema is not None and schema != "ADL SCORM":
        problems.append(Problem("lms", f"<schema> is '{schema}': write 'ADL SCORM'", xml.path))
    return Kind(kind, edition, xml.path), problems, checkable
