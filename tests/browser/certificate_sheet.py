"""What every certificate page shows and prints, whichever package holds it (the course menu's,
or the sequenced SCORM 2004 package's certificate item)."""

from __future__ import annotations

import datetime


def assert_sheet(frame, name: str, course_title: str) -> None:
    """The learner's name as the LMS gave it, the course, today's date and the brand's logo, loaded."""
    assert frame.inner_text("#als-certificate-name") == name
    assert frame.inner_text(".als-certificate-course") == course_title
    today = datetime.date.today()
    assert frame.inner_text("#als-certificate-date") == f"Completed on {today.day} {today.strftime('%B %Y')}"
    assert frame.evaluate("() => document.querySelector('.als-certificate-sheet .als-logo').naturalWidth") > 0


def assert_printed_alone(page, frame, other_parts: tuple[str, ...]) -> None:
    """In print, the certificate sheet shows and `other_parts` (and its buttons) do not; a PDF is made."""
    parts = [*other_parts, ".als-certificate-actions", ".als-certificate-sheet"]
    page.emulate_media(media="print")
    try:
        shown = frame.evaluate(
            "(parts) => parts.map((s) => getComputedStyle(document.querySelector(s)).display !== 'none' && !document.querySelector(s).closest('[hidden]'))",
            parts,
        )
        assert shown == [False] * (len(parts) - 1) + [True], "only the certificate is printed"
        assert page.pdf()[:4] == b"%PDF"
    finally:
        page.emulate_media(media="screen")
