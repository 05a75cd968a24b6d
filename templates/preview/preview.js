/*
 * The preview's LMS player: launches a unit of the last good build in the content frame the
 * way an LMS does, keeps each learner's attempts, and reloads on a rebuild.
 *
 * SCORM 1.2 and 2004: the LMS side is scorm-again (vendor/, pinned), installed where the SCO's
 * API discovery finds it (window.API, window.API_1484_11), with the learner's stored data
 * loaded first (entry, suspend_data, status, score, interactions…). Every call is recorded
 * with its return value and the error code right after it. What the LMS keeps is what the
 * last successful commit held, per learner and unit, in this browser's localStorage.
 * xAPI and cmi5: the server's statement store launches the unit (TinCan parameters, or the
 * cmi5 registration, LMS.LaunchData and fetch URL); the same registration resumes.
 *
 * A rebuild reloads the running unit: its attempt is kept (ended, then resumed with all it
 * committed) unless the unit's steps, questions or fields changed, when a saved attempt could
 * not be restored: then a new attempt starts, and the note says why.
 * The inspector (inspector.js) draws what this file records.
 */
(function () {
  "use strict";

  var SCORM = {
    scorm12: {
      global: "API", ctor: "Scorm12API", initialize: "LMSInitialize", finish: "LMSFinish", commit: "LMSCommit",
      getLastError: "LMSGetLastError",
      methods: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]
    },
    scorm2004: {
      global: "API_1484_11", ctor: "Scorm2004API", initialize: "Initialize", finish: "Terminate", commit: "Commit",
      getLastError: "GetLastError",
      methods: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"]
    }
  };
  var KEPT_2004 = ["location", "suspend_data", "completion_status", "success_status", "progress_measure", "score", "interactions", "objectives"];

  var P = window.preview = {
    site: null, seen: -1, generation: 0, unit: null, attempt: null, visit: null, note: "",
    learner: function () { return document.getElementById("learner").value.trim() || "Learner"; },
    behaviour: function () { return document.getElementById("behaviour").value; },
    scorm: function () { return SCORM[P.site && P.site.standard]; }
  };

  function clone(value) { return value === undefined ? null : JSON.parse(JSON.stringify(value)); }

  function request(method, url, body) {
    return fetch(url, { method: method, cache: "no-store", headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined }).then(function (r) { return r.json(); });
  }

  /* ---- what the LMS keeps: per target, learner and unit ---- */

  function storeKey(unitId) { return ["als-preview", P.site.target, P.learner(), unitId].join("|"); }

  function stored(unitId) {
    try { return JSON.parse(localStorage.getItem(storeKey(unitId)) || "null"); } catch (e) { return null; }
  }

  function keep(unitId, record) {
    if (record) { localStorage.setItem(storeKey(unitId), JSON.stringify(record)); } else { localStorage.removeItem(storeKey(unitId)); }
  }

  function list(node) {
    if (!node) { return []; }
    if (Array.isArray(node)) { return node; }
    if (Array.isArray(node.childArray)) { return node.childArray; }
    return Object.keys(node).filter(function (k) { return /^\d+$/.test(k); }).sort(function (a, b) { return a - b; })
      .map(function (k) { return node[k]; });
  }

  function prune(node) {
    if (Array.isArray(node)) { return node.map(prune); }
    if (node && typeof node === "object") {
      var out = {};
      Object.keys(node).forEach(function (k) {
        var v = prune(node[k]);
        if (v !== "" && v !== null && !(typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length)) { out[k] = v; }
      });
      return out;
    }
    return node;
  }

  function snapshot(api) {
    var rendered = api.renderCMIToJSONObject();
    var cmi = clone(rendered.cmi !== undefined ? rendered.cmi : rendered);
    var total = null;
    try { total = api.cmi.getCurrentTotalTime(); } catch (e) { total = null; }
    return { cmi: cmi, totalTime: total };
  }

  /* The learner data an LMS loads before a launch: RTE, cmi.entry follows the last cmi.exit;
   * `keepAttempt` (a reload) resumes whatever the attempt committed. */
  function launchData(unit, record, keepAttempt) {
    var learner = P.learner();
    var cmi = record && record.cmi;
    if (P.site.standard === "scorm12") {
      var core = { student_id: learner.toLowerCase().replace(/\W+/g, "-"), student_name: learner, credit: "credit", lesson_mode: "normal", entry: "ab-initio" };
      var data = { core: core };
      if (unit.mastery) { data.student_data = { mastery_score: unit.mastery }; }
      var resume = cmi && (keepAttempt || cmi.core.exit === "suspend");
      if (!resume) { return data; }
      var was = cmi.core;
      Object.assign(core, prune({ entry: "resume", lesson_status: was.lesson_status, lesson_location: was.lesson_location,
        score: was.score, total_time: record.totalTime || was.total_time }));
      if (cmi.suspend_data) { data.suspend_data = cmi.suspend_data; }
      var interactions = list(cmi.interactions).map(prune);
      if (interactions.length) { data.interactions = interactions; }
      return data;
    }
    var out = { learner_id: learner.toLowerCase().replace(/\W+/g, "-"), learner_name: learner, credit: "credit", mode: "normal", entry: "ab-initio" };
    if (unit.mastery) { out.scaled_passing_score = unit.mastery; }
    if (!cmi || !(keepAttempt || cmi.exit === "suspend")) { return out; }
    out.entry = "resume";
    if (record.totalTime) { out.total_time = record.totalTime; }
    KEPT_2004.forEach(function (key) {
      var value = prune(cmi[key]);
      if (key === "interactions" || key === "objectives") { value = list(cmi[key]).map(prune); }
      if (value !== undefined && value !== "" && !(Array.isArray(value) && !value.length) && !(typeof value === "object" && !Object.keys(value).length)) {
        out[key] = value;
      }
    });
    return out;
  }

  /* ---- SCORM: the API object the SCO finds, recording every call ---- */

  function wrap(attempt, spec) {
    var api = attempt.api;
    var facade = {};
    spec.methods.forEach(function (name) {
      facade[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var entry = { method: name, args: clone(args) };
        if (attempt.unloading) { entry.unloading = true; }
        attempt.calls.push(entry);
        var result;
        try {
          result = api[name].apply(api, args);
        } catch (err) {
          entry.threw = String(err && err.message || err);
          P.changed();
          throw err;
        }
        entry.result = clone(result);
        entry.error = String(api[spec.getLastError]());
        if (attempt.refusedInit && name === spec.initialize) { entry.note = attempt.refusedInit; }
        if ((name === spec.commit || name === spec.finish) && String(result) === "true") {
          if (attempt.unloading && P.behaviour() === "cornerstone") {
            entry.note = "Cornerstone ignores commits made while the page unloads: not stored";
          } else {
            attempt.committed = snapshot(api);
          }
        }
        P.changed();
        return result;
      };
    });
    return facade;
  }

  function scormLaunch(unit, how, sameVisit) {
    var spec = P.scorm();
    var record = how === "new" ? null : stored(unit.id);
    var attempt = { unit: unit, calls: [], committed: null, unloading: false, how: how, registration: null };
    var moodleVisit = P.behaviour() === "moodle" && P.site.standard === "scorm2004" && sameVisit && P.visit && P.visit.terminated;
    if (moodleVisit) {
      // Moodle 4.3 keeps one API object per visit: after a Terminate, the next SCO's Initialize fails with 104.
      attempt.api = P.visit.api;
      attempt.refusedInit = "Moodle: one SCORM 2004 SCO per visit (the API stays terminated); Resume or New attempt starts a new visit";
    } else {
      attempt.api = new window[spec.ctor]({
        autocommit: false, logLevel: 5,
        mastery_override: P.behaviour() === "moodle" && P.site.standard === "scorm12"
      });
      attempt.api.loadFromJSON(launchData(unit, record, how === "keep"));
      P.visit = { api: attempt.api, terminated: false };
    }
    attempt.entry = P.site.standard === "scorm12" ? attempt.api.cmi.core.entry : attempt.api.cmi.entry;
    window.API = window.API_1484_11 = undefined;
    window[spec.global] = wrap(attempt, spec);
    return open(attempt, "/pkg/" + unit.package + "/" + unit.href);
  }

  function xapiLaunch(unit, how) {
    var attempt = { unit: unit, calls: [], how: how };
    return request("POST", "/__preview__/api/launch", { unit: unit.id, learner: P.learner(), attempt: how === "new" ? "new" : "resume" })
      .then(function (reply) {
        attempt.registration = reply.registration;
        return open(attempt, reply.url);
      });
  }

  function open(attempt, url) {
    P.attempt = attempt;
    document.body.dataset.attempt = "running";
    var frame = document.getElementById("content");
    return new Promise(function (resolve) {
      frame.addEventListener("load", function onLoad() {
        frame.removeEventListener("load", onLoad);
        resolve(attempt);
      });
      frame.src = url;
      P.changed();
    });
  }

  /* What the LMS stores when a SCO's attempt ends (Moodle turns "not attempted" into "completed" at LMSFinish). */
  function storeEnded(attempt) {
    if (!P.scorm() || !attempt.committed) { return; }
    var record = clone(attempt.committed);
    var core = record.cmi.core;
    if (P.behaviour() === "moodle" && core && (core.lesson_status === "not attempted" || !core.lesson_status)) { core.lesson_status = "completed"; }
    keep(attempt.unit.id, record);
  }

  /* End the attempt as an LMS does: navigate the content away, so the unit unloads and finishes. */
  P.end = function () {
    var attempt = P.attempt;
    if (!attempt || attempt.ended) { return Promise.resolve(attempt); }
    attempt.unloading = true;
    var frame = document.getElementById("content");
    return new Promise(function (resolve) {
      frame.addEventListener("load", function onLoad() {
        frame.removeEventListener("load", onLoad);
        attempt.ended = true;
        if (P.visit && attempt.api === P.visit.api) { P.visit.terminated = true; }
        storeEnded(attempt);
        document.body.dataset.attempt = "ended";
        P.changed();
        resolve(attempt);
      });
      frame.src = "about:blank";
    });
  };

  /* Launch `unitId`: how = "resume" (the LMS's choice from what it stored), "new" or "keep" (a reload). */
  P.launch = function (unitId, how, sameVisit) {
    var unit = (P.site.units || []).filter(function (u) { return u.id === unitId; })[0];
    if (!unit) { return Promise.resolve(null); }
    return P.end().then(function () {
      P.unit = unit.id;
      showUnits();
      if (how === "new" && P.scorm()) { keep(unit.id, null); }
      return P.scorm() ? scormLaunch(unit, how, sameVisit) : xapiLaunch(unit, how);
    });
  };

  /* ---- the build: units, problems, reload ---- */

  function showUnits() {
    var listEl = document.querySelector("#units ol");
    listEl.textContent = "";
    (P.site.units || []).forEach(function (unit) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.unit = unit.id;
      button.textContent = unit.title || unit.id;
      if (unit.id === P.unit) { button.setAttribute("aria-current", "true"); }
      button.addEventListener("click", function () { P.note = ""; P.launch(unit.id, "resume", true); });
      item.appendChild(button);
      listEl.appendChild(item);
    });
  }

  function renderedNames(ids) {
    return ids.length > 3 ? ids.length + " modules" : ids.join(", ") || "none";
  }

  function showBuild() {
    var site = P.site;
    document.getElementById("course-title").textContent = (site.course ? site.course.title : "Course") + " — preview";
    document.getElementById("build-info").textContent = site.target + ", " + site.mode + " · build " + site.generation +
      " in " + site.seconds + " s" + (site.rendered ? " (rendered: " + renderedNames(site.rendered) + ")" : "");
    document.body.dataset.generation = String(site.generation);
    var box = document.getElementById("build-problems");
    box.hidden = !site.problems.length;
    box.querySelector("pre").textContent = site.problems.join("\n");
  }

  /* A new good build: reload the running unit, keeping its attempt when its layout allows. */
  function reload(previous) {
    if (!P.unit) { return Promise.resolve(); }
    var unit = (P.site.units || []).filter(function (u) { return u.id === P.unit; })[0];
    var before = (previous.units || []).filter(function (u) { return u.id === P.unit; })[0];
    if (!unit) {
      P.note = "The unit that was playing is no longer in the build.";
      return P.end();
    }
    var keepAttempt = before && before.shape === unit.shape;
    P.note = keepAttempt ? "Reloaded after an edit: the attempt goes on." :
      "Reloaded after an edit that changed this unit's steps, questions or fields: a saved attempt could not be restored, so this is a new attempt.";
    return P.launch(unit.id, keepAttempt ? "keep" : "new");
  }

  function apply(site) {
    var previous = P.site || {};
    P.site = site;
    P.seen = site.seen;
    showBuild();
    var rebuilt = previous.generation && site.generation !== previous.generation;
    var done = rebuilt ? reload(previous) : Promise.resolve();
    return done.then(function () {
      showUnits();
      P.changed();
    });
  }

  function poll() {
    request("GET", "/__preview__/api/wait?seen=" + P.seen).then(function (site) {
      return site.seen !== P.seen ? apply(site) : null;
    }).then(poll, function () { setTimeout(poll, 1000); });
  }

  P.changed = function () {
    if (window.inspector) { window.inspector.draw(P); }
  };

  function buttons() {
    document.getElementById("end-attempt").addEventListener("click", function () { P.note = ""; P.end(); });
    document.getElementById("resume-attempt").addEventListener("click", function () { P.note = ""; if (P.unit) { P.launch(P.unit, "resume"); } });
    document.getElementById("new-attempt").addEventListener("click", function () { P.note = ""; if (P.unit) { P.launch(P.unit, "new"); } });
    document.getElementById("switch-learner").addEventListener("click", function () {
      P.note = "Now playing as " + P.learner() + ".";
      if (P.unit) { P.launch(P.unit, "resume"); }
    });
    document.getElementById("behaviour").addEventListener("change", function () {
      document.body.dataset.behaviour = P.behaviour();
      P.changed();
    });
  }

  request("GET", "/__preview__/api/site").then(function (site) {
    document.getElementById("behaviour").value = site.lms;
    document.body.dataset.behaviour = site.lms;
    buttons();
    return apply(site);
  }).then(function () {
    var first = (P.site.units || [])[0];
    document.body.dataset.ready = "true";
    poll();
    if (first) { return P.launch(first.id, "resume"); }
    return null;
  });
})();
