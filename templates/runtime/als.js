/* The ALS namespace every runtime file adds to, loaded first, and what the module player
 * (player.js), the course menu (course.js) and the adapters share: choosing the adapter,
 * this browser's storage and the module outcome rule. */
(function (root) {
  "use strict";

  var ALS = root.ALS = root.ALS || {};
  ALS.adapters = ALS.adapters || [];

  /* The first element matching `selector` (in `scope`, else the document), and all of them as an array. */
  ALS.$ = function (selector, scope) { return (scope || document).querySelector(selector); };
  ALS.$all = function (selector, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(selector)); };

  /* A UI string of the course's language (the page data's `ui`, from templates/locales), its
   * {name} placeholders filled in from `values`. */
  var ui = null;
  ALS.t = function (key, values) {
    ui = ui || JSON.parse(document.getElementById("als-data").textContent).ui;
    return ui[key].replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  };

  /* The first registered adapter whose connect() finds its LMS; pages load standalone.js,
   * which always connects, last. */
  ALS.connect = function (data) {
    for (var i = 0; i < ALS.adapters.length; i++) {
      if (ALS.adapters[i].connect(data)) { return ALS.adapters[i]; }
    }
    return null;
  };

  /* localStorage, or null where the browser refuses it (some private modes, sandboxed frames). */
  ALS.localStorage = function () {
    try { return root.localStorage; } catch (e) { return null; }
  };

  /* An LMS launch may override the built mastery score (cmi5 LaunchData, SCORM 2004
   * cmi.scaled_passing_score): the adapter then says so in `masteryScore`. */
  ALS.masteryScore = function (adapter, built) {
    return typeof adapter.masteryScore === "number" ? adapter.masteryScore : built;
  };

  /* The certificate's learner name, as the LMS gives it, and today's date, for the course menu
   * and the certificate SCO of a sequenced package (docs/certificate.md). */
  ALS.fillCertificate = function (learnerName, language) {
    ALS.$("#als-certificate-name").textContent = learnerName || ALS.t("certificate.unnamed");
    var date = new Intl.DateTimeFormat(language, { dateStyle: "long" }).format(new Date());
    ALS.$("#als-certificate-date").textContent = ALS.t("certificate.date", { date: date });
  };

  /* The module outcome rule: passed or failed once the knowledge check has a best score
   * (`best`, null before), else completed once every step is seen in a module without one. */
  ALS.moduleOutcome = function (best, masteryScore, hasQuiz, allSeen) {
    if (best !== null) {
      return { status: best >= masteryScore ? "passed" : "failed", score: best };
    }
    return { status: !hasQuiz && allSeen ? "completed" : "incomplete", score: null };
  };
})(window);
