/* The player: steps, navigation, progress, answers to the reflection and tool, and saving;
 * the knowledge check is quiz.js.
 *
 * It knows nothing about LMSs. It talks to the first registered adapter whose connect()
 * finds its LMS (see docs/runtime.md for the interface); standalone.js always connects.
 */
(function () {
  "use strict";

  var ALS = window.ALS;
  var data = JSON.parse(document.getElementById("als-data").textContent);
  var steps = Array.prototype.slice.call(document.querySelectorAll(".als-step"));
  var startedAt = new Date();
  var adapter = null;
  var state = null;
  var reported = {};          // field id -> value last sent as an interaction
  var quiz = null;            // the knowledge check (quiz.js)
  var finished = false;
  var retry = { timer: null, delay: 1000 };
  var policy = data.policy || {};

  var $ = ALS.$;
  var $all = ALS.$all;

  /* The contents list sits beside the content only in a wide frame (style.css); elsewhere it
   * starts closed so that the step comes first. */
  function wideFrame() { return window.matchMedia("(min-width: 60rem)").matches; }

  /* Focus an element and scroll only the module's own content to it: a plain focus() would
   * also scroll the LMS page around the frame. */
  function focusWithin(element) {
    var layout = $(".als-layout");
    element.focus({ preventScroll: true });
    var box = element.getBoundingClientRect();
    var area = layout.getBoundingClientRect();
    if (box.top < area.top || box.bottom > area.bottom) { layout.scrollTop += box.top - area.top - 16; }
  }

  function say(message) { $("#als-status").textContent = message || ""; }

  /* ---- outcome ---- */

  function allSeen() {
    return steps.every(function (_, i) { return state.seen[i]; });
  }

  function masteryScore() {
    return ALS.masteryScore(adapter, data.module.masteryScore);
  }

  /* Some LMSs treat "failed" as final (Cornerstone, SCORM 1.2): their profile keeps the
   * module "incomplete" until the learner passes, since retries remain. */
  function outcome() {
    var result = ALS.moduleOutcome(state.best, masteryScore(), data.questions.length > 0, allSeen());
    if (result.status === "failed") { result.status = policy.failedWhileRetrying || "failed"; }
    return result;
  }

  function progressMeasure() {
    var seen = state.seen.filter(Boolean).length;
    return Math.round((seen / steps.length) * 100) / 100;
  }

  function isFinished() {
    var status = outcome().status;
    return status === "passed" || status === "completed";
  }

  /* Called after save(): the course shell derives module outcomes from saved states. */
  function reportOutcome() {
    var result = outcome();
    adapter.reportOutcome({ status: result.status, score: result.score, progress: progressMeasure() });
  }

  /* ---- saving ---- */

  function save() {
    adapter.saveProgress(String(state.step), ALS.state.encode(data, state));
  }

  function commit() {
    clearTimeout(retry.timer);
    if (adapter.commit()) {
      retry.delay = 1000;
      if (retry.failed) { retry.failed = false; say(adapter.notice || ""); }
      return;
    }
    if (retry.delay > 8000) {
      retry.failed = true;
      say(ALS.t("player.not_saved"));
      retry.delay = 1000;
      retry.timer = setTimeout(commit, 15000);
      return;
    }
    retry.timer = setTimeout(commit, retry.delay);
    retry.delay *= 2;
  }

  function saveAndCommit() {
    save();
    commit();
  }

  /* ---- navigation ---- */

  /* At the first or last step, an adapter may offer the neighbouring module (SCORM 2004
   * adl.nav.request in a multi-SCO package) instead of a disabled button. */
  function leavesModule(direction, index) {
    var atEdge = direction === "previous" ? index === 0 : index === steps.length - 1;
    return atEdge && Boolean(adapter.canLeaveTo) && adapter.canLeaveTo(direction);
  }

  function pager(button, atEdge, toModule, direction) {
    button.disabled = atEdge && !toModule;
    button.textContent = ALS.t(toModule ? "player." + direction + "_module" : "player." + direction);
  }

  function move(direction) {
    if (leavesModule(direction, state.step)) {
      say(ALS.t(direction === "next" ? "player.opening_next" : "player.opening_previous"));
      adapter.leaveTo(direction);
      leave();
      return;
    }
    show(state.step + (direction === "next" ? 1 : -1), true);
  }

  function show(index, moveFocus) {
    var previous = state.step;
    if (previous !== index) { reportFields(steps[previous]); }
    state.step = index;
    state.seen[index] = true;
    steps.forEach(function (section, i) { section.hidden = i !== index; });
    $("#als-start").hidden = index !== 0;  // the module's start screen heads its first step
    $all("#als-toc button").forEach(function (button, i) {
      if (i === index) { button.setAttribute("aria-current", "step"); } else { button.removeAttribute("aria-current"); }
    });
    pager($("#als-prev"), index === 0, leavesModule("previous", index), "previous");
    pager($("#als-next"), index === steps.length - 1, leavesModule("next", index), "next");
    var seen = state.seen.filter(Boolean).length;
    $("#als-progress").value = seen;
    $("#als-progress-text").textContent = ALS.t("player.progress", { step: index + 1, total: steps.length, seen: seen });
    if (steps[index].dataset.kind === "quiz") { quiz.shown(); }
    if (steps[index].dataset.phase === "after") { showComparison(); }
    if (moveFocus) {
      $(".als-layout").scrollTop = 0;
      focusWithin($("h2", steps[index]));
    }
    adapter.stepShown({ module: data.module.id, index: index, id: data.steps[index].id, kind: data.steps[index].kind, title: data.steps[index].title });
    save();
    reportOutcome();
    commit();
  }

  /* ---- reflection and tool answers ---- */

  function readFields() {
    $all("textarea[data-field]").forEach(function (box) { state.texts[box.dataset.field] = box.value; });
    $all("input[type=checkbox][data-field]").forEach(function (box) { state.checks[box.dataset.field] = box.checked; });
    data.likert.forEach(function (s) {
      var picked = $("input[name='" + s.id + "']:checked");
      if (picked) { state.likert[s.id] = Number(picked.value); }
    });
  }

  function writeFields() {
    $all("textarea[data-field]").forEach(function (box) {
      box.value = state.texts[box.dataset.field] || "";
      updateCount(box);
    });
    $all("input[type=checkbox][data-field]").forEach(function (box) { box.checked = Boolean(state.checks[box.dataset.field]); });
    data.likert.forEach(function (s) {
      var radio = $("input[name='" + s.id + "'][value='" + state.likert[s.id] + "']");
      if (radio) { radio.checked = true; }
    });
  }

  function updateCount(box) {
    var left = box.maxLength - box.value.length;
    $("[data-count-for='" + box.dataset.field + "']").textContent = ALS.t("player.characters_left", { left: left, limit: box.maxLength });
  }

  /* Answers restored from a saved attempt reached the LMS in an earlier session: a resume
   * must not record them again. */
  function rememberReported() {
    Object.keys(state.likert).forEach(function (id) { reported[id] = state.likert[id]; });
    Object.keys(state.texts).forEach(function (id) { reported[id] = (state.texts[id] || "").trim(); });
  }

  /* Likert and free-text answers become interactions when the learner leaves their step;
   * `course` marks the course self-assessment's statements. */
  function reportFields(section) {
    if (!section || ["practice", "reflection", "tool", "self-assessment"].indexOf(section.dataset.kind) < 0) { return; }
    readFields();
    var now = new Date();
    var stepId = data.steps[Number(section.dataset.step)].id;
    data.likert.forEach(function (s) {
      var value = state.likert[s.id];
      if (s.step === stepId && value && reported[s.id] !== value) {
        reported[s.id] = value;
        adapter.recordInteraction({ module: data.module.id, id: s.id, type: "likert", text: s.text, response: value, result: null,
          latency: (now - startedAt) / 1000, timestamp: now, scale: s.scale, course: Boolean(s.course) });
      }
    });
    data.texts.forEach(function (t) {
      var value = (state.texts[t.id] || "").trim();
      if (t.step === section.dataset.kind && value && reported[t.id] !== value) {
        reported[t.id] = value;
        adapter.recordInteraction({ module: data.module.id, id: t.id, type: "fill-in", text: t.id, response: value, result: null,
          latency: (now - startedAt) / 1000, timestamp: now });
      }
    });
  }

  /* ---- the course self-assessment: before and after side by side ---- */

  /* The "before" answers as scale positions (0: none), or null where this package cannot read
   * them: they are in this module's state, or in the first module's, which only the course
   * menu of a single-SCO or xAPI package can hand over (adapter.moduleState). */
  function beforeAnswers() {
    var rows = data.compare.statements;
    if (data.likert.some(function (s) { return s.id === rows[0].before; })) {
      return rows.map(function (row) { return state.likert[row.before] || 0; });
    }
    var saved = adapter.moduleState ? adapter.moduleState(data.compare.firstModule) : null;
    var digits = saved ? ALS.state.likertOf(saved) : null;
    return digits === null ? null : rows.map(function (row, i) { return Number(digits.charAt(i)) || 0; });
  }

  function showComparison() {
    var table = $(".als-compare");
    if (!table) { return; }
    readFields();
    var before = beforeAnswers();
    var label = function (position) { return data.compare.scale[position - 1] || "–"; };
    data.compare.statements.forEach(function (row, i) {
      $("[data-before='" + row.before + "']", table).textContent = before ? label(before[i]) : "";
      $("[data-after='" + row.after + "']", table).textContent = label(state.likert[row.after]);
    });
    table.hidden = before === null;
    $(".als-compare-note").hidden = before !== null;
  }

  /* ---- leaving ---- */

  function leave() {
    if (finished) { return; }
    finished = true;
    reportFields(steps[state.step]);
    readFields();
    save();
    adapter.finish(isFinished());
  }

  /* The Exit button: end the session, then go to the LMS's page once the adapter says the
   * end is stored (it waits a bounded time), so the LMS sees the session closed. */
  function exit() {
    $("#als-exit").disabled = true;
    leave();
    say(ALS.t("player.leaving"));
    var go = function () { window.location.assign(adapter.exitUrl); };
    if (adapter.whenStored) { adapter.whenStored(go); } else { go(); }
  }

  /* ---- start ---- */

  function wire() {
    $("#als-prev").addEventListener("click", function () { move("previous"); });
    $("#als-next").addEventListener("click", function () { move("next"); });
    $all("#als-toc button").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!wideFrame()) { $(".als-toc-wrap").open = false; }  // beside nothing: make way for the step
        show(Number(button.dataset.goto), true);
      });
    });
    $all("textarea[data-field]").forEach(function (box) {
      box.addEventListener("input", function () { updateCount(box); readFields(); save(); });
    });
    $all("input[data-field], .als-likert input").forEach(function (input) {
      input.addEventListener("change", function () { readFields(); save(); showComparison(); });
    });
    if (adapter.exitUrl) {
      $("#als-exit").hidden = false;
      $("#als-exit").addEventListener("click", exit);
    }
    var print = $("#als-print");
    if (print) { print.addEventListener("click", function () { window.print(); }); }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && !finished) { readFields(); saveAndCommit(); }
    });
    window.addEventListener("pagehide", leave);
    window.addEventListener("beforeunload", leave);
  }

  function start() {
    adapter = ALS.connect(data);
    adapter.stepShown = adapter.stepShown || function () {};
    performance.mark("als:lms-connected");
    var saved = adapter.resume();
    state = saved ? ALS.state.decode(data, saved) : ALS.state.emptyState(data);
    rememberReported();
    say(adapter.notice || "");
    $(".als-toc-wrap").open = wideFrame();
    writeFields();
    quiz = ALS.quiz({ data: data, state: state, adapter: adapter, startedAt: startedAt, masteryScore: masteryScore,
      save: save, saved: function () { save(); reportOutcome(); commit(); }, focusWithin: focusWithin });
    quiz.restore();
    wire();
    show(state.step, false);
    performance.mark("als:first-content");
  }

  ALS.notify = say;
  ALS.player = { start: start, leave: leave };
  start();
})();
