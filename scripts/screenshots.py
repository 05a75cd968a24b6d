"""Screenshots of the player for docs/ (docs/img/*.png): the start screen, a content step, the
quiz review, the course menu and the certificate, at desktop and phone widths, in the default
look and as the Acme brand (brands/acme.yaml).

Run from the repository root after `bash scripts/install-test-deps.sh`:

    python3 scripts/screenshots.py

It builds course_src/ as a single-SCO SCORM 1.2 package (the course menu) and plays it in
Debian's Chromium against scorm-again, with the browser tests' harness (tests/browser).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from als_package.brand import load_brand  # noqa: E402
from als_package.build import build  # noqa: E402
from als_package.targets import BuildOptions  # noqa: E402
from tests.browser import lms as lmsmod  # noqa: E402
from tests.browser.course import Learner, ModuleSource, module_folders  # noqa: E402

OUT = ROOT / "docs" / "img"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
LOOKS = {"default": None, "acme": ROOT / "brands" / "acme.yaml"}
SHOWN = "03-knowing-yourself"  # the module whose start screen, content and quiz are shown
LEARNER = ("learner-1", "Okafor, Amara")


def open_module(shell, module: ModuleSource) -> Learner:
    shell.click(f"button[data-open='{module.id}']")
    frame = shell.wait_for_selector("iframe#als-module-frame").content_frame()
    frame.wait_for_url(f"**/{module.id}/index.html")
    return Learner(frame).wait_ready()


def back_to_menu(shell) -> None:
    shell.click("#als-back")
    shell.wait_for_selector("#als-menu", state="visible")


def pass_module(shell, module: ModuleSource) -> None:
    learner = open_module(shell, module)
    learner.goto(learner.step_of_kind("quiz"))
    if learner.frame.is_visible("#als-quiz-retry"):
        learner.retry()
    learner.answer([q.right_answer() for q in module.questions])
    learner.submit()
    back_to_menu(shell)


def shoot(page, name: str) -> None:
    page.wait_for_timeout(150)  # fonts and the frame's layout settle
    page.screenshot(path=str(OUT / f"{name}.png"))
    print(f"  docs/img/{name}.png")


def take(page, lms, package, look: str, width: str) -> None:
    modules = [ModuleSource.load(f) for f in module_folders()]
    shown = next(m for m in modules if m.folder == SHOWN)
    attempt = lms.launch(package, sco=package.manifest.scos[0], student=LEARNER)
    shell = attempt.frame
    shell.wait_for_selector("[data-open]")
    for module in modules[:2]:
        pass_module(shell, module)
    learner = open_module(shell, shown)
    shoot(page, f"{look}-start-{width}")
    learner.goto(learner.steps()[2][0])  # a page in the middle of the module
    shoot(page, f"{look}-content-{width}")
    learner.goto(learner.step_of_kind("quiz"))
    answers = [q.right_answer() for q in shown.questions]
    answers[1] = shown.questions[1].wrong_answer()
    learner.answer(answers)
    learner.submit()
    learner.frame.evaluate("() => document.querySelector('#als-quiz-result').scrollIntoView({block: 'start'})")
    shoot(page, f"{look}-quiz-review-{width}")
    back_to_menu(shell)
    shoot(page, f"{look}-menu-{width}")
    for module in modules[2:]:
        pass_module(shell, module)
    shell.click("#als-certificate-open")
    shell.wait_for_selector("#als-certificate", state="visible")
    shoot(page, f"{look}-certificate-{width}")
    attempt.end()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    server = lmsmod.start_lms_server()
    try:
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
            browser = lmsmod.launch_chromium(playwright)
            for look, brand_file in LOOKS.items():
                options = BuildOptions(mode="single-sco", brand=load_brand(brand_file) if brand_file else None)
                result = build(ROOT / "course_src", Path(tmp) / look, ("scorm12",), options)
                package = lmsmod.open_package(server, result.written[0].path, Path(tmp) / f"{look}-open")
                for width, (w, h) in WIDTHS.items():
                    context = browser.new_context(viewport={"width": w, "height": h}, device_scale_factor=1)
                    page = context.new_page()
                    take(page, lmsmod.Lms(page, server), package, look, width)
                    context.close()
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
