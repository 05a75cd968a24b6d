/* Standalone adapter: no LMS was found, so progress stays in this browser (localStorage).
 * Always connects, so it must be the last adapter a page loads. */
(function (ALS) {
  "use strict";

  var key = null;

  ALS.adapters.push({
    name: "standalone",
    connect: function (data) {
      key = "als:" + data.course.id + ":" + data.module.id;
      this.notice = ALS.t("lms.standalone");
      return true;
    },
    resume: function () {
      var store = ALS.localStorage();
      return (store && store.getItem(key)) || null;
    },
    saveProgress: function (location, suspendData) {
      var store = ALS.localStorage();
      if (store) { store.setItem(key, suspendData); }
    },
    reportOutcome: function () {},
    recordInteraction: function () {},
    commit: function () { return true; },
    finish: function () {}
  });
})(window.ALS);
