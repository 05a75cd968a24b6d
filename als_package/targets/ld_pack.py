"""The L&D toolkit (`--target ld-pack`): not an LMS package but what an organisation's learning
team needs to run the course with people: a facilitator guide, a one-page manager conversation
guide per module, launch communications, an evaluation kit and every module's tool as a
fillable PDF. Each document is an HTML page and its PDF, from one source (docs/ld-pack.md).

Built only when asked for (`in_default_build = False`): printing some thirty PDFs takes seconds,
not the fraction of a second an LMS package does. WeasyPrint is imported only here, when it builds.
"""

from __future__ import annotations

from als_package.diagnostics import UsageProblem
from als_package.package import Package
from als_package.render import RenderedCourse
from als_package.targets.base import BuildOptions, Target


class LdPack(Target):
    name = "ld-pack"
    summary = "L&D toolkit: facilitator and manager guides, launch messages, evaluation kit, tools as fillable PDFs (HTML and PDF)"
    in_default_build = False

    def packages(self, rendered: RenderedCourse, options: BuildOptions) -> list[Package]:
        from als_package.ldpack.documents import contents_page, documents
        from als_package.ldpack.source import load_toolkit

        try:
            from als_package.ldpack.pdf import Printer
        except ImportError as error:  # an install without the dependency
            raise UsageProblem(
                f"--target ld-pack prints its PDFs with WeasyPrint, which is not installed ({error}): pip install weasyprint, or install als-package again"
            ) from error
        except OSError as error:  # WeasyPrint is there, the Pango library it needs is not
            raise UsageProblem(
                f"--target ld-pack prints its PDFs with WeasyPrint, which needs the Pango library ({error}): "
                "on Debian or Ubuntu, apt-get install libpango-1.0-0 (docs/ld-pack.md)"
            ) from error

        course = rendered.course
        found = documents(rendered, load_toolkit(options.source / "ld", course))
        package = Package(f"{course.id}-ld-pack.zip")
        package.add("index.html", contents_page(rendered, found))
        printer = Printer()
        for document in found:
            package.add(f"{document.path}.html", document.html)
            package.add(f"{document.path}.pdf", printer.pdf(printer.render(document.html, document.form), f"{course.id}/{document.path}"))
        return [package]

    def check(self, package: Package) -> list[str]:
        """Every page has its PDF and the contents page links to both (our bug if not)."""
        pages = sorted(p.removesuffix(".html") for p in package.files if p.endswith(".html") and p != "index.html")
        contents = package.files.get("index.html", b"").decode()
        return [
            f"{page}: {problem}"
            for page in pages
            for problem in ([f"no {page}.pdf"] if f"{page}.pdf" not in package.files else [])
            + ([] if f'href="{page}.html"' in contents and f'href="{page}.pdf"' in contents else ["not linked from index.html"])
        ]
