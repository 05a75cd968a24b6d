"""Reading a release (a package zip, or a source folder built in memory) and comparing two of them.

`read_release` gives each package's description (describe.py: the identifiers an LMS or LRS
files learners' records under, answer keys, mastery scores, saved-attempt layouts); `compare`
says which differences would break learners' records on a re-upload (compare.py).
"""

from als_package.release.compare import Finding, compare
from als_package.release.describe import ReleaseError
from als_package.release.read import read_release

__all__ = ["Finding", "ReleaseError", "compare", "read_release"]
