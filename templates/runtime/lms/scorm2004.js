/* SCORM 2004 adapter, 3rd and 4th edition (ADL SCORM 2004 Run-Time Environment: the API and
 * its data model; the Sequencing and Navigation book for adl.nav.request).
 *
 * Identifiers are written as letters, digits, "_" and "." only: Moodle checks choice,
 * matching, sequencing and likert responses against ^[\w.]{1,250}$, stricter than the spec.
 * Source ids already fit; module ids contain "-", which becomes "_" (module ids never contain
 * "_", so the mapping is one to one). See docs/runtime.md, "SCORM 2004 behaviour". */
(function (ALS) {
  "use strict";

  var api = null;          // null before Initialize and after Terminate: nothing is sent then
  var reviewOnly = false;
  var language = "en";
  var moduleKey = "";
  var startedAt = new Date();
  var sent = {};           // element -> value last set, so statuses are only written on change
  var objectives = [];     // cmi.objectives indexes of the module's learning objectives
  var navigation = { previous: false, "continue": false };  // a neighbouring SCO in this package
  var navRequest = null;   // "continue" / "previous", sent just before Terminate
  var interactionIndex = {};  // interaction id -> its index in cmi.interactions
  var compact = false;     // the one SCO of a single-SCO package: short interaction records

  function call(name, args, failed) {
    if (!api) { return failed; }
    try {
      return String(api[name].apply(api, args));
    } catch (e) {
      return failed;
    }
  }

  function get(element) { return call("GetValue", [element], ""); }
  function set(element, value) { return call("SetValue", [element, String(value)], "false") === "true"; }

  function setChanged(element, value) {
    value = String(value);
    if (sent[element] !== value && set(element, value)) { sent[element] = value; }
  }

  function key(id) { return String(id).replace(/-/g, "_"); }

  /* time (second,10,0) in UTC with two decimals: Moodle accepts no more. */
  function timestamp(date) {
    return date.toISOString().slice(0, 22) + "Z";
  }

  /* localized_string_type: the course language, then the text on one line. Text may not start
   * with "{" (it would read as a delimiter), so such text gets a leading space. */
  function localized(text, limit) {
    var plain = String(text).replace(/\s+/g, " ").trim();
    if (plain.charAt(0) === "{") { plain = " " + plain; }
    return "{lang=" + language + "}" + plain.slice(0, limit);
  }

  var FORMATS = ALS.questions.scorm2004;

  /* A response (or correct answer) in the player's terms → the RTE's format for its interaction type. */
  function format(x, value) {
    return FORMATS[x.type].format(x.question, value);
  }

  /* Free text: fill-in takes up to 250 characters, long-fill-in up to 4,000; "[,]" would split
   * a fill-in answer into several. */
  function freeText(text) {
    var plain = String(text).replace(/\s+/g, " ").trim().split("[,]").join("[ ,]");
    return plain.length > 250 ? { type: "long-fill-in", response: localized(plain, 4000) }
      : { type: "fill-in", response: localized(plain, 250) };
  }

  /* Player status → [completion_status, success_status]. */
  var STATUS = { incomplete: ["incomplete", "unknown"], completed: ["completed", "unknown"],
    passed: ["completed", "passed"], failed: ["completed", "failed"] };

  /* progress_measure agrees with completion_status, as the RTE asks: 1 exactly when
   * completed, strictly between 0 and 1 while incomplete. */
  function progress(share, completion) {
    return completion === "completed" ? 1 : Math.min(Math.max(share || 0, 0.01), 0.99);
  }

  /* One cmi.objectives entry per learning objective, found again on resume by its id. */
  function openObjectives(texts) {
    var count = Number(get("cmi.objectives._count")) || 0;
    var existing = {};
    for (var i = 0; i < count; i++) { existing[get("cmi.objectives." + i + ".id")] = i; }
    objectives = texts.map(function (text, n) {
      var id = moduleKey + ".objective_" + (n + 1);
      var index = existing[id];
      if (index === undefined) {
        index = count++;
        set("cmi.objectives." + index + ".id", id);
        set("cmi.objectives." + index + ".description", localized(text, 250));
      }
      return index;
    });
  }

  /* Where each interaction id already stands, so a retried question updates its record:
   * an LMS such as Moodle posts the whole data model on every commit, and appending on every
   * retry would grow it past what the browser may send while the page unloads. */
  function indexInteractions() {
    var count = Number(get("cmi.interactions._count")) || 0;
    interactionIndex = {};
    for (var i = 0; i < count; i++) { interactionIndex[get("cmi.interactions." + i + ".id")] = i; }
  }

  function interactionBase(id) {
    if (interactionIndex[id] === undefined) {
      interactionIndex[id] = Number(get("cmi.interactions._count")) || 0;
      set("cmi.interactions." + interactionIndex[id] + ".id", id);
    }
    return "cmi.interactions." + interactionIndex[id] + ".";
  }

  /* Moodle keeps one API object per player page, which stays terminated after a SCO ends, so
   * a second SCO in the same visit cannot start (error 104). The learner is told how to go on
   * instead of the module silently keeping progress in this browser only. */
  var BLOCKED = { 103: true, 104: true };
  function lastError() {
    return Number(call("GetLastError", [], "0")) || 0;
  }

  var REQUEST = { previous: "previous", next: "continue" };

  var adapter = {
    name: "scorm2004",
    suspendLimit: 64000,
    connect: function (data) {
      api = ALS.findScormApi("API_1484_11");
      if (!api) { return false; }
      if (call("Initialize", [""], "false") !== "true") {
        var blocked = BLOCKED[lastError()];
        api = null;
        if (blocked) { adapter.notice = ALS.t("lms.reopen"); }
        return Boolean(blocked);
      }
      language = data.course.language;
      compact = Boolean(data.modules);
      moduleKey = key(data.module.id);
      reviewOnly = get("cmi.mode") === "review";
      adapter.learnerName = get("cmi.learner_name");  // shown on the certificate only
      if (data.questions && data.questions.length) {  // a module page with a knowledge check (not the course menu)
        var passing = get("cmi.scaled_passing_score");
        if (passing !== "") { adapter.masteryScore = Math.round(Number(passing) * 10000) / 100; }
      }
      indexInteractions();
      if (data.sco) {
        if (!reviewOnly) { openObjectives(data.sco.objectives); }
        navigation = { previous: Boolean(data.sco.previous), "continue": Boolean(data.sco.next) };
      }
      return true;
    },
    resume: function () {
      if (!api) { return null; }
      var entry = get("cmi.entry");
      return entry === "resume" || entry === "" ? get("cmi.suspend_data") || null : null;
    },
    saveProgress: function (location, suspendData) {
      set("cmi.location", location);
      set("cmi.suspend_data", suspendData);
    },
    /* A new status is committed before the score: Moodle computes activity completion when
     * the score arrives and stores a commit's score before its status (docs/lms/moodle.md). */
    reportOutcome: function (outcome) {
      if (reviewOnly) { return; }
      var status = STATUS[outcome.status];
      var statusChanged = sent["cmi.completion_status"] !== status[0] || sent["cmi.success_status"] !== status[1];
      setChanged("cmi.progress_measure", progress(outcome.progress, status[0]));
      setChanged("cmi.completion_status", status[0]);
      setChanged("cmi.success_status", status[1]);
      objectives.forEach(function (index) {
        setChanged("cmi.objectives." + index + ".completion_status", status[0]);
        setChanged("cmi.objectives." + index + ".success_status", status[1]);
      });
      if (statusChanged) { call("Commit", [""], "false"); }
      var score = ALS.scormScore(outcome);
      if (score !== null && score !== undefined) {
        setChanged("cmi.score.min", 0);
        setChanged("cmi.score.max", 100);
        setChanged("cmi.score.raw", score);
        setChanged("cmi.score.scaled", score / 100);
      }
    },
    /* A single SCO hosting every module (the course menu) keeps one short record per question
     * and per statement of the course self-assessment (`x.course`), and leaves the tools'
     * self-assessments and free text out: an LMS such as Moodle sends the whole
     * data model on each commit and at unload, where browsers refuse a request over 64 KB,
     * and losing that request loses the exit and the session time (docs/runtime.md). */
    recordInteraction: function (x) {
      if (compact && x.correct === undefined && !x.course) { return; }
      var base = interactionBase(key(x.module) + "." + x.id);
      var text = x.type === "fill-in" ? freeText(x.response) : null;
      set(base + "type", text ? text.type : FORMATS[x.type].type);
      set(base + "learner_response", text ? text.response : format(x, x.response));
      set(base + "result", x.result === null ? "neutral" : (x.result ? "correct" : "incorrect"));
      if (compact) { return; }
      set(base + "timestamp", timestamp(x.timestamp));
      if (x.correct !== undefined) { set(base + "correct_responses.0.pattern", format(x, x.correct)); }
      set(base + "latency", ALS.isoDuration(x.latency));
      set(base + "description", localized(x.text, 250));
    },
    /* The certificate SCO of a sequenced package (docs/certificate.md): the modules' outcomes,
     * which the LMS maps from shared global objectives into cmi.objectives (id -> statuses);
     * viewing it completes it, without a score: the course's rollup leaves it out. */
    objectiveStatuses: function () {
      var found = {};
      var count = Number(get("cmi.objectives._count")) || 0;
      for (var i = 0; i < count; i++) {
        var base = "cmi.objectives." + i + ".";
        found[get(base + "id")] = { success: get(base + "success_status"), completion: get(base + "completion_status") };
      }
      return found;
    },
    reportViewed: function () {
      if (reviewOnly) { return; }
      setChanged("cmi.progress_measure", 1);
      setChanged("cmi.completion_status", "completed");
    },
    /* adl.nav.request: the neighbouring SCO of a course package, which the LMS opens after
     * Terminate. Moodle answers "unknown" to request_valid, so only "false" rules one out. */
    canLeaveTo: function (direction) {
      var request = REQUEST[direction];
      return navigation[request] && get("adl.nav.request_valid." + request) !== "false";
    },
    leaveTo: function (direction) { navRequest = REQUEST[direction]; },
    commit: function () {
      return api ? call("Commit", [""], "false") === "true" : true;  // after Terminate nothing is left to save
    },
    /* No Commit here: finish runs while the page is dismissed, where browsers refuse the
     * synchronous request an LMS may commit with; Terminate persists everything by the standard. */
    finish: function (finished) {
      set("cmi.exit", finished ? "normal" : "suspend");
      set("cmi.session_time", ALS.isoDuration((new Date() - startedAt) / 1000));
      if (navRequest) { set("adl.nav.request", navRequest); }
      call("Terminate", [""], "false");
      api = null;
    }
  };

  ALS.adapters.push(adapter);
})(window.ALS);
