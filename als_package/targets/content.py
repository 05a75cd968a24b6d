"""What every target puts in a package besides its manifest: module pages, assets, the runtime, schemas."""

from __future__ import annotations

from pathlib import Path

from als_package.minify import minified
from als_package.model import Course, Module
from als_package.package import Package
from als_package.render import RenderedCourse, render_certificate_page, render_course_shell, render_module
from als_package.resources import templates_dir

CORE_RUNTIME = ("als.js", "player.js", "questions.js", "quiz.js", "state.js")  # style.css is inline in every page (render.py)
SHELL_RUNTIME = ("course.js", "lms/shell.js")
MODULE_IN_SHELL_ADAPTERS = ("shell", "standalone")


def package_groups(course: Course, per_module: bool) -> list[tuple[str, tuple[Module, ...]]]:
    """(package identifier, its modules): one package per module, or one for the course."""
    if per_module:
        return [(f"{course.id}-{m.id}", (m,)) for m in course.modules]
    return [(course.id, course.modules)]


def module_folder(module: Module) -> str:
    return module.id


def launch_path(module: Module) -> str:
    return f"{module_folder(module)}/index.html"


def add_module(package: Package, rendered: RenderedCourse, module: Module, adapters: tuple[str, ...], extra_data: dict | None = None) -> list[str]:
    """Add a module's page and assets; return their archive paths in order."""
    paths = [launch_path(module)]
    package.add(paths[0], render_module(rendered, module, adapters, extra_data=extra_data))
    for asset in module.assets:
        path = f"{module_folder(module)}/{asset.path}"
        package.add(path, Path(asset.source).read_bytes())
        paths.append(path)
    return paths


def add_course_shell(
    package: Package, rendered: RenderedCourse, adapters: tuple[str, ...], extra_data: dict | None = None, shell_data: dict | None = None
) -> list[str]:
    """Add index.html, the course menu that hosts every module (talking to the LMS through
    `adapters`), and every module page; return the archive paths, index.html first.
    `extra_data` goes to every page, `shell_data` to the menu only (it alone talks to the LMS)."""
    package.add("index.html", render_course_shell(rendered.course, adapters, extra_data=(extra_data or {}) | (shell_data or {}), brand=rendered.brand))
    paths = ["index.html"]
    for module in rendered.course.modules:
        paths += add_module(package, rendered, module, MODULE_IN_SHELL_ADAPTERS, extra_data)
    return paths


CERTIFICATE_PAGE = "certificate.html"
CERTIFICATE_SCRIPT = "runtime/certificate.js"


def add_certificate(package: Package, rendered: RenderedCourse, adapters: tuple[str, ...], outcomes: list[dict]) -> list[str]:
    """Add the certificate SCO of a sequenced SCORM 2004 package (its page at the root, where no
    module folder can be, and its script); return their archive paths, the page first.
    `outcomes`: per module, the objective through which the LMS hands the SCO its outcome."""
    package.add(CERTIFICATE_PAGE, render_certificate_page(rendered.course, adapters, outcomes, brand=rendered.brand))
    package.add(CERTIFICATE_SCRIPT, minified("certificate.js", (templates_dir() / CERTIFICATE_SCRIPT).read_bytes()))
    return [CERTIFICATE_PAGE, CERTIFICATE_SCRIPT]


def add_runtime(package: Package, adapters: tuple[str, ...], shell: bool = False) -> list[str]:
    """Add the player and the named adapters (and the course shell's files), minified; return their archive paths."""
    root = templates_dir() / "runtime"
    names = sorted(set(CORE_RUNTIME) | {f"lms/{a}.js" for a in adapters} | (set(SHELL_RUNTIME) | {"lms/standalone.js"} if shell else set()))
    for name in names:
        package.add(f"runtime/{name}", minified(name, (root / name).read_bytes()))
    return [f"runtime/{name}" for name in names]


def add_schemas(package: Package, schema_set: str) -> list[str]:
    """Put the standard's schema files (templates/schemas/<schema_set>) at the zip root, where
    the manifest's xsi:schemaLocation names them; return their archive paths."""
    root = templates_dir() / "schemas" / schema_set
    if not root.is_dir():
        raise FileNotFoundError(f"schemas for {schema_set} are missing from {root.parent}: the installation is incomplete")
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    for path in paths:
        package.add(path, (root / path).read_bytes())
    return paths
