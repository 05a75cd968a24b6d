"""Course model → every module rendered once per build (Markdown as HTML, the player's data),
then the HTML pages targets ask for with their adapters (one Jinja environment, autoescape on)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from als_package.brand import Brand
from als_package.i18n import Catalogue, load_catalogue
from als_package.markdown_html import render_markdown
from als_package.minify import minified
from als_package.model import Checkpoint, Course, Feedback, Item, Module, Prompt, Question, TextField, Tool
from als_package.resources import templates_dir
from als_package.state_budget import text_field_limit
from als_package.user_cache import user_cache


class _CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates (user_cache("templates"), keyed by each template's
    text): an author rebuilding many times a day compiles a template once per change, not once
    per build. A cache that cannot be written is no cache, never a failed build."""

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _template_cache() -> FileSystemBytecodeCache | None:
    folder = user_cache("templates")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # nowhere to keep them: compile every time
        return None
    return _CompiledTemplates(str(folder))


def _runtime_stylesheet() -> Markup:
    """The runtime's CSS as packages ship it, for a <style> in every page's head: a request for a
    stylesheet would hold back the page's first paint in the LMS frame (benchmarks/first_paint.py)."""
    return Markup(minified("style.css", (templates_dir() / "runtime" / "style.css").read_bytes()).decode("utf-8"))


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        bytecode_cache=_template_cache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    environment.globals["runtime_stylesheet"] = _runtime_stylesheet
    return environment


def _md(text: str, folder: str = "", inline: bool = False, sizes: dict[str, tuple[int, int]] | None = None) -> Markup:
    return Markup(render_markdown(text, folder, inline=inline, sizes=sizes))


# ---- what the page templates read: the module with its Markdown rendered ----


@dataclass(frozen=True)
class PageView:
    title: str
    html: Markup


@dataclass(frozen=True)
class ReflectionView:
    title: str
    intro_html: Markup
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True)
class StatementView:
    id: str  # as saved and reported: self-assessment.PHASE.ID
    text: str


@dataclass(frozen=True)
class SelfAssessmentView:
    """A step of the course self-assessment; the "after" step also compares with "before"."""

    phase: str
    title: str
    intro_html: Markup
    scale: tuple[str, ...]
    statements: tuple[StatementView, ...]
    compare: tuple[tuple[str, str], ...]  # "after" only: (statement text, its "before" id)


@dataclass(frozen=True)
class ToolView:
    id: str
    title: str
    kind: str
    kind_label: str
    intro_html: Markup
    items: tuple[Item, ...]
    scale: tuple[str, ...]
    statements: tuple[Item, ...]
    scoring_html: Markup
    fields: tuple[TextField, ...]


@dataclass(frozen=True)
class ChoiceView:
    id: str
    text_html: Markup
    feedback_html: Markup


@dataclass(frozen=True)
class PairView:
    id: str
    source_html: Markup


@dataclass(frozen=True)
class QuestionView:
    id: str
    type: str
    prompt_html: Markup
    choices: tuple[ChoiceView, ...]
    pairs: tuple[PairView, ...]
    shuffled_targets: list[tuple[int, str]]  # (target number, text) in a fixed order that is not the answer's
    items: tuple[Item, ...]
    shuffled_items: list[Item]
    feedback: Feedback | None
    feedback_correct_html: Markup
    feedback_incorrect_html: Markup


@dataclass(frozen=True)
class QuizView:
    title: str
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class Step:
    """One step the learner sees: a page, the reflection, the tool or the knowledge check."""

    kind: str
    id: str
    title: str
    item: PageView | ReflectionView | ToolView | SelfAssessmentView | QuizView


def _shuffled(question_id: str, values: list, key: Callable) -> list:
    """A fixed, source-derived order, so answers are not shown in their correct order and builds stay identical."""
    return sorted(values, key=lambda v: hashlib.sha256(f"{question_id}:{key(v)}".encode()).hexdigest())


def _question_view(question: Question) -> QuestionView:
    targets = list(enumerate(question.targets, start=1))
    feedback = question.feedback
    return QuestionView(
        id=question.id,
        type=question.type,
        prompt_html=_md(question.prompt, inline=True),
        choices=tuple(ChoiceView(c.id, _md(c.text, inline=True), _md(c.feedback, inline=True)) for c in question.choices),
        pairs=tuple(PairView(p.id, _md(p.source, inline=True)) for p in question.pairs),
        shuffled_targets=_shuffled(question.id, targets, key=lambda t: t[1]),
        items=question.items,
        shuffled_items=_shuffled(question.id, list(question.items), key=lambda i: i.id),
        feedback=feedback,
        feedback_correct_html=_md(feedback.correct, inline=True) if feedback else Markup(""),
        feedback_incorrect_html=_md(feedback.incorrect, inline=True) if feedback else Markup(""),
    )


