/* The certificate SCO of a sequenced SCORM 2004 package (docs/certificate.md). The LMS maps each
 * module's shared global objective into this SCO's cmi.objectives: once every module is done by
 * the course rule (its knowledge check passed, or completed without one) it shows the course
 * menu's certificate, else the modules still to do. Viewing it completes it, without a score. */
(function (ALS) {
  "use strict";

  var data = JSON.parse(document.getElementById("als-data").textContent);
  var adapter = ALS.connect(data);
  var found = adapter.objectiveStatuses ? adapter.objectiveStatuses() : {};  // no LMS: nothing is known
  var todo = data.certificate.filter(function (m) {
    var status = found[m.objective] || {};
    return m.hasQuiz ? status.success !== "passed" : status.completion !== "completed";
  }).map(function (m) { return m.id; });
  var finished = false;

  ALS.$("#als-status").textContent = adapter.notice || "";
  ALS.$all("[data-todo-for]").forEach(function (item) { item.hidden = todo.indexOf(item.dataset.todoFor) < 0; });
  if (todo.length) {
    ALS.$("#als-certificate-todo").hidden = false;
  } else {
    ALS.fillCertificate(adapter.learnerName, data.course.language);
    ALS.$("#als-certificate").hidden = false;
  }
  ALS.$("#als-certificate-print").addEventListener("click", function () { window.print(); });
  if (adapter.reportViewed) { adapter.reportViewed(); }
  adapter.commit();

  function leave() {
    if (finished) { return; }
    finished = true;
    adapter.finish(true);
  }
  window.addEventListener("pagehide", leave);
  window.addEventListener("beforeunload", leave);
})(window.ALS);
