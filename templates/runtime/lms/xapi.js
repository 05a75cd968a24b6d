/* xAPI adapter for a TinCan launch (Rustici's launch document; XAPI-NOTES "TinCan launch").
 *
 * The LMS opens the package's launch page (the course shell, index.html) with
 *   ?endpoint=…&auth=…&actor=…[&registration=…][&activity_id=…]
 * `auth` is used verbatim as the Authorization header and kept in memory only; `actor` may
 * be in the 0.95 array form. Statements are about the launch activity (`activity_id`, else
 * the course's id from tincan.xml), which is what the LMS reads completion and success from;
 * pages and questions name their module as parent and the course as grouping. Every
 * statement carries this launch's session id (a context extension of the course's profile),
 * so analytics can tell sessions apart as cmi5's session id does. Statements an earlier
 * launch left queued (same endpoint, activity, registration and learner) are sent first:
 * TinCan credentials stand for the learner, not for one session.
 */
(function (ALS) {
  "use strict";

  var X = ALS.xapiStatements;

  ALS.adapters.push(X.adapter("xapi", function (data, p) {
    var actor = p.actor && X.agent(p.actor);
    if (!p.endpoint || !actor || !data.xapi) { return null; }
    var launch = data.xapi.course;
    if (p.activity_id) { launch = { objectType: "Activity", id: p.activity_id, definition: launch.definition }; }
    var sessionId = {};
    sessionId[data.xapi.extensions.session] = X.uuid();
    var session = new X.Session({
      lrs: new ALS.xapiQueue.Lrs(p.endpoint, p.auth || "").own([p.endpoint, launch.id, p.registration || "", p.actor].join("|")),
      actor: actor, registration: p.registration, data: data, launchActivity: launch, outcomes: true, saves: true,
      moduleActivity: function (id) { return data.xapi.modules[id].activity; },
      context: function () { return { extensions: sessionId }; }
    });
    session.initialized();
    return session;
  }));
})(window.ALS);
