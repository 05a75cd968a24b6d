/* Shared by the SCORM adapters, loaded before scorm12.js / scorm2004.js: ADL's API discovery
 * algorithm (look for the API object in this window and its parents, at most 500 levels, then
 * in the opener's chain) and the score they report. */
(function (ALS) {
  "use strict";

  function findIn(win, name) {
    var tries = 0;
    try {
      while (!win[name] && win.parent && win.parent !== win) {
        if (++tries > 500) { return null; }
        win = win.parent;
      }
      return win[name] || null;
    } catch (e) {
      return null;  // a parent from another origin: no API reachable this way
    }
  }

  /* The score a SCORM adapter reports: a module without a knowledge check scores 100 once it
   * is completed, because Moodle computes activity completion only when a score arrives
   * (docs/lms/moodle.md). Null: no score to report yet. */
  ALS.scormScore = function (outcome) {
    return outcome.score === null && outcome.status === "completed" ? 100 : outcome.score;
  };

  ALS.findScormApi = function (name) {
    var found = findIn(window, name);
    if (!found && window.opener) { found = findIn(window.opener, name); }
    return found;
  };
})(window.ALS);
