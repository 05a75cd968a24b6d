"""`als-build report`: what learners did, read from an LRS or a statement export.

The parts, one job each: `definitions` (the activities file the build wrote: names,
steps, questions), `sources` (statements from a file export or an LRS, as NDJSON on disk),
`engine` (DuckDB queries over those statements), `figures` (the numbers the report shows,
as plain data), `summary` (the paragraph in plain words), `charts` (inline SVG), `html`
and `export` (the outputs) and `synthetic` (a cohort of made-up learners for tests and
benchmarks). Free-text answers are never read: the engine selects a response only for
questions and Likert ratings.
"""
