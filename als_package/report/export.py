"""The report's figures for other tools: one JSON document, or one CSV file per table.

Both carry exactly the numbers of the HTML report (they are written from the same Figures).
CSV files are UTF-8 with a header row, one per table: funnel, stops, step_times,
module_times, attempts, items, options and, when the course has one, self_assessment.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from als_package.report.figures import Figures


def as_json(figures: Figures, summary: str) -> str:
    return json.dumps({"summary": summary} | figures.as_dict(), indent=2, ensure_ascii=False) + "\n"


def tables(figures: Figures) -> dict[str, list[dict]]:
    c = figures.course_funnel
    found: dict[str, list[dict]] = {
        "funnel": [{"scope": "course", "title": c.title, "enrolled": c.enrolled, "started": c.started, "completed": c.completed, "passed": c.passed}],
        "stops": [],
        "step_times": [],
        "module_times": [],
        "attempts": [],
        "items": [],
        "options": [],
    }
    for m in figures.modules:
        f = m.funnel
        found["funnel"].append({"scope": m.key, "title": m.title, "enrolled": f.enrolled, "started": f.started, "completed": f.completed, "passed": f.passed})
        found["stops"] += [{"module": m.key, "step": s.position, "title": s.title, "reached": s.reached, "stopped": s.stopped} for s in m.stops]
        found["step_times"] += [
            {
                "module": m.key,
                "step": t.position,
                "title": t.title,
                "learners": t.seconds.count,
                "median_s": t.seconds.median,
                "q1_s": t.seconds.q1,
                "q3_s": t.seconds.q3,
            }
            for t in m.step_times
        ]
        t = m.module_time
        found["module_times"].append({"module": m.key, "learners": t.count, "median_s": t.median, "q1_s": t.q1, "q3_s": t.q3})
        found["attempts"] += [{"module": m.key, "attempt": k, "learners": v} for k, v in m.attempts.items()]
        for i in m.items:
            found["items"].append(
                {
                    "module": m.key,
                    "question": i.key,
                    "prompt": i.prompt,
                    "type": i.interaction,
                    "answers": i.answers,
                    "difficulty": i.difficulty,
                    "discrimination": i.discrimination,
                    "flags": "; ".join(i.flags),
                }
            )
            found["options"] += [
                {"module": m.key, "question": i.key, "option": o.label, "correct": o.correct, "chosen": o.chosen, "share": o.share} for o in i.options
            ]
    if figures.self_assessment:
        found["self_assessment"] = [
            {
                "statement": r.key,
                "text": r.text,
                "before_n": r.before_n,
                "before_mean": r.before_mean,
                "after_n": r.after_n,
                "after_mean": r.after_mean,
                "paired": r.paired,
                "change": r.change,
            }
            for r in figures.self_assessment
        ]
    return found


def write_csv(figures: Figures, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(figures).items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            if rows:
                writer = csv.DictWriter(f, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        written.append(path)
    return written
