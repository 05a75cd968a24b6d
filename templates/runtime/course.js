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
  var codec = ALS.state;
  var data = JSON.parse(document.getElementById("als-data").textContent);
  var policy = data.policy || {};
  var localKey = "als:" + data.course.id + ":course";
  var adapter = null;
  var states = {};      // module id -> encoded module state (S2~…, state.js)
  var current = null;   // module id shown in the frame
  var finished = false;
  var frame = document.getElementById("als-module-frame");

  var $ = ALS.$;
  function say(message) { $("#als-status").textContent = message || ""; }

  /* ---- the combined state: C1~<current module index>~<module states, length-prefixed> ---- */

  function encodeAll(strip) {
    var index = data.modules.map(function (m) { return m.id; }).indexOf(current);
    return "C1~" + index + "~" + codec.joinPrefixed(data.modules.map(function (m) {
      var s = states[m.id] || "";
      return strip && s ? codec.withoutTexts(s, m.texts) : s;
    }));
  }

  /* Module id -> saved state; nothing from a damaged or foreign text. */
  function decodeAll(text) {
    var found = {};
    if (!text || text.indexOf("C1~") !== 0) { return found; }
    try {
      codec.splitPrefixed(text.slice(text.indexOf("~", 3) + 1), data.modules.length).forEach(function (s, i) {
        if (s) { found[data.modules[i].id] = s; }
      });
    } catch (e) {
      return {};
    }
    return found;
  }

  /* ---- outcomes ---- */

  function moduleOutcome(m) {
    var saved = codec.peek(states[m.id], m.steps);
    if (!saved) { return { status: "not-started", score: null }; }
    return ALS.moduleOutcome(saved.best, ALS.masteryScore(adapter, m.masteryScore), m.hasQuiz, saved.seen === m.steps);
  }

  /* The course result rule (shown in the menu, docs/xapi.md): the course is passed when every
   * module is passed or completed; its score is the lowest knowledge check score, once every
   * check has been tried. So with one mastery score for the course, the course score and
   * result always agree: never "failed at 98%" with a mastery score of 80. */
  function courseOutcome() {
    var outcomes = data.modules.map(moduleOutcome);
    var done = outcomes.filter(function (o) { return o.status === "passed" || o.status === "completed"; }).length;
    var quizzes = data.modules.filter(function (m) { return m.hasQuiz; });
    var attempted = outcomes.filter(function (o) { return o.score !== null; });
    var score = attempted.length === quizzes.length && quizzes.length ? Math.min.apply(null, attempted.map(function (o) { return o.score; })) : null;
    var status = "incomplete";
    if (done === data.modules.length) {
      status = quizzes.length ? "passed" : "completed";
    } else if (attempted.length === quizzes.length && quizzes.length && outcomes.every(function (o) { return o.status !== "incomplete" && o.status !== "not-started"; })) {
      status = policy.failedWhileRetrying || "failed";
    }
    return { status: status, score: score, passed: status === "passed", progress: Math.round((done / data.modules.length) * 100) / 100, done: done };
  }

  function showMenuStatus() {
    data.modules.forEach(function (m) {
      var o = moduleOutcome(m);
      var label = ALS.t("menu.status." + o.status);
      document.querySelector("[data-status-for='" + m.id + "']").textContent =
        o.score !== null ? ALS.t("menu.score", { status: label, score: o.score }) : label;
      document.querySelector("[data-card-for='" + m.id + "']").dataset.status = o.status;
    });
    var result = courseOutcome();
    $("#als-certificate-offer").hidden = result.status !== "passed" && result.status !== "completed";
    $("#als-progress").value = result.done;
    $("#als-progress-text").textContent = ALS.t("menu.finished", { done: result.done, total: data.modules.length });
  }

  /* ---- saving ---- */

  function save() {
    var full = encodeAll(false);
    try { ALS.localStorage().setItem(localKey, full); } catch (e) { /* private browsing: the LMS copy still counts */ }
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
    try { local = decodeAll(ALS.localStorage().getItem(localKey)); } catch (e) { local = {}; }
    data.modules.forEach(function (m) {
      var lms = fromLms[m.id];
      if (lms && local[m.id] && codec.withoutTexts(local[m.id], m.texts) === lms) { lms = local[m.id]; }
      if (lms) { states[m.id] = lms; }
    });
  }

  /* ---- what module pages call (through lms/shell.js) ---- */

  ALS.shell = {
    moduleState: function (id) { return states[id] || null; },
    saveModule: function (id, encoded) { states[id] = encoded; save(); },
    moduleOutcome: function (id, outcome) {
      if (adapter.moduleOutcome) { adapter.moduleOutcome(id, outcome); }
      report();
    },
    recordInteraction: function (x) { adapter.recordInteraction(x); },
    stepShown: function (step) { if (adapter.stepShown) { adapter.stepShown(step); } },
    commit: function () { return adapter.commit(); },
    moduleClosed: function (id) {
      save();
      if (adapter.moduleClosed) { adapter.moduleClosed(id); }
      if (!finished) { adapter.commit(); }  // the course page is being left: finish() persists
    }
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
    frame.focus({ preventScroll: true });  // the LMS page around the course stays still
  }

  /* End the session of the module in the frame, if one is open: it saves through ALS.shell. */
  function leaveModule() {
    var player = frame.contentWindow && frame.contentWindow.ALS && frame.contentWindow.ALS.player;
    if (player) { player.leave(); }
  }

  function closeModule() {
    leaveModule();
    frame.removeAttribute("src");
    current = null;
    $("#als-player").hidden = true;
    $("#als-menu").hidden = false;
    save();
    adapter.commit();
    showMenuStatus();
    $("#als-menu-title").focus({ preventScroll: true });
  }

  /* ---- the certificate, once the course is passed or completed ---- */

  function showCertificate() {
    ALS.fillCertificate(adapter.learnerName, data.course.language);
    $("#als-menu").hidden = true;
    $("#als-certificate").hidden = false;
    $("#als-certificate").focus({ preventScroll: true });
  }

  function closeCertificate() {
    $("#als-certificate").hidden = true;
    $("#als-menu").hidden = false;
    $("#als-certificate-open").focus({ preventScroll: true });
  }

  function leave() {
    if (finished) { return; }
    finished = true;
    leaveModule();
    save();
    var result = courseOutcome();
    adapter.finish(result.status === "passed" || result.status === "completed");
  }

  function start() {
    adapter = ALS.connect(data);
    restore(adapter.resume());
    say(adapter.notice || "");
    ALS.notify = say;
    Array.prototype.forEach.call(document.querySelectorAll("[data-open]"), function (button) {
      button.addEventListener("click", function () { open(button.dataset.open); });
    });
    $("#als-back").addEventListener("click", closeModule);
    $("#als-certificate-open").addEventListener("click", showCertificate);
    $("#als-certificate-close").addEventListener("click", closeCertificate);
    $("#als-certificate-print").addEventListener("click", function () { window.print(); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && !finished) { save(); adapter.commit(); }
    });
    window.addEventListener("pagehide", leave);
    window.addEventListener("beforeunload", leave);
    reportSavedModules();
    report();
    adapter.commit();
  }

  /* Each started module's outcome as saved, for an adapter that reports modules: one lost on
   * the way to the LRS in an earlier session is derived again (docs/xapi.md). */
  function reportSavedModules() {
    if (!adapter.moduleOutcome) { return; }
    data.modules.forEach(function (m) {
      if (states[m.id]) { adapter.moduleOutcome(m.id, moduleOutcome(m)); }
    });
  }

  start();
})();
