"""The toolkit's pages as HTML: one page per document, each printable on its own (styles inline,
so a page can be sent or printed alone) and the same HTML WeasyPrint turns into its PDF.

What a module already says (title, summary, objectives, its tool) comes from the rendered course;
what only the toolkit says comes from course_src/ld/ (`source.Toolkit`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from als_package.brand import Brand
from als_package.ldpack.source import Toolkit
from als_package.markdown_html import render_markdown
from als_package.model import Module
from als_package.render import RenderedCourse, ToolView
from als_package.resources import templates_dir

GUIDES = "Guides for running the series"
MANAGERS = "Manager conversation guides, one per module"
TOOLS = "Leadership tools, one per module"


@dataclass(frozen=True)
class Document:
    """One page of the toolkit: `path` without extension names both its .html and its .pdf."""

    path: str
    title: str
    group: str
    html: str
    form: bool = False  # a tool: its PDF gets form fields


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md"] = lambda text: Markup(render_markdown(text))
    env.filters["inline"] = lambda text: Markup(render_markdown(text, inline=True))
    return env


@cache
def _css() -> Markup:
    return Markup((templates_dir() / "ld" / "ld.css").read_text(encoding="utf-8"))


def _brand_css(brand: Brand | None) -> Markup:
    """The brand's colours and font as the custom properties ld.css reads: the toolkit is branded
    like the packages. brand.py has checked every value (hex colours, a font list without
    anything that could leave the CSS value)."""
    if brand is None:
        return Markup("")
    return Markup(f":root{{--brand-primary:{brand.primary};--brand-accent:{brand.accent};--brand-text:{brand.text};--brand-font:{brand.font}}}")


def _page(template: str, path: str, title: str, rendered: RenderedCourse, **context: object) -> str:
    context.setdefault("home", "../" * path.count("/") + "index.html")
    return (
        _environment()
        .get_template(f"ld/{template}.html.j2")
        .render(course=rendered.course, title=title, css=_css(), brand=rendered.brand, brand_css=_brand_css(rendered.brand), **context)
    )


def _tool_view(rendered: RenderedCourse, module: Module) -> ToolView | None:
    return next((s.item for s in rendered.pages[module.id].steps if isinstance(s.item, ToolView)), None)


def documents(rendered: RenderedCourse, toolkit: Toolkit) -> list[Document]:
    """Every document of the toolkit, in the order the contents page lists them."""
    modules = list(enumerate(rendered.course.modules, start=1))
    found: list[Document] = []

    def add(template: str, path: str, title: str, group: str, form: bool = False, **context: object) -> None:
        found.append(Document(path, title, group, _page(template, path, title, rendered, **context), form))

    add(
        "facilitator",
        "facilitator-guide",
        toolkit.facilitator.title,
        GUIDES,
        guide=toolkit.facilitator,
        modules=[(n, m, toolkit.facilitator.modules[m.id], _tool_view(rendered, m)) for n, m in modules],
    )
    add("communications", "launch-communications", toolkit.communications.title, GUIDES, comms=toolkit.communications)
    add(
        "evaluation",
        "evaluation-kit",
        toolkit.evaluation.title,
        GUIDES,
        kit=toolkit.evaluation,
        behaviour=[(n, m, toolkit.evaluation.behaviour.modules[m.id]) for n, m in modules],
    )
    for number, module in modules:
        add(
            "manager",
            f"managers/{module.id}",
            f"Module {number}: {module.title}",
            MANAGERS,
            number=number,
            module=module,
            intro=toolkit.managers.intro,
            guide=toolkit.managers.modules[module.id],
            tool=_tool_view(rendered, module),
        )
    for number, module in modules:
        tool = _tool_view(rendered, module)
        if tool is not None:
            add("tool", f"tools/{module.id}", tool.title, TOOLS, form=True, number=number, module=module, tool=tool)
    return found


def contents_page(rendered: RenderedCourse, found: list[Document]) -> str:
    """index.html: every document, grouped, with links to its page and its PDF."""
    groups = [(group, [d for d in found if d.group == group]) for group in (GUIDES, MANAGERS, TOOLS)]
    return _page("index", "index", f"{rendered.course.title}: L&D toolkit", rendered, groups=groups, home=None)
