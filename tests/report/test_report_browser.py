"""The HTML report in Chromium: it opens offline (no request but the file itself), every chart
renders with one bar per row of the table beside it and is labelled by that table's caption,
the page prints with its charts, and axe-core finds no violation at all."""

from __future__ import annotations

import pytest

from als_package.report.run import Request, make
from als_package.report.synthetic import cohort_from
from tests.browser.lms import AXE_JS

from .conftest import add_self_assessment

CHARTS_JS = """
() => Array.from(document.querySelectorAll('svg.chart')).map((svg) => {
  const box = svg.getBoundingClientRect();
  const caption = document.getElementById(svg.getAttribute('aria-labelledby'));
  const table = caption && caption.closest('table');
  return {
    width: box.width, height: box.height,
    bars: svg.querySelectorAll('rect').length,
    drawn: Array.from(svg.querySelectorAll('rect')).filter((r) => r.getBBox().width > 0).length,
    role: svg.getAttribute('role'),
    caption: caption ? caption.tagName : null,
    rows: table ? table.tBodies[0].rows.length : -1,
    beside: Boolean(table && table.parentElement === svg.parentElement),
  };
})
"""


@pytest.fixture(scope="module")
def report_file(xapi_build, tmp_path_factory):
    """A report over the two-module build of tests/lrs (a smaller page for axe), with a self-assessment."""
    folder = tmp_path_factory.mktemp("report-html")
    activities = add_self_assessment(xapi_build / "everybody-leads-xapi-activities.json", folder)
    cohort_from(activities, seed=21).write(folder / "statements.ndjson", 60)
    make(Request(activities, folder / "report.html", (folder / "statements.ndjson",)))
    return folder / "report.html"


def test_report_renders_offline_with_labelled_charts_and_passes_axe(chromium, report_file):
    context = chromium.new_context()
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report_file.as_uri())
        assert requests == [report_file.as_uri()]
        charts = page.evaluate(CHARTS_JS)
        assert len(charts) == 3 + 4 * 2  # course, overview, self-assessment; per module: funnel, stops, times, questions
        for chart in charts:
            assert chart["width"] > 200 and chart["height"] > 20, chart
            assert chart["role"] == "img" and chart["caption"] == "CAPTION" and chart["beside"], chart
        # One bar per table row (the self-assessment chart draws before and after for each row).
        assert all(c["bars"] in (c["rows"], 2 * c["rows"]) for c in charts), charts
        assert sum(c["drawn"] for c in charts) > sum(c["bars"] for c in charts) * 0.8
        assert page.locator("#summary").inner_text().startswith("60 learners enrolled")
        assert page.locator("#self-h").is_visible()

        page.add_script_tag(path=str(AXE_JS))
        violations = page.evaluate("""async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`)""")
        assert violations == []

        page.emulate_media(media="print")
        printed = page.evaluate(CHARTS_JS)
        assert all(c["width"] > 100 for c in printed)
        assert len(page.pdf()) > 10_000
    finally:
        context.close()
