/* SCORM 1.2 adapter (ADL SCORM 1.2 Run-Time Environment, sections 3.3 and 3.4).
 * Value formats follow the SCORM 1.2 data model: single-character response identifiers,
 * CMITimespan for latency and session time, CMITime for interaction time. */
(function (ALS) {
  "use strict";

  var FORMATS = ALS.questions.scorm12;
  var api = null;
  var reviewOnly = false;

  /* Every API function takes "" or (element[, value]); a throwing LMS counts as a failed call. */
  function call(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    try {
      return String(api[name].apply(api, args.length ? args : [""]));
    } catch (e) {
      return "false";
    }
  }

  function get(element) { return call("LMSGetValue", element); }
  function set(element, value) { return call("LMSSetValue", element, String(value)) === "true"; }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) { s = "0" + s; }
    return s;
  }

  /* CMITimespan: HHHH:MM:SS.SS */
  function timespan(seconds) {
    var centis = Math.round(seconds * 100);
    var h = Math.floor(centis / 360000);
    var m = Math.floor((centis % 360000) / 6000);
    var s = (centis % 6000) / 100;
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(s.toFixed(2), 5);
  }

  /* CMITime: HH:MM:SS, in the learner's local time. */
  function clock(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  /* A response (or correct answer) in the player's terms → SCORM 1.2's format for its type. */
  function format(x, value) {
    return FORMATS[x.type].format(x.question, value);
  }

  var startedAt = new Date();
  var SCORE_AFTER_STATUS_MS = 1500;
  var pendingScore = null;  // a score waiting for its status to reach the LMS first
  var scoreTimer = null;
  var statusCommittedAt = 0;

  function writeScore(score) {
    if (score === null) { return; }
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", score);
  }

  /* True when a waiting score was written now. */
  function writePendingScore() {
    clearTimeout(scoreTimer);
    if (pendingScore === null) { return false; }
    writeScore(pendingScore);
    pendingScore = null;
    return true;
  }

  ALS.adapters.push({
    name: "scorm12",
    suspendLimit: 4096,
    connect: function () {
      api = ALS.findScormApi("API");
      if (!api || call("LMSInitialize") !== "true") { api = null; return false; }
      reviewOnly = get("cmi.core.lesson_mode") === "review";
      this.learnerName = get("cmi.core.student_name");  // shown on the certificate only
      return true;
    },
    resume: function () {
      var entry = get("cmi.core.entry");
      var saved = get("cmi.suspend_data");
      return (entry === "resume" || (entry === "" && saved)) ? saved : null;
    },
    saveProgress: function (location, suspendData) {
      set("cmi.core.lesson_location", location);
      set("cmi.suspend_data", suspendData);
    },
    /* Moodle computes activity completion only when a score arrives, stores a commit's score
     * before its status, and (once a module has been left by its contents list) commits by
     * beacons that may be handled out of order. So a new status is committed on its own and
     * the score follows in a later commit (docs/lms/moodle.md). */
    reportOutcome: function (outcome) {
      if (reviewOnly) { return; }
      if (get("cmi.core.lesson_status") !== outcome.status && set("cmi.core.lesson_status", outcome.status)) {
        call("LMSCommit");
        statusCommittedAt = Date.now();
        pendingScore = ALS.scormScore(outcome);
        clearTimeout(scoreTimer);
        scoreTimer = setTimeout(function () { if (writePendingScore()) { call("LMSCommit"); } }, SCORE_AFTER_STATUS_MS);
        return;
      }
      if (pendingScore !== null) { pendingScore = ALS.scormScore(outcome); } else { writeScore(ALS.scormScore(outcome)); }
    },
    recordInteraction: function (x) {
      var n = get("cmi.interactions._count");
      var base = "cmi.interactions." + (Number(n) || 0) + ".";
      set(base + "id", x.module + "." + x.id);
      set(base + "type", FORMATS[x.type].type);
      set(base + "time", clock(x.timestamp));
      if (x.correct !== undefined) { set(base + "correct_responses.0.pattern", format(x, x.correct)); }
      set(base + "student_response", format(x, x.response));
      set(base + "result", x.result === null ? "neutral" : (x.result ? "correct" : "wrong"));
      set(base + "latency", timespan(x.latency));
    },
    commit: function () {
      return call("LMSCommit") === "true";
    },
    /* No LMSCommit here: finish runs while the page is dismissed, where browsers refuse the
     * synchronous request an LMS may commit with; LMSFinish persists everything by the standard.
     * A learner who leaves just after passing would send the score right behind its status, and
     * Moodle's parallel beacon handling could store the score first and miss the completion:
     * so the score still waits out its delay, holding the page for at most that long. */
    finish: function (finished) {
      set("cmi.core.exit", finished ? "" : "suspend");
      set("cmi.core.session_time", timespan((new Date() - startedAt) / 1000));
      while (pendingScore !== null && Date.now() - statusCommittedAt < SCORE_AFTER_STATUS_MS) { /* wait */ }
      writePendingScore();
      call("LMSFinish");
    }
  });
})(window.ALS);
