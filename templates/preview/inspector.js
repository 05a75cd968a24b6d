/*
 * The preview's inspector: draws what the player (preview.js) records, beside the content.
 *
 * - "LMS data": the live data model of a SCORM attempt (scorm-again's), or for xAPI and
 *   cmi5 what the store holds for the registration (outcome statements, the state document):
 *   status, score, location, suspend data with its length against the edition's limit,
 *   interactions; and what the chosen LMS would make of it (docs/preview.md);
 * - "API calls": every SCORM call with its return value and error code, newest first;
 * - "Statements": every statement the store received, newest first, problems marked.
 * Rows carry data-key, list items data-method / data-verb, so tests and people find them.
 */
(function () {
  "use strict";

  var BEHAVIOURS = {
    moodle: {
      frame: "The content frame is 650×666 px, as Moodle 4.3's player shows a package at 1280×900.",
      scorm12: ["Mastery score overrides status: at LMSFinish the status follows score.raw against the masteryscore.",
                "At LMSFinish a status of \"not attempted\" is stored as \"completed\".",
                "Grades come from cmi.core.score.raw; suspend_data holds at most 4,096 characters."],
      scorm2004: ["One SCO per visit: after a Terminate, the next SCO opened from the course list gets Initialize → false, error 104. Resume or New attempt starts a new visit.",
                  "Grades come from cmi.score.raw; Moodle never evaluates success itself."],
      xapi: ["Moodle does not play xAPI packages itself: it needs a plugin and an external LRS."],
      cmi5: ["Moodle does not play cmi5 packages itself."]
    },
    cornerstone: {
      scorm12: ["A SCORM 1.2 \"failed\" leaves the course In Progress: the learner cannot progress.",
                "Commits made while the page unloads are ignored: what counts is the last commit before."],
      scorm2004: ["The course completes when completion_status is completed, even with success_status failed.",
                  "Commits made while the page unloads are ignored: what counts is the last commit before."],
      xapi: ["Completion and success are read from statements about the launch activity in tincan.xml."],
      cmi5: ["Cornerstone does not document cmi5 support."]
    }
  };
  var VERB_STATUS = { completed: "completed", passed: "passed", failed: "failed" };

  var I = window.inspector = { records: [], from: 0, state: null, registration: null };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function get(object, path) {
    return path.split(".").reduce(function (node, key) { return node == null ? undefined : node[key]; }, object);
  }

  function count(node) {
    if (!node) { return 0; }
    if (Array.isArray(node)) { return node.length; }
    if (Array.isArray(node.childArray)) { return node.childArray.length; }
    return Object.keys(node).filter(function (k) { return /^\d+$/.test(k); }).length;
  }

  function items(node) {
    if (!node) { return []; }
    if (Array.isArray(node)) { return node; }
    if (Array.isArray(node.childArray)) { return node.childArray; }
    return Object.keys(node).filter(function (k) { return /^\d+$/.test(k); }).map(function (k) { return node[k]; });
  }

  function suspendRow(text, limit) {
    var length = (text || "").length;
    return { value: length + (limit ? " / " + limit.toLocaleString("en") : "") + " characters", over: limit && length > limit, detail: text || "" };
  }

  /* Cornerstone's view of a SCORM status (LMS-NOTES "Cornerstone OnDemand"). */
  function cornerstoneView(standard, cmi) {
    if (standard === "scorm12") {
      var status = get(cmi, "core.lesson_status");
      if (status === "failed") { return "In Progress (blocked: a SCORM 1.2 failed cannot progress)"; }
      return status === "passed" || status === "completed" ? "Completed" : "In Progress";
    }
    return get(cmi, "completion_status") === "completed" ? "Completed" : "In Progress";
  }

  function scormRows(P) {
    var cmi = P.attempt.api.renderCMIToJSONObject();
    cmi = cmi.cmi || cmi;
    var limit = P.site.suspendLimit;
    var rows;
    if (P.site.standard === "scorm12") {
      rows = [["status", "Status", get(cmi, "core.lesson_status")],
        ["score", "Score (raw)", get(cmi, "core.score.raw")],
        ["location", "Location", get(cmi, "core.lesson_location")],
        ["entry", "Entry / exit", (get(cmi, "core.entry") || "—") + " / " + (get(cmi, "core.exit") || "—")],
        ["suspend", "suspend_data", suspendRow(cmi.suspend_data, limit)],
        ["session-time", "Session time", get(cmi, "core.session_time")]];
    } else {
      rows = [["status", "Completion", get(cmi, "completion_status")],
        ["success", "Success", get(cmi, "success_status")],
        ["score", "Score (raw / scaled)", (get(cmi, "score.raw") || "—") + " / " + (get(cmi, "score.scaled") || "—")],
        ["progress", "Progress measure", get(cmi, "progress_measure")],
        ["location", "Location", get(cmi, "location")],
        ["entry", "Entry / exit", (get(cmi, "entry") || "—") + " / " + (get(cmi, "exit") || "—")],
        ["suspend", "suspend_data", suspendRow(cmi.suspend_data, limit)],
        ["session-time", "Session time", get(cmi, "session_time")],
        ["objectives", "Objectives", count(cmi.objectives)]];
    }
    var interactions = items(cmi.interactions);
    rows.push(["interactions", "Interactions", {
      value: interactions.length,
      detail: interactions.map(function (x) {
        return [x.id, x.type, x.student_response !== undefined ? x.student_response : x.learner_response, x.result].join("  ");
      }).join("\n")
    }]);
    if (P.behaviour() === "cornerstone") { rows.push(["lms-view", "Cornerstone shows", cornerstoneView(P.site.standard, cmi)]); }
    if (P.behaviour() === "moodle") { rows.push(["lms-view", "Moodle grade", get(cmi, P.site.standard === "scorm12" ? "core.score.raw" : "score.raw") || "none"]); }
    return rows;
  }

  function xapiRows(P) {
    var mine = I.records.filter(function (r) { return r.registration === I.registration; });
    var status = "not attempted";
    var score = null;
    mine.forEach(function (r) {
      var verb = (r.statement.verb.id || "").split("/").pop();
      if (VERB_STATUS[verb] && !(status === "passed" && verb === "completed")) { status = VERB_STATUS[verb]; }
      if (r.statement.result && r.statement.result.score) { score = r.statement.result.score; }
    });
    var doc = I.state || {};
    var problems = mine.reduce(function (n, r) { return n + r.problems.length; }, 0);
    return [["status", "Status (from statements)", status],
      ["score", "Score (raw / scaled)", score ? (score.raw === undefined ? "—" : score.raw) + " / " + (score.scaled === undefined ? "—" : score.scaled) : "—"],
      ["location", "Location (state document)", doc.location],
      ["suspend", "Saved state", suspendRow(doc.state, null)],
      ["registration", "Registration", I.registration],
      ["statements", "Statements", mine.length + (problems ? " (" + problems + " problems)" : "")]];
  }

  function drawRows(rows) {
    var body = document.querySelector("#dm tbody");
    body.textContent = "";
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.dataset.key = row[0];
      tr.appendChild(el("th", row[1]));
      var cell = row[2] && typeof row[2] === "object" ? row[2] : { value: row[2] };
      var td = el("td", cell.value === undefined || cell.value === "" ? "—" : cell.value);
      if (cell.over) { td.className = "over"; td.title = "over the limit: the LMS may cut it or refuse it"; }
      if (cell.detail) {
        var details = el("details");
        details.appendChild(el("summary", "show"));
        details.appendChild(el("pre", cell.detail));
        td.appendChild(details);
      }
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  function show(value) { return JSON.stringify(value); }

  function drawCalls(P) {
    var list = document.getElementById("calls");
    list.textContent = "";
    var calls = (P.attempt && P.attempt.calls) || [];
    calls.slice(-300).forEach(function (call) {
      var failed = (call.error && call.error !== "0") || call.result === "false" || call.threw;
      var li = el("li", call.method + "(" + call.args.map(show).join(", ") + ") → " +
        (call.threw ? "threw " + call.threw : show(call.result)) + " · error " + (call.error || "—"), failed ? "error" : "");
      li.dataset.method = call.method;
      if (call.unloading) { li.appendChild(el("span", "while unloading", "tag")); }
      if (call.note) { li.appendChild(el("span", call.note, "note")); }
      list.insertBefore(li, list.firstChild);
    });
  }

  function drawStatements() {
    var list = document.getElementById("statements");
    list.textContent = "";
    I.records.forEach(function (record) {
      var s = record.statement;
      var verb = (s.verb && s.verb.id || "").split("/").pop();
      var result = s.result ? " " + JSON.stringify(s.result) : "";
      var li = el("li", null, record.problems.length ? "has-problems" : "");
      li.dataset.verb = verb;
      li.appendChild(el("strong", verb));
      li.appendChild(document.createTextNode(" " + (s.object && s.object.id) + result + " "));
      if (record.source === "LMS") { li.appendChild(el("span", "sent by the LMS", "tag")); }
      if (record.problems.length) {
        var ul = el("ul", null, "problems");
        record.problems.forEach(function (p) { ul.appendChild(el("li", p)); });
        li.appendChild(ul);
      }
      var details = el("details");
      details.appendChild(el("summary", "statement"));
      details.appendChild(el("pre", JSON.stringify(s, null, 2)));
      li.appendChild(details);
      list.insertBefore(li, list.firstChild);
    });
  }

  I.draw = function (P) {
    if (!P.site) { return; }
    var scorm = Boolean(P.scorm());
    document.getElementById("calls").hidden = !scorm;
    document.getElementById("statements").hidden = scorm;
    document.getElementById("log-title").textContent = scorm ? "API calls" : "Statements";
    var attempt = P.attempt;
    I.registration = attempt && attempt.registration;
    document.getElementById("player-note").textContent = P.note;
    document.getElementById("attempt-info").textContent = attempt
      ? P.learner() + " · " + attempt.unit.id + (attempt.entry !== undefined ? " · entry " + (attempt.entry || "\"\"") : "") + " · " + (attempt.ended ? "ended" : "running")
      : "No attempt yet: choose a unit.";
    drawRows(attempt ? (scorm ? scormRows(P) : xapiRows(P)) : []);
    var notes = document.getElementById("behaviour-notes");
    notes.textContent = "";
    var behaviour = BEHAVIOURS[P.behaviour()] || {};
    (behaviour[P.site.standard] || []).concat(behaviour.frame ? [behaviour.frame] : []).forEach(function (text) { notes.appendChild(el("li", text)); });
    if (scorm) { drawCalls(P); } else { drawStatements(); }
  };

  /* xAPI and cmi5: fetch what the store received since last time (and the state document). */
  function pollStatements() {
    var P = window.preview;
    if (!P || !P.site || P.scorm()) { setTimeout(pollStatements, 500); return; }
    var url = "/__preview__/api/statements?from=" + I.records.length + (I.registration ? "&registration=" + encodeURIComponent(I.registration) : "");
    fetch(url, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (reply) {
      var before = I.records.length + JSON.stringify(I.state);
      I.records = I.records.concat(reply.records);
      I.state = reply.state;
      if (before !== I.records.length + JSON.stringify(I.state)) { I.draw(P); }
    }).then(function () { setTimeout(pollStatements, 300); }, function () { setTimeout(pollStatements, 1000); });
  }
  pollStatements();
})();
