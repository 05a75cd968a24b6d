"""The report as one self-contained HTML file: styles inline, charts as inline SVG, no script,
no font or image from elsewhere, so it opens offline, prints, and can be mailed as is.

Jinja2 (autoescape on) renders templates/report/report.html.j2; this module prepares the
charts and the rows of the tables from the figures, so the template only lays them out.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from als_package.report.charts import Bar, bars
from als_package.report.figures import Figures, Funnel, ModuleFigures
from als_package.resources import templates_dir


def _funnel_chart(funnel: Funnel, labelled_by: str) -> Markup:
    stages = [("Enrolled", funnel.enrolled), ("Started", funnel.started), ("Completed", funnel.completed)]
    if funnel.passed is not None:
        stages.append(("Passed", funnel.passed))
    top = funnel.enrolled or 1
    return bars([Bar(name, n, f"{n} ({n / top:.0%})", f"bar stage-{i}") for i, (name, n) in enumerate(stages)], labelled_by, top)


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds / 60:.1f} min" if seconds >= 90 else f"{seconds:.0f} s"


def _module_view(number: int, m: ModuleFigures) -> dict:
    ident = f"m{number}"
    started = m.funnel.started or 1
    return {
        "number": number,
        "id": ident,
        "figures": m,
        "funnel_chart": _funnel_chart(m.funnel, f"{ident}-funnel"),
        "stops_chart": bars(
            [Bar(f"{s.position}. {s.title}", s.reached, f"{s.reached} ({s.reached / started:.0%})", "bar reached") for s in m.stops], f"{ident}-stops", started
        )
        if m.stops and m.funnel.started
        else None,
        "times_chart": bars(
            [Bar(f"{t.position}. {t.title}", t.seconds.median or 0, _minutes(t.seconds.median), "bar time", t.seconds.q1, t.seconds.q3) for t in m.step_times],
            f"{ident}-times",
        )
        if any(t.seconds.count for t in m.step_times)
        else None,
        "items_chart": bars(
            [
                Bar(i.key, i.difficulty or 0, f"{i.difficulty:.0%}" if i.difficulty is not None else "–", "bar flagged" if i.flags else "bar item")
                for i in m.items
            ],
            f"{ident}-items",
            1.0,
        )
        if any(i.answers for i in m.items)
        else None,
    }


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir() / "report")),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["minutes"] = _minutes
    env.filters["percent"] = lambda v: "–" if v is None else f"{v:.0%}"
    env.filters["number"] = lambda v: "–" if v is None else f"{v:.2f}"
    return env


def render(figures: Figures, summary: str, source: str, filters: list[str]) -> str:
    env = _environment()
    css = (templates_dir() / "report" / "report.css").read_text(encoding="utf-8")
    top = figures.course_funnel.enrolled or 1
    ratings_chart = None
    if figures.self_assessment:
        rows = []
        for r in figures.self_assessment:
            points = len(r.scale) or 5
            rows.append(Bar(f"Before: {r.text}", r.before_mean or 0, "–" if r.before_mean is None else f"{r.before_mean:.1f} / {points}", "bar before"))
            rows.append(Bar(f"After: {r.text}", r.after_mean or 0, "–" if r.after_mean is None else f"{r.after_mean:.1f} / {points}", "bar after"))
        ratings_chart = bars(rows, "self-assessment", max(len(r.scale) or 5 for r in figures.self_assessment))
    return env.get_template("report.html.j2").render(
        f=figures,
        summary=summary,
        source=source,
        filters=filters,
        css=Markup(css),
        course_chart=_funnel_chart(figures.course_funnel, "course-funnel"),
        overview_chart=bars(
            [
                Bar(f"{n}. {m.title}", m.funnel.started, f"{m.funnel.started} ({m.funnel.started / top:.0%})", "bar reached")
                for n, m in enumerate(figures.modules, start=1)
            ],
            "overview",
            top,
        ),
        modules=[_module_view(n, m) for n, m in enumerate(figures.modules, start=1)],
        ratings_chart=ratings_chart,
    )
