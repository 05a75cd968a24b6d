"""Reading course_src/: YAML and Markdown files in, a validated Course model out."""

from als_package.source.load import load_course

__all__ = ["load_course"]
