/* Adapter for a module page inside the single-SCO course shell (course.js): the shell, not
 * the module, talks to the LMS. Opened on its own, the page falls back to standalone. */
(function (ALS) {
  "use strict";

  var shell = null;
  var moduleId = null;

  ALS.adapters.push({
    name: "shell",
    connect: function (data) {
      try {
        shell = window.parent !== window && window.parent.ALS && window.parent.ALS.shell;
      } catch (e) {
        shell = null;
      }
      moduleId = data.module.id;
      return Boolean(shell);
    },
    resume: function () { return shell.moduleState(moduleId); },
    /* Another module's saved state: the course self-assessment compares with the first module's. */
    moduleState: function (id) { return shell.moduleState(id); },
    saveProgress: function (location, state) { shell.saveModule(moduleId, state); },
    reportOutcome: function (outcome) { shell.moduleOutcome(moduleId, outcome); },
    recordInteraction: function (x) { shell.recordInteraction(x); },
    stepShown: function (step) { shell.stepShown(step); },
    commit: function () { return shell.commit(); },
    finish: function () { shell.moduleClosed(moduleId); }
  });
})(window.ALS);
