/* The course shell of a single-SCO package: a module menu that hosts each module page in a
 * frame and is the one SCO the LMS sees.
 *
 * Module pages talk to it through lms/shell.js; it talks to the LMS through the first real
 * adapter that connects. It keeps every module's encoded state together (length-prefixed)
 * and reports one aggregated status, score and progress for the course.
 */
(function () {
  "use strict";

  var ALS = window.ALS;
  var data = JSON.parse(document.getElementById("als-data").textContent);
  var policy = data.policy || {};
  var localKey = "als:" + data.course.id + ":course";
  var adapter = null;
  var states = {};      // module id -> encoded module state (S1~…)
  var current = null;   // module id shown in the frame
  var finished = false;
  var frame = document.getElementById("als-module-frame");

  function $(selector) { return document.querySelector(selector); }
  function say(message) { $("#als-status").textContent = message || ""; }

  /* ---- the combined state: C1~<current module index>~<len>:<state>… ---- */

  function fields(encoded) {
    var parts = [];
    var rest = encoded || "";
    for (var i = 0; i < 8 && rest.indexOf("~") >= 0; i++) {
      parts.push(rest.slice(0, rest.indexOf("~")));
      rest = rest.slice(rest.indexOf("~") + 1);
    }
    return { parts: parts, texts: rest };
  }

  /* The same module state with every free-text answer emptied. */
  function withoutTexts(encoded, count) {
    var f = fields(encoded);
    if (f.parts.length < 8) { return encoded; }
    return f.parts.join("~") + "~" + new Array(count + 1).join("0:");
  }

  function encodeAll(strip) {
    var index = data.modules.map(function (m) { return m.id; }).indexOf(current);
    return "C1~" + index + "~" + data.modules.map(function (m) {
      var s = states[m.id] || "";
      if (strip && s) { s = withoutTexts(s, m.texts); }
      return s.length + ":" + s;
    }).join("");
  }

  function decodeAll(text) {
    var found = {};
    if (!text || text.indexOf("C1~") !== 0) { return found; }
    var at = text.indexOf("~", 3) + 1;
    data.modules.forEach(function (m) {
      var colon = text.indexOf(":", at);
      var length = parseInt(text.slice(at, colon), 10);
      if (colon < 0 || isNaN(length)) { return; }
      if (length) { found[m.id] = text.substr(colon + 1, length); }
      at = colon + 1 + length;
    });
    return found;
  }

  /* ---- outcomes ---- */

  function moduleOutcome(m) {
    var f = fields(states[m.id]);
    if (f.parts.length < 8) { return { status: "not-started", score: null }; }
    if (f.parts[3] !== "") {
      var score = Number(f.parts[3]);
      return { status: score >= m.masteryScore ? "passed" : "failed", score: score };
    }
    var seen = 0;
    for (var i = 0; i < m.steps; i++) {
      if (parseInt(f.parts[2].charAt(i >> 2) || "0", 16) & (1 << (i % 4))) { seen += 1; }
    }
    return { status: !m.hasQuiz && seen === m.steps ? "completed" : "incomplete", score: null };
  }

  function courseOutcome() {
    var outcomes = data.modules.map(moduleOutcome);
    var done = outcomes.filter(function (o) { return o.status === "passed" || o.status === "completed"; }).length;
    var quizzes = data.modules.filter(function (m) { return m.hasQuiz; });
    var attempted = outcomes.filter(function (o) { return o.score !== null; });
    var score = attempted.length ? Math.round(attempted.reduce(function (sum, o) { return sum + o.score; }, 0) / quizzes.length) : null;
    var status = "incomplete";
    if (done === data.modules.length) {
      status = quizzes.length ? "passed" : "completed";
    } else if (attempted.length === quizzes.length && quizzes.length && outcomes.every(function (o) { return o.status !== "incomplete" && o.status !== "not-started"; })) {
      status = policy.failedWhileRetrying || "failed";
    }
    return { status: status, score: score, passed: status === "passed", progress: Math.round((done / data.modules.length) * 100) / 100, done: done };
  }

  var LABELS = { "not-started": "Not started", incomplete: "In progress", passed: "Passed", failed: "Not yet passed", completed: "Completed" };

  function showMenuStatus() {
    data.modules.forEach(function (m) {
      var o = moduleOutcome(m);
      document.querySelector("[data-status-for='" + m.id + "']").textContent =
        LABELS[o.status] + (o.score !== null ? " (" + o.score + "%)" : "");
    });
    var result = courseOutcome();
    $("#als-progress").value = result.done;
    $("#als-progress-text").textContent = result.done + " of " + data.modules.length + " modules finished";
  }

  /* ---- saving ---- */

  function save() {
    var full = encodeAll(false);
    try { window.localStorage.setItem(localKey, full); } catch (e) { /* private browsing: the LMS copy still counts */ }
    var limit = adapter.suspendLimit || Infinity;
    adapter.saveProgress(current || "menu", full.length <= limit ? full : encodeAll(true));
  }

  function report() {
    adapter.reportOutcome(courseOutcome());
    showMenuStatus();
  }

  /* Free text left out of a too-small LMS copy comes back from this browser's copy. */
  function restore(saved) {
    var fromLms = decodeAll(saved);
    var local = {};
    try { local = decodeAll(window.localStorage.getItem(localKey)); } catch (e) { local = {}; }
    data.modules.forEach(function (m) {
      var lms = fromLms[m.id];
      if (lms && local[m.id] && withoutTexts(local[m.id], m.texts) === lms) { lms = local[m.id]; }
      if (lms) { states[m.id] = lms; }
    });
  }

  /* ---- what module pages call (through lms/shell.js) ---- */

  ALS.shell = {
    moduleState: function (id) { return states[id] || null; },
    saveModule: function (id, encoded) { states[id] = encoded; save(); },
    moduleOutcome: function () { report(); },
    recordInteraction: function (x) { adapter.recordInteraction(x); },
    stepShown: function (step) { if (adapter.stepShown) { adapter.stepShown(step); } },
    commit: function () { return adapter.commit(); },
    moduleClosed: function () { save(); adapter.commit(); }
  };

  /* ---- menu and frame ---- */

  function open(id) {
    current = id;
    var module = data.modules.filter(function (m) { return m.id === id; })[0];
    frame.src = module.href;
    frame.title = module.title;
    $("#als-menu").hidden = true;
    $("#als-player").hidden = false;
    save();
    frame.focus();
  }

  function closeModule() {
    var player = frame.contentWindow && frame.contentWindow.ALS && frame.contentWindow.ALS.player;
    if (player) { player.leave(); }
    frame.removeAttribute("src");
    current = null;
    $("#als-player").hidden = true;
    $("#als-menu").hidden = false;
    save();
    adapter.commit();
    showMenuStatus();
    $("#als-menu-title").focus();
  }

  function leave() {
    if (finished) { return; }
    finished = true;
    var player = frame.contentWindow && frame.contentWindow.ALS && frame.contentWindow.ALS.player;
    if (player) { player.leave(); }
    save();
    var result = courseOutcome();
    adapter.finish(result.status === "passed" || result.status === "completed");
  }

  function start() {
    for (var i = 0; !adapter; i++) {
      if (ALS.adapters[i].connect(data)) { adapter = ALS.adapters[i]; }
    }
    restore(adapter.resume());
    say(adapter.notice || "");
    ALS.notify = say;
    Array.prototype.forEach.call(document.querySelectorAll("[data-open]"), function (button) {
      button.addEventListener("click", function () { open(button.dataset.open); });
    });
    $("#als-back").addEventListener("click", closeModule);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && !finished) { save(); adapter.commit(); }
    });
    window.addEventListener("pagehide", leave);
    window.addEventListener("beforeunload", leave);
    report();
    adapter.commit();
  }

  start();
})();
