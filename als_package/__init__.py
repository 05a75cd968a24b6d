"""ALS Course Packager: course source in, LMS packages out."""

__version__ = "0.1.0"
