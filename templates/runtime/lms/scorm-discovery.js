/* ADL's API discovery algorithm, shared by the SCORM adapters: look for the API object in
 * this window and its parents (at most 500 levels), then in the opener's chain. Loaded
 * before scorm12.js / scorm2004.js. */
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

  ALS.findScormApi = function (name) {
    var found = findIn(window, name);
    if (!found && window.opener) { found = findIn(window.opener, name); }
    return found;
  };
})(window.ALS);
