/* ISO 8601 durations, as SCORM 2004 (cmi.session_time, latency) and xAPI (result.duration)
 * both want them: at most two decimals on the seconds (Moodle and XAPI-NOTES allow no more). */
(function (ALS) {
  "use strict";

  ALS.isoDuration = function (seconds) {
    var centis = Math.max(0, Math.round(seconds * 100));
    var h = Math.floor(centis / 360000);
    var m = Math.floor((centis % 360000) / 6000);
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + (centis % 6000) / 100 + "S";
  };
})(window.ALS);