def _tool_view(tool: Tool, t: Catalogue) -> ToolView:
    return ToolView(
        id=tool.id,
        title=tool.title,
        kind=tool.kind,
        kind_label=t(f"tool.{tool.kind}"),
        intro_html=_md(tool.intro),
        items=tool.items,
        scale=tool.scale,
        statements=tool.statements,
        scoring_html=_md(tool.scoring),
        fields=tool.fields,
    )


def _checkpoint_step(checkpoint: Checkpoint) -> Step:
    assessment = checkpoint.assessment
    texts = getattr(assessment, checkpoint.phase)
    before = checkpoint.model_copy(update={"phase": "before"})
    compare = tuple((s.text, before.statement_id(s)) for s in assessment.statements) if checkpoint.phase == "after" else ()
    view = SelfAssessmentView(
        checkpoint.phase,
        texts.title,
        _md(texts.intro),
        assessment.scale,
        tuple(StatementView(checkpoint.statement_id(s), s.text) for s in assessment.statements),
        compare,
    )
    return Step("self-assessment", checkpoint.step_id, texts.title, view)


def _steps(module: Module, t: Catalogue) -> list[Step]:
    steps = []
    before, after = module.checkpoint("before"), module.checkpoint("after")
    if before:
        steps.append(_checkpoint_step(before))
    if module.practice:
        p = module.practice
        steps.append(Step("practice", "practice", p.title, ReflectionView(p.title, _md(p.intro), p.prompts)))
    steps += [Step("page", p.id, p.title, PageView(p.title, _md(p.body, p.folder, sizes=module.image_sizes))) for p in module.pages]
    if module.reflection:
        r = module.reflection
        steps.append(Step("reflection", "reflection", r.title, ReflectionView(r.title, _md(r.intro), r.prompts)))
    if module.tool:
        steps.append(Step("tool", module.tool.id, module.tool.title, _tool_view(module.tool, t)))
    if after:
        steps.append(_checkpoint_step(after))
    if module.quiz:
        q = module.quiz
        steps.append(Step("quiz", "quiz", q.title, QuizView(q.title, tuple(_question_view(x) for x in q.questions))))
    return steps


def _launch_data(course: Course, unit_id: str, title: str, iri: str, mastery_score: float) -> dict:
    """What every page's data starts with, and all adapters read: the course, and as "module" the
    unit the LMS launches (a module page, or the whole course in the course menu), and the UI
    strings of the course's language the runtime shows (`ALS.t`)."""
    return {
        "course": {"id": course.id, "title": course.title, "iri": course.iri_base, "language": course.language},
        "module": {"id": unit_id, "title": title, "iri": iri, "masteryScore": mastery_score},
        "ui": load_catalogue(course.language).runtime(),
    }


def player_data(course: Course, module: Module, steps: list[Step] | None = None) -> dict:
    """What player.js needs: steps, answer keys and the ids adapters report with."""
    questions = module.quiz.questions if module.quiz else ()
    tool = module.tool
    return _launch_data(course, module.id, module.title, course.module_iri(module), module.mastery_score) | {
        "steps": [{"kind": s.kind, "id": s.id, "title": s.title} for s in steps or _steps(module, load_catalogue(course.language))],
        "questions": [_question_data(q) for q in questions],
        "checks": [i.id for i in tool.items] if tool else [],
        "likert": _likert_data(module),
        "compare": _compare_data(module),
        "scale": list(tool.scale) if tool else [],
        "texts": [{"id": f, "step": _text_step(module, f)} for f in module.text_fields],
        "textLimit": text_field_limit(module),
    }


def _likert_data(module: Module) -> list[dict]:
    """Every Likert statement in `module.likert_ids` order, with the step it is on and its scale's
    length; the course self-assessment's are marked `course` (docs/runtime.md)."""
    course = [
        {"id": c.statement_id(s), "text": s.text, "step": c.step_id, "scale": len(c.assessment.scale), "course": True}
        for c in module.checkpoints
        for s in c.assessment.statements
    ]
    tool = module.tool
    own = [{"id": s.id, "text": s.text, "step": tool.id, "scale": len(tool.scale)} for s in tool.statements] if tool else []
    return course + own


