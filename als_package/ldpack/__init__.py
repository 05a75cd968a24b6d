"""The L&D toolkit (`--target ld-pack`): what an organisation's learning team needs to run the
course with people, built from course_src/ld/ and the modules themselves.

`source` reads and checks course_src/ld/, `documents` turns it and the course into printable
HTML pages (one Jinja environment, autoescape on), and `pdf` prints each page with WeasyPrint.
Nothing here is imported until the target builds: WeasyPrint is slow to import.
"""
