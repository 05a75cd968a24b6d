"""Inline SVG charts: horizontal bars, and bars with a spread, drawn without any library.

Each chart is an `<svg role="img">` labelled by the caption of the table beside it, which
holds the same numbers (the table is what a screen reader reads and what prints exactly).
Sizes are in viewBox units so a chart scales with the page; colours come from the report's
CSS classes, so print and high-contrast styles apply. Every label is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH = 640
LABEL = 240  # width of the label column
ROW = 26
VALUE = 100  # room for the value text after the bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown
    css: str = "bar"
    low: float | None = None  # a spread (first and third quartile) drawn across the bar
    high: float | None = None


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bars(bars: list[Bar], labelled_by: str, scale: float | None = None) -> Markup:
    """One row per bar; `scale` is the value of a full-width bar (default: the largest)."""
    top = scale or max([b.high or b.value for b in bars] + [1e-9])
    span = WIDTH - LABEL - VALUE
    height = ROW * len(bars) + 8
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{escape(labelled_by)}" '
        f'preserveAspectRatio="xMinYMin meet" focusable="false">'
    ]
    for i, b in enumerate(bars):
        y = 4 + i * ROW
        length = max(0.0, min(1.0, b.value / top)) * span
        parts.append(f'<text class="label" x="{LABEL - 8}" y="{y + 16}" text-anchor="end">{escape(_short(b.label))}</text>')
        parts.append(f'<rect class="{escape(b.css)}" x="{LABEL}" y="{y + 3}" width="{length:.1f}" height="{ROW - 8}" rx="2"/>')
        if b.low is not None and b.high is not None:
            x1, x2 = LABEL + min(1.0, b.low / top) * span, LABEL + min(1.0, b.high / top) * span
            parts.append(f'<line class="spread" x1="{x1:.1f}" x2="{x2:.1f}" y1="{y + ROW / 2 - 1}" y2="{y + ROW / 2 - 1}"/>')
            end = x2
        else:
            end = LABEL + length
        parts.append(f'<text class="value" x="{end + 6:.1f}" y="{y + 16}">{escape(b.text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
