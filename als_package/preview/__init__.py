"""`als-build preview`: the course played as an LMS or LRS would, with an inspector beside it.

- `site.py` builds the chosen target in memory, re-rendering only the modules that changed;
- `units.py` reads what an LMS would launch from each package's manifest;
- `store.py` is the built-in statement store (xAPI resources, cmi5 fetch URLs and launches),
  `statements.py` the problems it marks on each statement;
- `server.py` serves the frame page, the packages and the store on 127.0.0.1;
- `watch.py` rebuilds on a change in the source and tells the page to reload.
"""