def _compare_data(module: Module) -> dict | None:
    """What the "after" step compares with: the module that holds "before" (this one, or another
    whose saved state the course menu can hand over), the statement ids and the scale's labels."""
    after = module.checkpoint("after")
    if after is None:
        return None
    before = after.model_copy(update={"phase": "before"})
    return {
        "firstModule": after.first_module,
        "scale": list(after.assessment.scale),
        "statements": [{"before": before.statement_id(s), "after": after.statement_id(s)} for s in after.assessment.statements],
    }


def _text_step(module: Module, field_id: str) -> str:
    """The kind of step a free-text field is on (practice, reflection or tool)."""
    for kind in ("practice", "reflection"):
        part = getattr(module, kind)
        if part and any(p.id == field_id for p in part.prompts):
            return kind
    return "tool"


def _question_data(question: Question) -> dict:
    return {
        "id": question.id,
        "type": question.type,
        "text": question.prompt,
        "choices": [c.id for c in question.choices],
        "pairs": [p.id for p in question.pairs],
        "targets": len(question.targets),
        "items": [i.id for i in question.items],
        "correct": question.correct_answer(),
        "shuffle": question.shuffle,
        "pinned": [c.id for c in question.choices if c.pin],
    }


@dataclass(frozen=True)
class ModulePage:
    """A module rendered once per build: its steps (Markdown as HTML), the page body they make
    (the same for every target) and the player's data."""

    steps: tuple[Step, ...]
    body: Markup
    data: dict


@dataclass(frozen=True)
class RenderedCourse:
    """The course with every module rendered; targets only add their adapters, data and files."""

    course: Course
    pages: dict[str, ModulePage]  # by module id
    t: Catalogue  # the UI strings of the course's language
    brand: Brand | None = None


def render_course(course: Course, brand: Brand | None = None) -> RenderedCourse:
    """Render every module's Markdown once, for all targets of a build (as `brand`'s edition, if given)."""
    course = brand.apply(course) if brand else course
    t = load_catalogue(course.language)
    pages = {}
    for module in course.modules:
        steps = _steps(module, t)
        body = (
            _environment()
            .get_template("pages/module_body.html.j2")
            .render(course=course, module=module, steps=steps, text_limit=text_field_limit(module), t=t, brand=brand)
        )
        pages[module.id] = ModulePage(tuple(steps), Markup(body), player_data(course, module, steps))
    return RenderedCourse(course, pages, t, brand)


def render_module(
    rendered: RenderedCourse, module: Module, adapters: tuple[str, ...], runtime_base: str = "../runtime/", extra_data: dict | None = None
) -> str:
    """The module's page; `extra_data` lets a target hand its adapter more (policy, activity definitions)."""
    template = _environment().get_template("pages/module.html.j2")
    page = rendered.pages[module.id]
    return template.render(
        course=rendered.course,
        module=module,
        body=page.body,
        brand=rendered.brand,
        player_data=page.data | (extra_data or {}),
        adapters=adapters,
        runtime_base=runtime_base,
    )


def render_course_shell(course: Course, adapters: tuple[str, ...], extra_data: dict | None = None, brand: Brand | None = None) -> str:
    """index.html of a single-SCO package: the module menu that hosts each module page in a frame."""
    shell = _launch_data(course, course.id, course.title, course.iri_base, course.mastery_score) | {
        "modules": [
            {
                "id": m.id,
                "title": m.title,
                "href": f"{m.id}/index.html",
                "masteryScore": m.mastery_score,
                "steps": len(m.step_kinds),
                "hasQuiz": m.quiz is not None,
                "texts": len(m.text_fields),
            }
            for m in course.modules
        ],
    }
    template = _environment().get_template("pages/course.html.j2")
    return template.render(
        course=course, adapters=adapters, runtime_base="runtime/", shell_data=shell | (extra_data or {}), t=load_catalogue(course.language), brand=brand
    )


def render_certificate_page(course: Course, adapters: tuple[str, ...], outcomes: list[dict], brand: Brand | None = None) -> str:
    """The certificate SCO of a sequenced SCORM 2004 package: the course menu's certificate once
    every module is done, else the modules still to do. `outcomes` says, per module, the objective
    through which the LMS hands the SCO its outcome (docs/certificate.md)."""
    t = load_catalogue(course.language)
    data = _launch_data(course, "certificate", t("certificate.heading"), course.iri_base, course.mastery_score) | {"certificate": outcomes}
    template = _environment().get_template("pages/certificate.html.j2")
    return template.render(course=course, adapters=adapters, runtime_base="runtime/", page_data=data, t=t, brand=brand)
